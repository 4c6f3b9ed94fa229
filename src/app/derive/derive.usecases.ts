import type { Derivation } from '../../rules/explain.ts';
import type { ListEntry } from '../../rules/lists.ts';
import { borneBy } from '../../rules/measures.ts';
import { gradeOf, type Rulebook } from '../../rules/rulebook.model.ts';
import type { RulebookOf, RulebookSet } from '../../rules/versions.ts';
import { bearerNotices } from '../due-process/due-process.bearer-notices.ts';
import { decisionNotice, emitNotices, gradeDropNotice } from '../due-process/due-process.notices.ts';
import { sha256 } from '../ports/ports.context.ts';
import type { NoticeRow } from '../ports/ports.due-process.ts';
import type { DecisionRow, DerivedRow, LedgerRow, RecordRow, Tx } from '../ports/ports.store.ts';
import { watchChanges } from '../watches/watches.derive.ts';
import { type Computed, computedOf, deriveFile } from './derive.compute.ts';
import { type LoadedFiles, loadFiles } from './derive.files.ts';
import { loadedCounts, marksString, versionsKey } from './derive.marks.ts';
import { decodeState, encodeState, type LedgerMark, type StoredState, storedEntry } from './derive.state.ts';

export type { LedgerMark, StoredState };

function gradeRank(rb: Rulebook, grade: string): number {
  const i = rb.grades.findIndex((g) => g.grade === grade);
  return i < 0 ? rb.grades.length : i;
}

/**
 * What a decision was computed from: enough to recompute it later and to see if anything changed since.
 *
 * Records are append-only with a per-subject sequence, so the ledger a decision saw is named by each involved
 * subject's last sequence number and record count, with one digest over the records' keys and content hashes:
 * its size does not grow with the subject's file (an earlier format listed every record; replay reads both).
 */
export interface DecisionInputs {
  readonly rulebooks: readonly string[];
  readonly ledger?: readonly LedgerMark[];
  /** sha256 over `source/id:content_hash` of those records, in key order. */
  readonly digest?: string;
  /** The earlier format: every input record. */
  readonly records?: readonly {
    readonly key: string;
    readonly subject: number;
    readonly content_hash: string;
  }[];
  readonly at: number;
}

/** The digest of a set of input records (see DecisionInputs). */
export function inputsDigest(
  rows: readonly Pick<RecordRow, 'source' | 'record_id' | 'content_hash'>[],
): string {
  return sha256(
    rows
      .map((r) => `${r.source}/${r.record_id}:${r.content_hash}`)
      .sort()
      .join('\n'),
  );
}

/** Does an agent's record reach the organization `id`? Only when made on its behalf with a culpability. */
function onBehalf(r: LedgerRow, id: number): boolean {
  return r.on_behalf_of !== null && Number(r.on_behalf_of) === id && r.culpability !== null;
}

/**
 * The records a subject's derivation depends on, and the marks that name them: per contributing subject the
 * last sequence number and the count of its records that reach this one (an agent's: only those on its behalf),
 * for subjects with at least one. They change exactly when the derivation's input changes.
 */
export function ledgerInputs(loaded: LoadedFiles, id: number): { marks: LedgerMark[]; rows: LedgerRow[] } {
  const involved = loaded.involved.get(id) ?? [id];
  const agents = new Set(loaded.agentsOf.get(id) ?? []);
  const marks: LedgerMark[] = [];
  const rows: LedgerRow[] = [];
  for (const sid of involved) {
    const all = loaded.rows.get(sid) ?? [];
    const own = agents.has(sid) ? all.filter((r) => onBehalf(r, id)) : all;
    if (own.length === 0) continue;
    rows.push(...own);
    marks.push({
      subject: sid,
      upto: own.reduce((m, r) => Math.max(m, Number(r.seq)), 0),
      count: own.length,
      ...(agents.has(sid) ? { on_behalf_of: id } : {}),
    });
  }
  marks.sort((a, b) => a.subject - b.subject);
  return { marks, rows };
}

/**
 * A decision's inputs, computed when the first decision of a derivation needs them (most derivations record none):
 * the digest hashes every input record.
 */
class LazyInputs {
  #value?: DecisionInputs;
  constructor(
    private readonly rulebooks: readonly string[],
    private readonly ledger: readonly LedgerMark[],
    private readonly rows: readonly Pick<RecordRow, 'source' | 'record_id' | 'content_hash'>[],
    private readonly at: number,
  ) {}
  get value(): DecisionInputs {
    this.#value ??= {
      rulebooks: this.rulebooks,
      ledger: this.ledger,
      digest: inputsDigest(this.rows),
      at: this.at,
    };
    return this.#value;
  }
}

