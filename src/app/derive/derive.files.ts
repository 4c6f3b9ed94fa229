import { addDuration } from '../../domain/duration.ts';
import { regionOf, sectorOf } from '../../domain/usci.ts';
import type { LedgerRecord, SubjectFile, SubjectRef, Suspension } from '../../rules/ledger.model.ts';
import type { RulebookSet } from '../../rules/versions.ts';
import { personRef } from '../ports/ports.context.ts';
import type { LedgerRow, RecordEventRow, SubjectRow, Tx } from '../ports/ports.store.ts';

export function refOf(s: Pick<SubjectRow, 'id' | 'kind' | 'usci'>): string {
  return s.kind === 'organization' && s.usci ? s.usci : personRef(Number(s.id));
}

export function subjectRef(s: SubjectRow): SubjectRef {
  const ref = refOf(s);
  return s.kind === 'organization'
    ? {
        ref,
        kind: 'organization',
        facts: { kind: 'organization', sector: sectorOf(ref), region: regionOf(ref) },
      }
    : { ref, kind: 'person', facts: { kind: 'person', sector: 'person', region: '' } };
}

/** Folds a record's status events into what the scorer needs (as corrected, with its suspensions). */
export function toLedgerRecord(
  row: LedgerRow,
  events: readonly RecordEventRow[],
  versions: RulebookSet,
  refs: ReadonlyMap<number, string>,
): LedgerRecord {
  let type = row.type;
  let occurredAt = Number(row.occurred_at);
  let amount = row.amount ?? undefined;
  let annulledAt: number | undefined;
  let repairedAt: number | undefined;
  // the registry knew the record from when it was stored; a correction of its type or date, from then
  let knownAt = Number(row.recorded_at);
  const disputes: { from: number; to: number }[] = [];
  for (const e of events) {
    const at = Number(e.at);
    if (e.kind === 'annulled') {
      annulledAt ??= at;
      const open = disputes.find((d) => d.to === Number.POSITIVE_INFINITY);
      if (open) open.to = at;
    } else if (e.kind === 'repaired') repairedAt ??= at;
    else if (e.kind === 'disputed') disputes.push({ from: at, to: Number.POSITIVE_INFINITY });
    else if (e.kind === 'upheld') {
      const open = disputes.find((d) => d.to === Number.POSITIVE_INFINITY);
      if (open) open.to = at;
    } else if (e.kind === 'corrected') {
      const d = JSON.parse(e.data) as { type?: string; occurred_at?: number; amount?: number | null };
      if (d.type && d.type !== type) knownAt = Math.max(knownAt, at);
      if (typeof d.occurred_at === 'number' && d.occurred_at !== occurredAt) knownAt = Math.max(knownAt, at);
      if (d.type) type = d.type;
      if (typeof d.occurred_at === 'number') occurredAt = d.occurred_at;
      if (d.amount !== undefined) amount = d.amount ?? undefined;
    }
  }
  const suspended: Suspension[] = [];
  for (const d of disputes) {
    const rb = versions.at(d.from);
    if (rb.recordTypes.get(type)?.suspendWhileDisputed) suspended.push({ ...d, why: 'disputed' });
    else {
      // an objection the reviewer has not decided by the deadline suspends the record until it is decided
      const deadline = addDuration(d.from, rb.reviewDeadline);
      if (deadline < d.to) suspended.push({ from: deadline, to: d.to, why: 'review_overdue' });
    }
  }
  const onBehalf = row.on_behalf_of === null ? undefined : refs.get(Number(row.on_behalf_of));
  // the optional fields set one by one, in the order they have always had (no object to spread for each)
  const rec: { -readonly [K in keyof LedgerRecord]: LedgerRecord[K] } = {
    key: `${row.source}/${row.record_id}`,
    id: row.record_id,
    source: row.source,
    type,
    occurredAt,
  } as LedgerRecord;
  if (knownAt > occurredAt) rec.knownAt = knownAt;
  if (amount !== undefined) rec.amount = amount;
  if (onBehalf) rec.onBehalfOf = onBehalf;
  if (row.culpability) rec.culpability = row.culpability;
  rec.legalBasis = row.legal_basis;
  if (annulledAt !== undefined) rec.annulledAt = annulledAt;
  if (repairedAt !== undefined) rec.repairedAt = repairedAt;
  rec.suspended = suspended;
  return rec;
}

