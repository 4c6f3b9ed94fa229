import type { Rulebook } from '../../rules/rulebook.model.ts';
import type { RulebookSet } from '../../rules/versions.ts';
import { audit } from '../audit/audit.log.ts';
import { affectedBy } from '../derive/derive.files.ts';
import { DERIVE_SUBJECTS, deriveSlices } from '../derive/derive.slices.ts';
import { recompute } from '../derive/derive.usecases.ts';
import { emitNotices, recordNotice } from '../due-process/due-process.notices.ts';
import { activeRulebooks } from '../governance/governance.rulebooks.ts';
import { type AppContext, sha256 } from '../ports/ports.context.ts';
import type { RecordRow, SourceRow, SubjectRow, Tx } from '../ports/ports.store.ts';
import { recordContentHash } from './ingest.content-hash.ts';
import type { LineResult } from './ingest.input.ts';
import { FIELDS, Reject, reject, unknownFields } from './ingest.input.ts';
import { isIdRef, SubjectLookup } from './ingest.lookup.ts';
import { type RecordDeps, validateRecordFields } from './ingest.records.ts';
import { ReferenceLines } from './ingest.reference.ts';
import { registerException, registerSource } from './ingest.sources.ts';
import {
  type Answer,
  NewSubjects,
  REGISTRY_DOMAIN,
  registerOrganization,
  registerPerson,
  SUBJECT_EXTRA_FIELDS,
  type SubjectDeps,
} from './ingest.subjects.ts';

export type { LineResult };

/**
 * An import or API session: resolves natural keys once, validates every line completely before writing it,
 * and writes records in batches with their subjects' projections in the same transaction.
 */
export class Ingestor {
  private readonly lookup: SubjectLookup;
  /** New subjects of the batch, written together. */
  private readonly fresh = new NewSubjects();
  /** Whether a transaction of this session has begun and not been seen to commit. */
  private uncommitted = false;
  private sources = new Map<string, SourceRow>();
  private exceptions = new Set<string>();
  private versions?: RulebookSet;
  private readonly registered: number[] = [];
  /** Lines answered from an earlier line of the same batch: their answer follows that line's final fate. */
  private readonly repeats = new Map<string, { index: number; hash: string }[]>();

  /** Subjects whose records were written while projection was deferred, and not yet derived again. */
  private readonly stale = new Set<number>();
  /**
   * Whether this session writes registry facts (DESIGN §2): the operator and admins (no source), or a source
   * authorised for the registry domain. Any other source only references subjects (see ReferenceLines).
   */
  private entitled = true;
  private readonly references = new ReferenceLines(() => this.subjectDeps());

  constructor(
    private readonly ctx: AppContext,
    /** When set (a source's API token), records may only be written for this source. */
    private readonly onlySource?: string,
    private readonly options: {
      /**
       * Bulk files: a batch stores its records and marks their subjects due, in the same transaction, and the
       * subjects are derived once each by `settle()` rather than once per batch. Until then a read of such a
       * subject derives it on the spot (it is due), so no reader ever sees a stale answer.
       */
      readonly deferProjection?: boolean;
      /**
       * Synthetic populations (simulations, the demo) only: a history lived through years is stored as if each
       * record had been reported when it occurred, so that its list entries fall in that history. Real data never
       * sets this: a record is recorded when the registry receives it, and no sanction precedes that (DESIGN §5).
       */
      readonly reportedOnTime?: boolean;
      /** Worker threads deriving in `settle()`: a number (0: none), or `auto` (default; see workersFor). */
      readonly workers?: number | 'auto';
    } = {},
  ) {
    this.lookup = new SubjectLookup(ctx);
  }

  /** Subjects awaiting `settle()`. */
  get pending(): number {
    return this.stale.size;
  }

  /**
   * Derives every subject written to under deferred projection, a slice per transaction (derive.slices.ts): memory
   * stays bounded, and a failure loses one slice at most (left due). Many subjects: on worker threads too.
   */
  async settle(onProgress: (done: number, total: number) => void = () => {}): Promise<number> {
    const ids = [...this.stale].sort((a, b) => a - b);
    if (ids.length > 0) onProgress(0, ids.length);
    // the slices read the ledger by subject: on PostgreSQL, through indexes only once the tables are analyzed
    if (ids.length > 0) await this.ctx.store.refreshStatistics();
    await deriveSlices(this.ctx, ids, this.options.workers, (slice, done) => {
      for (const id of slice) this.stale.delete(id);
      onProgress(done, ids.length);
    });
    return ids.length;
  }