/** The three decisions of an entry, in the order they are recorded: when each is due, and on what date. */
const DECISIONS: readonly {
  readonly event: DecisionRow['event'];
  readonly suffix: string;
  readonly due: (e: ListEntry, now: number) => boolean;
  readonly at: (e: ListEntry) => number;
}[] = [
  {
    event: 'warning',
    suffix: ':warning',
    // a resumed entry continues a decision the subject was already warned of
    due: (e, now) => !e.resumes && e.warnedAt < e.since && e.warnedAt <= now,
    at: (e) => e.warnedAt,
  },
  { event: 'entry', suffix: '', due: (e, now) => !e.lapsed && e.since <= now, at: (e) => e.since },
  {
    event: 'exit',
    suffix: ':exit',
    due: (e, now) => Number.isFinite(e.until) && e.until <= now && (!e.lapsed || e.warnedAt < e.since),
    at: (e) => e.until,
  },
];

/**
 * The list decisions that have happened by `now` and are not yet recorded: warnings, entries and exits; the entry
 * each one is about goes to `decided`, in the same order, when given. (No closure is made a call: a derivation
 * asks this for every subject.)
 */
export function decisionRows(
  subjectId: number,
  entries: readonly ListEntry[],
  now: number,
  rulebookOf: RulebookOf,
  known: ReadonlySet<string> = new Set(),
  inputs?: { readonly value: DecisionInputs },
  decided?: ListEntry[],
): DecisionRow[] {
  const rows: DecisionRow[] = [];
  for (const e of entries)
    for (const d of DECISIONS) {
      if (!d.due(e, now)) continue;
      const id = `${e.decision}${d.suffix}`;
      if (known.has(id)) continue;
      const given = inputs?.value;
      rows.push({
        subject_id: subjectId,
        id,
        list: e.list,
        event: d.event,
        effective_at: d.at(e),
        recorded_at: now,
        // the entry as encodeState writes it, without a parse and a second stringify
        data: JSON.stringify({
          entries: [storedEntry(e, rulebookOf)],
          spans: [],
          ...(given ? { inputs: given } : {}),
        }),
      });
      decided?.push(e);
    }
  return rows;
}

/**
 * Every bearer is a party (DESIGN §5): the persons an organization's entries reach through a role get the
 * warning, the entry and the exit as notices of their own, as they fall due. Derived ids make this idempotent.
 */
async function bearerNoticesOf(
  tx: Tx,
  loaded: LoadedFiles,
  states: ReadonlyMap<number, StoredState>,
  versions: RulebookSet,
  now: number,
): Promise<NoticeRow[]> {
  const orgs = [...states.keys()].filter(
    (id) => loaded.subjects.get(id)?.kind === 'organization' && (states.get(id)?.entries.length ?? 0) > 0,
  );
  if (orgs.length === 0) return [];
  const spans = await tx.relationSpansOfOrgs(orgs);
  const out: NoticeRow[] = [];
  const rb = versions.at(now);
  for (const id of orgs) {
    const roles = spans
      .filter((s) => Number(s.org_id) === id && s.role !== 'parent')
      .map((s) => ({
        role: s.role,
        person: Number(s.related_id),
        from: Number(s.from),
        to: s.to === null ? Number.POSITIVE_INFINITY : Number(s.to),
      }));
    if (roles.length === 0) continue;
    const org = loaded.subjects.get(id)!;
    const name = `${org.name} (${org.usci ?? ''})`;
    for (const b of borneBy(states.get(id)!.entries, roles, (t) => versions.at(t)))
      out.push(...bearerNotices(b, name, now, rb));
  }
  return out;
}

/**
 * Recomputes the projection of the given subjects from the ledger at `now` and stores it, with the list
 * decisions that have become due. Runs inside the caller's transaction, holding the subjects' locks: a writer
 * that changed their ledger meanwhile has committed before the ledger is read, so no stale projection can
 * overwrite a fresher one (a no-op for subjects the transaction has locked already, and on SQLite).
 */
export async function recompute(
  tx: Tx,
  versions: RulebookSet,
  ids: readonly number[],
  now: number,
): Promise<{
  loaded: LoadedFiles;
  derivations: Map<number, Derivation>;
  states: Map<number, StoredState>;
  /** Projections written: those that came out different from the stored row, or with none stored. */
  written: number;
}> {
  await tx.lockSubjects(ids);
  const loaded = await loadFiles(tx, versions, ids);
  const { before, known } = await storedOf(tx, ids);
  const derivations = new Map<number, Derivation>();
  const computed = new Map<number, Computed>();
  for (const [id, file] of loaded.files) {
    const d = deriveFile(file, versions, now);
    derivations.set(id, d);
    computed.set(id, computedOf(d));
  }
  const { states, written } = await storeDerived(tx, versions, now, loaded, computed, before, known);
  await watchDerived(tx, versions, now, loaded, states, before);
  return { loaded, derivations, states, written };
}

/** What is stored of the subjects before they are derived again: their projections and the ids of their decisions. */
export async function storedOf(
  tx: Tx,
  ids: readonly number[],
): Promise<{ before: Map<number, DerivedRow>; known: Set<string> }> {
  const before = new Map((await tx.derivedOf(ids)).map((r) => [Number(r.subject_id), r]));
  return { before, known: await tx.decisionIdsOf(ids) };
}