export interface LoadedFiles {
  readonly files: Map<number, SubjectFile>;
  readonly subjects: Map<number, SubjectRow>;
  /** The records read, as a derivation reads them (no evidence, no note: recordsOf has those). */
  readonly rows: Map<number, LedgerRow[]>;
  readonly events: Map<number, RecordEventRow[]>;
  /** For each subject loaded: the subjects whose records are in its file (itself, its branches, its agents). */
  readonly involved: Map<number, number[]>;
  /** For each subject loaded: its agents, persons whose records reach it only when made on its behalf. */
  readonly agentsOf: Map<number, number[]>;
}

function group<T extends { subject_id: number }>(rows: readonly T[]): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const r of rows) {
    const k = Number(r.subject_id);
    const a = m.get(k);
    if (a) a.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** Loads the files of many subjects at once: their records, their branches' and their agents'. */
export async function loadFiles(
  tx: Tx,
  versions: RulebookSet,
  ids: readonly number[],
  /** Only what the ledger held at this moment (records recorded and events made by then): for replays. */
  asOf?: number,
  /**
   * Only these records (`source/id`), for replays: a decision's recorded inputs name the records it saw, which
   * a time alone cannot tell apart from records recorded later in the same millisecond.
   */
  onlyRecords?: ReadonlySet<string>,
): Promise<LoadedFiles> {
  const subjects = new Map<number, SubjectRow>();
  for (const s of await tx.subjectsById(ids)) subjects.set(Number(s.id), s);
  // branches, transitively
  const childrenOf = new Map<number, number[]>();
  let frontier = [...subjects.values()].filter((s) => s.kind === 'organization').map((s) => Number(s.id));
  const seen = new Set(frontier);
  while (frontier.length > 0) {
    const kids = await tx.childrenOf(frontier);
    frontier = [];
    for (const k of kids) {
      const id = Number(k.id);
      const p = Number(k.parent_id);
      childrenOf.set(p, [...(childrenOf.get(p) ?? []), id]);
      if (!seen.has(id)) {
        seen.add(id);
        subjects.set(id, k);
        frontier.push(id);
      }
    }
  }
  const orgTargets = ids.filter((id) => subjects.get(id)?.kind === 'organization');
  const agents = await tx.agentsOf(orgTargets);
  const missing = [...new Set(agents.map((a) => a.agent))].filter((id) => !subjects.has(id));
  for (const s of await tx.subjectsById(missing)) subjects.set(Number(s.id), s);
  const all = [...subjects.keys()];
  const known = <T extends { subject_id: number }>(xs: T[], at: (x: T) => number) =>
    asOf === undefined ? xs : xs.filter((x) => at(x) <= asOf);
  const rows = group(
    known(await tx.ledgerRowsOf(all), (r) => Number(r.recorded_at)).filter(
      (r) => onlyRecords === undefined || onlyRecords.has(`${r.source}/${r.record_id}`),
    ),
  );
  const events = group(known(await tx.eventsOf(all), (e) => Number(e.at)));
  // on_behalf_of points at organizations that may not be loaded: their refs are needed for matching
  const behalfIds = new Set<number>();
  for (const rs of rows.values())
    for (const r of rs)
      if (r.on_behalf_of !== null && !subjects.has(Number(r.on_behalf_of)))
        behalfIds.add(Number(r.on_behalf_of));
  const refs = new Map<number, string>();
  for (const s of subjects.values()) refs.set(Number(s.id), refOf(s));
  for (const s of await tx.subjectsById([...behalfIds])) refs.set(Number(s.id), refOf(s));

  const ledger = new Map<number, LedgerRecord[]>();
  const ledgerOf = (id: number): LedgerRecord[] => {
    let l = ledger.get(id);
    if (!l) {
      const evs = events.get(id) ?? [];
      l = (rows.get(id) ?? []).map((r) =>
        toLedgerRecord(
          r,
          evs.length === 0 ? evs : evs.filter((e) => e.record_id === r.record_id && e.source === r.source),
          versions,
          refs,
        ),
      );
      ledger.set(id, l);
    }
    return l;
  };
  // each organization's agents, in the order the database gave them
  const agentsByOrg = new Map<number, number[]>();
  for (const a of agents) {
    if (a.agent === a.org) continue;
    const list = agentsByOrg.get(a.org);
    if (list) list.push(a.agent);
    else agentsByOrg.set(a.org, [a.agent]);
  }
  const files = new Map<number, SubjectFile>();
  const involved = new Map<number, number[]>();
  const agentsOfId = new Map<number, number[]>();
  for (const id of ids) {
    const s = subjects.get(id);
    if (!s) continue;
    const branches: { subject: SubjectRef; depth: number; path: string[]; records: LedgerRecord[] }[] = [];
    const branchIds: number[] = [];
    // branches, transitively (most organizations have none: no walk is made for them)
    if (s.kind === 'organization' && childrenOf.has(id)) {
      const walk = (parent: number, depth: number, path: string[], visited: Set<number>) => {
        for (const kid of childrenOf.get(parent) ?? []) {
          if (visited.has(kid)) continue;
          visited.add(kid);
          const ks = subjects.get(kid)!;
          const kpath = [...path, refOf(ks)];
          branchIds.push(kid);
          branches.push({ subject: subjectRef(ks), depth, path: kpath, records: ledgerOf(kid) });
          walk(kid, depth + 1, kpath, visited);
        }
      };
      walk(id, 1, [], new Set([id]));
    }
    const mine = agentsByOrg.get(id) ?? [];
    const agentFiles = mine.map((agent) => ({
      subject: subjectRef(subjects.get(agent)!),
      records: ledgerOf(agent),
    }));
    files.set(id, { subject: subjectRef(s), records: ledgerOf(id), branches, agents: agentFiles });
    // in id order: the database returns them in no particular order
    const agentIds = [...mine].sort((a, b) => a - b);
    agentsOfId.set(id, agentIds);
    involved.set(id, [id, ...branchIds, ...agentIds]);
  }
  return { files, subjects, rows, events, involved, agentsOf: agentsOfId };
}

/** The subject and every organization its records reach: parents (transitively) and on_behalf_of targets. */
export async function affectedBy(
  tx: Tx,
  ids: readonly number[],
  behalf: readonly number[],
): Promise<number[]> {
  const out = new Set<number>([...ids, ...behalf]);
  let frontier = [...out];
  while (frontier.length > 0) {
    const rows = await tx.subjectsById(frontier);
    frontier = [];
    for (const r of rows) {
      const p = r.parent_id === null ? null : Number(r.parent_id);
      if (p !== null && !out.has(p)) {
        out.add(p);
        frontier.push(p);
      }
    }
  }
  return [...out];
}

/** The files of several loads (of the same transaction) as one load: a subject loaded twice is the same. */
export function mergeLoaded(parts: readonly LoadedFiles[]): LoadedFiles {
  const merged: LoadedFiles = {
    files: new Map(),
    subjects: new Map(),
    rows: new Map(),
    events: new Map(),
    involved: new Map(),
    agentsOf: new Map(),
  };
  for (const p of parts)
    for (const k of Object.keys(merged) as (keyof LoadedFiles)[])
      for (const [id, v] of p[k] as Map<number, never>) (merged[k] as Map<number, never>).set(id, v);
  return merged;
}
