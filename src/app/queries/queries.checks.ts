// The checks in a subject's file (DESIGN §5: every check is logged and shown to the subject), a page at a time:
// a subject checked every day for years has tens of thousands, so the file carries the newest page, the total
// and a cursor to the older ones, and nothing ever loads them all.
import { CredenceError } from '../../domain/errors.ts';
import { formatInstant } from '../../domain/time.ts';
import type { CheckRow, Tx } from '../ports/ports.store.ts';

/** How many checks a subject's file carries, and the default page size of the checks route. */
export const CHECKS_PAGE = 100;
/** The largest page the checks route gives. */
export const CHECKS_PAGE_MAX = 500;

const iso = (t: number | null) => (t === null ? null : formatInstant(Number(t)));

/** One check as the file shows it: what was asked, by whom (by its token's label and role), and the answer. */
export function checkView(subjectId: number, c: CheckRow, who: (actor: string) => string) {
  return {
    id: `CHK-${subjectId}-${c.seq}`,
    measure: c.measure,
    asked_by: who(c.asked_by),
    asked_at: iso(Number(c.asked_at)),
    at: iso(Number(c.at)),
    applies: Number(c.applies) === 1,
    until: iso(c.until === null ? null : Number(c.until)),
    decisions: JSON.parse(c.decisions) as string[],
  };
}
export type CheckView = ReturnType<typeof checkView>;

export interface ChecksPage {
  /** Every check in the subject's file. */
  readonly total: number;
  /** This page, newest first. */
  readonly items: CheckView[];
  /** The cursor of the next (older) page; null on the last. */
  readonly next: string | null;
}

/** A cursor names the sequence number the next page starts below; it is opaque to callers. */
export const encodeChecksCursor = (before: number) => Buffer.from(`chk:${before}`).toString('base64url');

export function decodeChecksCursor(text: string): number {
  const m = /^chk:(\d{1,15})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  const before = m ? Number(m[1]) : Number.NaN;
  if (!Number.isSafeInteger(before) || before < 1)
    throw new CredenceError('input.invalid_cursor', `cursor "${text}" is not one this API gave out`, {
      issues: [{ path: 'cursor', message: 'pass the `next` value of the previous page unchanged' }],
    });
  return before;
}

/** One page of a subject's checks, newest first, read by key (one more row than the page tells whether more follow). */
export async function checksPageOf(
  tx: Tx,
  subjectId: number,
  who: (actor: string) => string,
  page: { before: number | null; limit: number },
): Promise<ChecksPage> {
  const rows = await tx.checksPage(subjectId, page.before, page.limit + 1);
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    total: await tx.checkCount(subjectId),
    items: items.map((c) => checkView(subjectId, c, who)),
    next: rows.length > page.limit && last ? encodeChecksCursor(Number(last.seq)) : null,
  };
}