/**
 * Whether a projection derived again is the one stored, column for column but its `computed_at` (a stored
 * projection is valid from then until its next_change_at) and its explained view (which is not derived here).
 */
function sameProjection(stored: DerivedRow | undefined, d: DerivedRow): boolean {
  return (
    stored !== undefined &&
    stored.state === d.state &&
    stored.marks === d.marks &&
    Number(stored.score) === d.score &&
    stored.grade === d.grade &&
    (stored.next_change_at === null ? null : Number(stored.next_change_at)) === d.next_change_at &&
    stored.rulebook_hash === d.rulebook_hash
  );
}

/**
 * Stores what was derived of the loaded files: the projections, the decisions that have become due (those not
 * in `known`) and their notices, grade drops against `before`, and bearers' notices (watches: watchDerived).
 * Answers the subjects' states and how many projections it wrote (see recompute).
 */
export async function storeDerived(
  tx: Tx,
  versions: RulebookSet,
  now: number,
  loaded: LoadedFiles,
  computed: ReadonlyMap<number, Computed>,
  before: ReadonlyMap<number, DerivedRow>,
  known: ReadonlySet<string>,
): Promise<{ states: Map<number, StoredState>; written: number }> {
  const states = new Map<number, StoredState>();
  const derived: DerivedRow[] = [];
  const decisions: DecisionRow[] = [];
  const decided: ListEntry[] = [];
  // exits of lapsed entries (warned, never entered) are recorded but notify nobody
  const lapsedExits = new Set<string>();
  const vkey = versionsKey(versions);
  const counts = loadedCounts(loaded);
  const rulebookHashes = versions.versions.map((v) => v.hash);
  for (const id of loaded.files.keys()) {
    const d = computed.get(id)!;
    const { marks: ledger, rows: seen } = ledgerInputs(loaded, id);
    const state: StoredState = { entries: d.entries, spans: d.spans, ledger };
    states.set(id, state);
    derived.push({
      subject_id: id,
      score: d.score,
      grade: d.grade,
      next_change_at: d.nextChangeAt,
      computed_at: now,
      rulebook_hash: d.rulebookHash,
      state: encodeState(state, versions.byHash),
      explained: null,
      marks: marksString(vkey, loaded.involved.get(id) ?? [id], counts),
    });
    for (const e of d.entries) if (e.lapsed) lapsedExits.add(`${id}\u0000${e.decision}:exit`);
    const inputs = new LazyInputs(rulebookHashes, ledger, seen, now);
    decisions.push(...decisionRows(id, d.entries, now, versions.byHash, known, inputs, decided));
  }
  // a projection that comes out as it is stored is not written again (a full rebuild finds most so): it keeps its
  // computed_at, and loses its explained view as every recomputation's does
  const same = new Set<number>();
  for (const d of derived) if (sameProjection(before.get(d.subject_id), d)) same.add(d.subject_id);
  await tx.upsertDerived(same.size === 0 ? derived : derived.filter((d) => !same.has(d.subject_id)));
  await tx.clearExplained([...same]);
  await tx.insertDecisions(decisions);
  // adverse events become notices: warnings, entries and exits as they fall due, and grade drops
  const rb = versions.at(now);
  const notices: NoticeRow[] = [];
  decisions.forEach((d, i) => {
    if (!(d.event === 'exit' && lapsedExits.has(`${d.subject_id}\u0000${d.id}`)))
      notices.push(decisionNotice(d, now, rb, decided[i]));
  });
  // a subject derived for the first time (registered in the same import as its first records) starts from the
  // grade of the base score: a record that lowers it is a grade drop like any other (DESIGN §6)
  const start = gradeOf(rb, rb.scale.base);
  for (const d of derived) {
    const from = before.get(d.subject_id)?.grade ?? start;
    if (gradeRank(rb, d.grade) > gradeRank(rb, from))
      notices.push(gradeDropNotice(d.subject_id, from, d.grade, d.score, now, rb));
  }
  notices.push(...(await bearerNoticesOf(tx, loaded, states, versions, now)));
  await emitNotices(tx, notices, now);
  return { states, written: derived.length - same.size };
}

/**
 * Monitoring, once the derived subjects are stored: watched answers that differ from the last notified are
 * changes for their watchers. Asked once for all the subjects of a transaction: an answer can depend on several.
 */
export async function watchDerived(
  tx: Tx,
  versions: RulebookSet,
  now: number,
  loaded: LoadedFiles,
  states: ReadonlyMap<number, StoredState>,
  before: ReadonlyMap<number, DerivedRow>,
): Promise<void> {
  await watchChanges(
    tx,
    versions,
    loaded.subjects,
    states,
    before,
    (t) => decodeState(t, versions.byHash),
    now,
  );
}
