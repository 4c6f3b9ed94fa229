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
  const parts: string[] = [];
  for (const sid of [...new Set(involved)].sort((a, b) => a - b)) {
    const c = counts.get(sid);
    if (!c || (c.records === 0 && c.events === 0)) continue;
    parts.push(`${sid}:${c.records_upto}:${c.records}:${c.events_upto}:${c.events}`);
  }
  return `e${ENGINE_VERSION}|${versions}|${parts.join(',')}`;
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
 * The marks each subject's projection would have if it were derived now, from the database's counts alone: the
 * subjects' branches (transitively) and agents are found as `loadFiles` finds them, without loading any record.
 */
export async function currentMarks(
  tx: Tx,
  versions: string,
  ids: readonly number[],
): Promise<Map<number, string>> {
  const subjects = await tx.subjectsById(ids);
  const orgs = subjects.filter((s) => s.kind === 'organization').map((s) => Number(s.id));
  const childrenOf = new Map<number, number[]>();
  let frontier = orgs;
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
        frontier.push(id);
      }
    }
  }
  const agents = await tx.agentsOf(orgs);
  const involved = new Map<number, number[]>();
  for (const s of subjects) {
    const id = Number(s.id);
    const all = [id];
    if (s.kind === 'organization') {
      const visited = new Set([id]);
      const walk = (parent: number) => {
        for (const kid of childrenOf.get(parent) ?? []) {
          if (visited.has(kid)) continue;
          visited.add(kid);
          all.push(kid);
          walk(kid);
        }
      };
      walk(id);
      for (const a of agents) if (a.org === id && a.agent !== id) all.push(a.agent);
    }
    involved.set(id, all);
  }
  const counts = new Map(
    (await tx.ledgerCounts([...new Set([...involved.values()].flat())])).map((c) => [
      Number(c.subject_id),
      c,
    ]),
  );
  return new Map([...involved].map(([id, inv]) => [id, marksString(versions, inv, counts)]));
}
