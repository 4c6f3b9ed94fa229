import { checkNationalId } from '../../domain/national-id.ts';
import type { RecordRow, SubjectRow, Tx } from '../ports/ports.store.ts';
import type { LineResult } from './ingest.input.ts';
import { reject, text } from './ingest.input.ts';
import {
  insertOrganization,
  insertPerson,
  organizationLine,
  personLine,
  type SubjectDeps,
} from './ingest.subjects.ts';

/** A subject line of a source without the registry domain: it names the subject of a record that follows. */
interface Reference {
  readonly index: number;
  readonly kind: 'person' | 'organization';
  readonly key: string;
  readonly name: string;
  /** Stands for the subject while a record about it is validated, if it is not registered yet. */
  readonly placeholder: number;
  /** The record lines about it: the line is accepted when one of them is. */
  readonly records: { index: number; what: string }[];
}

const NOT_ENTITLED = 'auth.registry_not_authorised';
const REGISTRY_FIELDS = ['parent', 'legal_representative', 'actual_controller', 'effective_from'] as const;

/**
 * Subject lines from a source not authorised for the registry domain (DESIGN §2). Such a source references
 * subjects and may register a new one only as the subject of a record it submits in the same request; it never
 * changes a registry fact. A person line answers the same whether or not the national identity number was
 * registered (the registered name stays), and a record names a person by national identity number only after a
 * person line for them, so that no answer tells the source whether a person exists.
 */
export class ReferenceLines {
  private readonly lines = new Map<string, Reference>();
  private current: Reference | undefined;

  constructor(private readonly deps: () => SubjectDeps) {}

  clear(): void {
    this.lines.clear();
  }

  /** Reads a person or organization line; its answer is settled after the records of the batch. */
  async line(
    tx: Tx,
    kind: 'person' | 'organization',
    l: Record<string, unknown>,
    index: number,
  ): Promise<LineResult> {
    const d = this.deps();
    for (const f of REGISTRY_FIELDS)
      if (text(l, f) !== undefined)
        reject(
          NOT_ENTITLED,
          f,
          `${f}: only an admin or a source authorised for the registry domain records registry facts`,
        );
    if (kind === 'person') {
      const { hash, name } = personLine(d, l);
      this.add({ index, kind, key: `p:${hash}`, name });
    } else {
      const { usci, name } = organizationLine(d, l);
      const existing = await d.orgByUsci(tx, usci);
      if (existing) {
        // organizations are public: an existing one is simply referenced, but its name is not the source's to change
        if (existing.name !== name)
          reject(
            NOT_ENTITLED,
            'name',
            `organization ${usci} is registered as "${existing.name}"; only an admin or a source authorised for the registry domain renames it`,
          );
        return { ok: true, status: 'unchanged', what: `organization ${usci}` };
      }
      this.add({ index, kind, key: `o:${usci}`, name });
    }
    return without();
  }

  private add(r: Omit<Reference, 'placeholder' | 'records'>): void {
    this.lines.set(r.key, { ...r, placeholder: -1 - r.index, records: [] });
  }

  /** Starts validating a record line. */
  beginRecord(): void {
    this.current = undefined;
  }

  /** Resolves a record's subject for a source that only references subjects. */
  async resolve(tx: Tx, ref: string): Promise<SubjectRow | undefined> {
    const d = this.deps();
    if (ref.length === 18 && checkNationalId(ref).ok) {
      const r = this.lines.get(`p:${d.ctx.hashNationalId(ref)}`);
      if (!r)
        reject(
          'auth.person_line_required',
          'subject',
          'a source names a person by national identity number only after a person line (national_id, name) for them in the same request',
        );
      this.current = r;
      return (await d.personByHash(tx, r.key.slice(2))) ?? placeholderOf(r);
    }
    const r = this.lines.get(`o:${ref}`);
    if (r) {
      this.current = r;
      return (await d.orgByUsci(tx, ref)) ?? placeholderOf(r);
    }
    const [s] = await tx.subjectsByUsci([ref]);
    if (s) return s;
    if (/^P\d{1,12}$/.test(ref)) return (await tx.subjectsById([Number(ref.slice(1))]))[0];
    return undefined;
  }

  /**
   * A valid record about a referenced subject: registers the subject if it is new (unless the record's key was
   * already used, which makes the record a conflict) and returns its id.
   */
  async endRecord(tx: Tx, row: Omit<RecordRow, 'seq'>, index: number, keyTaken: boolean): Promise<number> {
    const r = this.current;
    this.current = undefined;
    if (!r) return row.subject_id;
    r.records.push({ index, what: `${row.source}/${row.record_id}` });
    if (row.subject_id !== r.placeholder || keyTaken) return row.subject_id;
    const d = this.deps();
    const now = d.ctx.clock.now();
    return r.kind === 'person'
      ? insertPerson(d, tx, r.key.slice(2), r.name, now, now)
      : insertOrganization(d, tx, r.key.slice(2), r.name, now);
  }

  /** The answers of the subject lines, once the records that follow them have theirs. */
  settle(results: LineResult[]): void {
    for (const r of this.lines.values()) {
      const rec = r.records.find((x) => results[x.index]?.ok);
      if (!rec) continue;
      results[r.index] =
        r.kind === 'person'
          ? // the same answer whether or not the person was registered
            { ok: true, status: 'unchanged', what: `person, the subject of record ${rec.what}` }
          : { ok: true, status: 'created', what: `organization ${r.key.slice(2)}` };
    }
    this.lines.clear();
  }
}

function without(): LineResult {
  return {
    ok: false,
    code: 'auth.subject_without_record',
    field: 'kind',
    message:
      'a source not authorised for the registry domain registers a person or an organization only as the subject of an accepted record that follows it in the same request',
  };
}

function placeholderOf(r: Reference): SubjectRow {
  return {
    id: r.placeholder,
    kind: r.kind,
    usci: r.kind === 'organization' ? r.key.slice(2) : null,
    id_hash: r.kind === 'person' ? r.key.slice(2) : null,
    name: r.name,
    parent_id: null,
    created_at: 0,
  };
}
