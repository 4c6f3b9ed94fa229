import type { RulebookSet } from '../../rules/versions.ts';
import { sha256 } from '../ports/ports.context.ts';
import type { LedgerCount } from '../ports/ports.store.ts';
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

/** The marks of a projection with nothing in the ledger: the engine version and the rulebook set. */
export function marksHead(versions: string): string {
  return `e${ENGINE_VERSION}|${versions}|`;
}

/**
 * What a projection was derived from, as one string: the engine version, the rulebook set, and for every involved
 * subject (itself, its branches, its agents) with any record or event, the last sequence numbers and counts of its
 * records and events. Records and events are append-only with per-subject sequences, so the string changes exactly
 * when the derivation's input can have changed (a deleted record lowers a count).
 *
 * A subject involving no other with any record or event has `head` followed by
 * `id:records_upto:records:events_upto:events` (or `head` alone): the form the store compares by itself in
 * `marksWindow`, so that `rebuild` reads no marks of subjects unchanged.
 */
export function marksString(
  versions: string,
  involved: readonly number[],
  counts: ReadonlyMap<number, LedgerCount>,
): string {
  const head = marksHead(versions);
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

/** The marks of a derivation involving these subjects (itself included), from their counts as the database gives them. */
export function involvedMarks(versions: string, involved: readonly LedgerCount[]): string {
  return marksString(
    versions,
    involved.map((c) => c.subject_id),
    new Map(involved.map((c) => [c.subject_id, c])),
  );
}