  /** Applies a batch of lines in one transaction; a rejected line changes nothing, the others stay applied. */
  async apply(lines: readonly unknown[]): Promise<LineResult[]> {
    const out = await this.ctx.store.transaction(async (tx) => {
      // run again after a rollback (a retry, or a shared COMMIT that failed): what the last run cached may not exist
      if (this.uncommitted) {
        this.lookup.clear();
        this.sources.clear();
        this.registered.length = 0;
      }
      this.uncommitted = true;
      return this.applyIn(tx, lines);
    });
    this.uncommitted = false;
    return out;
  }

  private async applyIn(tx: Tx, lines: readonly unknown[]): Promise<LineResult[]> {
    {
      // the subject caches only save look-ups: bounded, so that a file naming millions of subjects keeps memory flat
      this.lookup.begin();
      this.versions = await activeRulebooks(tx);
      if (this.sources.size === 0) for (const s of await tx.sources()) this.sources.set(s.id, s);
      this.exceptions = new Set(
        JSON.parse((await tx.getMeta('usci_exceptions')) ?? '[]').map((e: { usci: string }) => e.usci),
      );
      // the batch's record dependencies name this batch's exceptions
      this.batchDeps = undefined;
      const own = this.onlySource === undefined ? undefined : this.sources.get(this.onlySource);
      this.entitled =
        this.onlySource === undefined ||
        (own !== undefined && (JSON.parse(own.domains) as string[]).includes(REGISTRY_DOMAIN));
      this.references.clear();
      const results: LineResult[] = new Array(lines.length);
      this.fresh.begin(results);
      await this.lookup.prefetch(tx, lines);
      const pending: { index: number; row: Omit<RecordRow, 'seq'> }[] = [];
      const seenInBatch = new Map<string, string>();
      this.repeats.clear();
      const recordLines: { index: number; line: Record<string, unknown> }[] = [];
      // subjects and sources first, in order, so that records later in the batch can name them
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (line === null || typeof line !== 'object' || Array.isArray(line)) {
          results[i] = {
            ok: false,
            code: 'input.not_an_object',
            field: '',
            message: 'each line must be a JSON object',
          };
          continue;
        }
        const l = line as Record<string, unknown>;
        if ('kind' in l) {
          if (recordLines.length > 0)
            await this.flushRecords(tx, recordLines.splice(0), results, pending, seenInBatch);
          const answer = await this.guard(() => this.registerSubject(tx, l, i));
          if (answer) results[i] = answer;
        } else recordLines.push({ index: i, line: l });
      }
      await this.flushRecords(tx, recordLines, results, pending, seenInBatch);
      await this.fresh.flush(this.subjectDeps(), tx);
      await this.writeRecords(tx, pending, results);
      this.references.settle(results);
      if (this.registered.length > 0) {
        // a new subject starts at the base score: give it its projection
        const ids = this.registered.splice(0);
        for (let i = 0; i < ids.length; i += DERIVE_SUBJECTS)
          await recompute(tx, this.versions, ids.slice(i, i + DERIVE_SUBJECTS), this.ctx.clock.now());
      }
      return results;
    }
  }

  private async guard(fn: () => Promise<Answer>): Promise<Answer> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof Reject) return { ok: false, code: e.code, field: e.field, message: e.message };
      throw e;
    }
  }

  /** What validating a record needs, made once a batch (not once a line; see applyIn). */
  private batchDeps?: RecordDeps;
  private recordDeps(): RecordDeps {
    this.batchDeps ??= {
      ctx: this.ctx,
      sources: this.sources,
      exceptions: this.exceptions,
      onlySource: this.onlySource,
      rulebook: () => this.rulebookNow(),
      resolve: (tx, ref) => (this.entitled ? this.resolve(tx, ref) : this.references.resolve(tx, ref)),
      orgByUsci: (tx, usci) => this.orgByUsci(tx, usci),
      ...(this.options.reportedOnTime ? { reportedOnTime: true } : {}),
    };
    return this.batchDeps;
  }

  private rulebookNow(): Rulebook {
    return this.versions!.at(this.ctx.clock.now());
  }

  private subjectDeps(): SubjectDeps {
    return {
      ctx: this.ctx,
      exceptions: this.exceptions,
      byUsci: this.lookup.byUsci,
      byHash: this.lookup.byHash,
      registered: this.registered,
      fresh: this.fresh,
      versions: () => this.versions!,
      orgByUsci: (t, usci) => this.orgByUsci(t, usci),
      personByHash: (t, hash) => this.personByHash(t, hash),
      source: this.onlySource ?? null,
    };
  }

  private async registerSubject(tx: Tx, l: Record<string, unknown>, index: number): Promise<Answer> {
    const kind = l.kind;
    if (typeof kind !== 'string' || !FIELDS[kind])
      reject(
        'input.unknown_kind',
        'kind',
        `kind must be one of source, person, organization, usci_exception; got ${JSON.stringify(kind)}`,
      );
    const isSubject = kind === 'person' || kind === 'organization';
    unknownFields(l, isSubject ? new Set([...FIELDS[kind]!, ...SUBJECT_EXTRA_FIELDS]) : FIELDS[kind]!);
    const now = this.ctx.clock.now();
    const deps = this.subjectDeps();
    if (isSubject && !this.entitled) return this.references.line(tx, kind, l, index);
    if (kind === 'person') return registerPerson(deps, tx, l, now, index);
    if (kind === 'organization') return registerOrganization(deps, tx, l, now, index);
    // the new subjects of the lines before are written first, as they came
    await this.fresh.flush(deps, tx);
    if (kind === 'source') return registerSource(tx, this.ctx, this.sources, l, now);
    return registerException(tx, this.ctx, this.exceptions, l, now);
  }

  /** A subject by natural key; one queued in this batch is written first, so that it has its id. */
  private async orgByUsci(tx: Tx, usci: string): Promise<SubjectRow | undefined> {
    if (this.fresh.has(`o:${usci}`)) await this.fresh.flush(this.subjectDeps(), tx);
    return this.lookup.org(tx, usci);
  }

  private async personByHash(tx: Tx, hash: string): Promise<SubjectRow | undefined> {
    if (this.fresh.has(`p:${hash}`)) await this.fresh.flush(this.subjectDeps(), tx);
    return this.lookup.person(tx, hash);
  }

  /** Resolves a subject reference: USCI, national identity number, registry reference (P…) or numeric id. */
  async resolve(tx: Tx, ref: string): Promise<SubjectRow | undefined> {
    if (isIdRef(ref)) {
      const [s] = await tx.subjectsById([Number(ref.replace(/^P/, ''))]);
      return s;
    }
    const hash = this.lookup.hashOf(ref);
    if (hash !== undefined) return this.personByHash(tx, hash);
    return this.orgByUsci(tx, ref);
  }

  private async validateRecord(
    tx: Tx,
    l: Record<string, unknown>,
    index: number,
    stored: (key: string) => boolean,
  ): Promise<Omit<RecordRow, 'seq'>> {
    this.references.beginRecord();
    let row = await validateRecordFields(this.recordDeps(), tx, l);
    // a subject registered with this record exists only once the record is valid and its (source, id) is new
    if (!this.entitled)
      row = {
        ...row,
        subject_id: await this.references.endRecord(
          tx,
          row,
          index,
          stored(`${row.source}\u0000${row.record_id}`),
        ),
      };
    return { ...row, content_hash: recordContentHash(row) };
  }

  private async flushRecords(
    tx: Tx,
    lines: { index: number; line: Record<string, unknown> }[],
    results: LineResult[],
    pending: { index: number; row: Omit<RecordRow, 'seq'> }[],
    seenInBatch: Map<string, string>,
  ): Promise<void> {
    if (lines.length === 0) return;
    // records may name the subjects of the lines before them
    await this.fresh.flush(this.subjectDeps(), tx);
    const keys = lines.flatMap(({ line }) =>
      typeof line.source === 'string' && typeof line.id === 'string'
        ? [{ source: line.source, record_id: line.id }]
        : [],
    );
    const existing = new Map(
      (await tx.recordsByKeys(keys)).map((r) => [`${r.source}\u0000${r.record_id}`, r.content_hash]),
    );
    const stored = (key: string) => existing.has(key) || seenInBatch.has(key);
    for (const { index, line } of lines) {
      try {
        const row = await this.validateRecord(tx, line, index, stored);
        const key = `${row.source}\u0000${row.record_id}`;
        const prior = existing.get(key) ?? seenInBatch.get(key);
        if (prior !== undefined) {
          if (!existing.has(key))
            this.repeats.set(key, [...(this.repeats.get(key) ?? []), { index, hash: row.content_hash }]);
          results[index] =
            prior === row.content_hash
              ? { ok: true, status: 'unchanged', what: `record ${row.source}/${row.record_id}` }
              : {
                  ok: false,
                  code: 'record.duplicate_conflict',
                  field: 'id',
                  message: `record ${row.source}/${row.record_id} already exists with different content; correct it instead of resubmitting`,
                };
          continue;
        }
        seenInBatch.set(key, row.content_hash);
        pending.push({ index, row });
        results[index] = { ok: true, status: 'created', what: `record ${row.source}/${row.record_id}` };
      } catch (e) {
        if (e instanceof Reject)
          results[index] = { ok: false, code: e.code, field: e.field, message: e.message };
        else throw e;
      }
    }
  }

  private async writeRecords(
    tx: Tx,
    candidates: { index: number; row: Omit<RecordRow, 'seq'> }[],
    results: LineResult[],
  ): Promise<void> {
    if (candidates.length === 0) return;
    const behalfOf = candidates.flatMap(({ row }) =>
      row.on_behalf_of !== null && row.culpability !== null ? [row.on_behalf_of] : [],
    );
    const touched = await affectedBy(tx, [...new Set(candidates.map((p) => p.row.subject_id))], behalfOf);
    // lock first, then look again: another writer may have stored the same (source, id) meanwhile
    await tx.lockSubjects(touched);
    const stored = new Map(
      (
        await tx.recordsByKeys(
          candidates.map(({ row }) => ({ source: row.source, record_id: row.record_id })),
        )
      ).map((r) => [`${r.source}\u0000${r.record_id}`, r.content_hash]),
    );
    const pending = candidates.filter(({ index, row }) => {
      const key = `${row.source}\u0000${row.record_id}`;
      const prior = stored.get(key);
      if (prior === undefined) return true;
      // stored meanwhile by another writer: this line, and its repeats later in the batch, answer to that version
      for (const line of [{ index, hash: row.content_hash }, ...(this.repeats.get(key) ?? [])])
        results[line.index] =
          prior === line.hash
            ? { ok: true, status: 'unchanged', what: `record ${row.source}/${row.record_id}` }
            : {
                ok: false,
                code: 'record.duplicate_conflict',
                field: 'id',
                message: `record ${row.source}/${row.record_id} already exists with different content; correct it instead of resubmitting`,
              };
      return false;
    });
    if (pending.length === 0) return;
    const subjectIds = [...new Set(pending.map((p) => p.row.subject_id))];
    const seqs = await tx.maxRecordSeq(subjectIds);
    const rows: RecordRow[] = pending.map(({ row }) => {
      const seq = (seqs.get(row.subject_id) ?? 0) + 1;
      seqs.set(row.subject_id, seq);
      return { ...row, seq };
    });
    await tx.insertRecords(rows);
    const now = this.ctx.clock.now();
    if (this.options.deferProjection) {
      // derived later, once per subject: due from now, so that any read before then derives it first
      await tx.markDue(touched, now);
      for (const id of touched) this.stale.add(id);
    } else {
      // a slice of subjects at a time: the files and derivations held at once stay bounded whatever the batch
      for (let i = 0; i < touched.length; i += DERIVE_SUBJECTS)
        await recompute(tx, this.versions!, touched.slice(i, i + DERIVE_SUBJECTS), now);
    }
    const rb = this.versions!.at(now);
    await emitNotices(
      tx,
      rows.map((r) => recordNotice(r, rb, now)).filter((n) => n !== undefined),
      now,
    );
    await audit(tx, this.ctx, 'records.ingest', rows.length === 1 ? rows[0]!.subject_id : null, {
      count: rows.length,
      records: rows.length <= 20 ? rows.map((r) => `${r.source}/${r.record_id}`) : undefined,
      digest: sha256(rows.map((r) => `${r.source}/${r.record_id}:${r.content_hash}`).join('\n')),
    });
  }
}
