import type { RulebookSet } from '../../rules/versions.ts';
import { sha256 } from '../ports/ports.context.ts';
import type { LedgerCount, Tx } from '../ports/ports.store.ts';
import type { LoadedFiles } from './derive.files.ts';

/**
 * The version of the derivation itself: raise it when a change of the engine (scoring, lists, measures) can give
 * a different projection from the same ledger and rulebooks, so that `credence rebuild` recomputes every subject.
 */
export const ENGINE_VERSION = 1;

/** The rulebook set a projection was derived under, in a few characters. */
export function versionsKey(versions: RulebookSet): string {
  return sha256(versions.versions.map((v) => v.hash).join(',')).slice(0, 16);
}

/**
 * What a projection was derived from, as one string: the engine version, the rulebook set, and for every involved
 * subject (itself, its branches, its agents) with any record or event, the last sequence numbers and counts of its
 * records and events. Records and events are append-only with per-subject sequences, so the string changes exactly
 * when the derivation's input can have changed (a deleted record lowers a count).
 */
export function marksString(
  versions: string,
  involved: readonly number[],
  counts: ReadonlyMap<number, LedgerCount>,
): string {
  const head = `e${ENGINE_VERSION}|${versions}|`;
  if (involved.length === 1) {
    // a person, or an organization without branches or agents: the common case, without a set and a sort
    const c = counts.get(involved[0]!);
    return !c || (c.records === 0 && c.events === 0)
      ? head
      : `${head}${involved[0]}:${c.records_upto}:${c.records}:${c.events_upto}:${c.events}`;
  }
  const parts: string[] = [];
  for (const sid of [...new Set(involved)].sort((a, b) => a - b)) {
    const c = counts.get(sid);
    if (!c || (c.records === 0 && c.events === 0)) continue;
    parts.push(`${sid}:${c.records_upto}:${c.records}:${c.events_upto}:${c.events}`);
  }
  return `${head}${parts.join(',')}`;
}

/** The counts of what a derivation loaded (the same figures `ledgerCounts` gives from the database). */
export function loadedCounts(loaded: LoadedFiles): Map<number, LedgerCount> {
  const m = new Map<
    number,
    { subject_id: number; records_upto: number; records: number; events_upto: number; events: number }
  >();
  const at = (id: number) => {
    let x = m.get(id);
    if (!x) {
      x = { subject_id: id, records_upto: 0, records: 0, events_upto: 0, events: 0 };
      m.set(id, x);
    }
    return x;
  };
  for (const [id, rows] of loaded.rows) {
    const x = at(id);
    for (const r of rows) x.records_upto = Math.max(x.records_upto, Number(r.seq));
    x.records = rows.length;
  }
  for (const [id, evs] of loaded.events) {
    const x = at(id);
    for (const e of evs) x.events_upto = Math.max(x.events_upto, Number(e.seq));
    x.events = evs.length;
  }
  return m;
}

/**
 * The marks each subject with an id in [lo, hi] would have if it were derived now, from the database's counts
 * alone — its branches (transitively) and agents found as `loadFiles` finds them, without loading any record — read
 * by range (a few statements for thousands of subjects), with the stored marks for the caller to compare. Branches
 * and agents whose ids lie outside the range are looked up by id.
 */
export async function windowMarks(
  tx: Tx,
  versions: string,
  lo: number,
  hi: number,
): Promise<{ current: Map<number, string>; stored: Awaited<ReturnType<Tx['ledgerWindow']>>['derived'] }> {
  const w = await tx.ledgerWindow(lo, hi);
  const childrenOf = new Map<number, number[]>();
  const addChild = (parent: number, id: number) =>
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), id]);
  for (const c of w.children) addChild(c.parent, c.id);
  // branches of branches whose ids lie outside the range
  let frontier = w.children.map((c) => c.id).filter((id) => id < lo || id > hi);
  const seen = new Set(frontier);
  while (frontier.length > 0) {
    const kids = await tx.childrenOf(frontier);
    frontier = [];
    for (const k of kids) {
      const id = Number(k.id);
      addChild(Number(k.parent_id), id);
      if (!seen.has(id) && (id < lo || id > hi)) {
        seen.add(id);
        frontier.push(id);
      }
    }
  }
  const involved = new Map<number, number[]>();
  for (const s of w.subjects) {
    const all = [s.id];
    if (s.kind === 'organization' && childrenOf.has(s.id)) {
      const visited = new Set([s.id]);
      const walk = (parent: number) => {
        for (const kid of childrenOf.get(parent) ?? []) {
          if (visited.has(kid)) continue;
          visited.add(kid);
          all.push(kid);
          walk(kid);
        }
      };
      walk(s.id);
    }
    involved.set(s.id, all);
  }
  for (const a of w.agents) if (a.agent !== a.org) involved.get(a.org)?.push(a.agent);
  const counts = new Map(w.counts.map((c) => [Number(c.subject_id), c]));
  const outside = [...new Set([...involved.values()].flat())].filter((id) => id < lo || id > hi);
  for (const c of await tx.ledgerCounts(outside)) counts.set(Number(c.subject_id), c);
  return {
    current: new Map([...involved].map(([id, inv]) => [id, marksString(versions, inv, counts)])),
    stored: w.derived,
  };
}
