import { addDuration, type Duration, parseDuration } from '../domain/duration.ts';
import { CredenceError } from '../domain/errors.ts';
import type { LedgerRecord } from './ledger.model.ts';
import type { HistoryView, Rulebook, Sign } from './rulebook.model.ts';

/** `history.count(pattern, window[, sign])`: windows, patterns and the count itself. */

const windows = new Map<string, Duration>();
export function windowOf(text: string): Duration {
  let d = windows.get(text);
  if (!d) {
    const r = parseDuration(text);
    if (!r.value)
      throw new CredenceError(
        'rulebook.invalid_window',
        `history.count window "${text}" is not an ISO 8601 duration`,
      );
    d = r.value;
    windows.set(text, d);
  }
  return d;
}

export function typeMatches(pattern: string, type: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}

function signOf(v: Rulebook, type: string): number {
  return Math.sign(v.recordTypes.get(type)?.points ?? 0);
}

/**
 * The first moment at which a record that occurred at `o` is no longer inside a window of length w ending at t,
 * i.e. the smallest t with t − w > o. Usually o + w + 1 ms; at month ends (29 February + P2Y) the calendar
 * clamps and it is later, so it is searched for.
 */
export function windowLeaves(o: number, w: Duration): number {
  let lo = addDuration(o, w);
  let hi = lo + 1;
  if (addDuration(hi, w, -1) > o) return hi;
  while (addDuration(hi, w, -1) <= o) {
    lo = hi;
    hi += 86_400_000;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (addDuration(mid, w, -1) > o) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Counts the subject's other, non-annulled records matching `pattern` in the window [end − window, end]. */
/**
 * A record's history for its rules: the other records of its subject up to its date (excluding its end, and
 * itself), as corrected. An object, not a closure, as a derivation makes one for each record under each version.
 */
export class RecordHistory implements HistoryView {
  constructor(
    private readonly v: Rulebook,
    private readonly history: readonly LedgerRecord[],
    private readonly rec: LedgerRecord,
  ) {}
  count(pattern: string, window: string, sign?: Sign): number {
    const { v, history, rec } = this;
    return countHistory(
      v,
      history,
      rec.key,
      rec.occurredAt,
      false,
      pattern,
      window,
      sign,
      Number.POSITIVE_INFINITY,
    );
  }
}

export function countHistory(
  v: Rulebook,
  history: readonly LedgerRecord[],
  exclude: string | undefined,
  end: number,
  endInclusive: boolean,
  pattern: string,
  window: string,
  sign: Sign | undefined,
  knownAt: number,
): number {
  const start = addDuration(end, windowOf(window), -1);
  const want = sign === 'negative' ? -1 : sign === 'positive' ? 1 : 0;
  let n = 0;
  for (const o of history) {
    if (o.key === exclude) continue;
    if (o.annulledAt !== undefined && o.annulledAt <= knownAt) continue;
    if (o.knownAt !== undefined && o.knownAt > knownAt) continue;
    if (o.occurredAt < start || o.occurredAt > end || (!endInclusive && o.occurredAt === end)) continue;
    if (!typeMatches(pattern, o.type)) continue;
    if (want !== 0 && signOf(v, o.type) !== want) continue;
    n++;
  }
  return n;
}
