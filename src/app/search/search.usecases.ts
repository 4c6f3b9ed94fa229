import { CredenceError } from '../../domain/errors.ts';
import type { SearchCursor, SearchHit, Tx } from '../ports/ports.store.ts';
import { fuzzyPieces, type IndexQuery, indexQuery, NEVER, PART, similarity } from './search.normalize.ts';

/**
 * The public search of organizations: by any part of the name (legal forms, case and width ignored), by former
 * names, by pinyin (full or initials) and by the whole or part of the USCI. Ranked: exact code, name prefix,
 * name infix (or a former name, or part of the code), pinyin; near spellings only when a query finds fewer than 3
 * that way. Persons are never indexed.
 */

/** How a result was found, best first. */
export type MatchKind = 'usci' | 'name_prefix' | 'name' | 'former_name' | 'usci_part' | 'pinyin' | 'fuzzy';

export interface SearchItem {
  readonly usci: string;
  readonly name: string;
  readonly match: MatchKind;
  /** For a near spelling: its similarity to the query, in [0, 1]. */
  readonly similarity?: number;
  /** Internal id, for callers inside the registry (never shown to the public). */
  readonly subjectId: number;
}

export interface SearchPage {
  readonly items: readonly SearchItem[];
  /** Opaque; absent on the last page. */
  readonly next: string | null;
}

/** Near spellings at or above this similarity are shown after every exact kind of match. */
export const FUZZY_THRESHOLD = 0.5;
/** Near spellings are looked for only when fewer exact matches than this exist. */
export const FUZZY_WHEN_FEWER = 3;
/** How many candidates the near-spelling tier scores at most. */
const FUZZY_POOL = 500;
export const MAX_PAGE = 100;

type Cursor = SearchCursor | { readonly fuzzy: number };

function encode(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decode(s: string): Cursor {
  const bad = () =>
    new CredenceError('input.invalid_cursor', 'cursor is not one this search returned', {
      issues: [{ path: 'cursor', message: 'use next_cursor from the previous page, unchanged' }],
    });
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  const o = v as Record<string, unknown>;
  if (o && typeof o.fuzzy === 'number' && Number.isInteger(o.fuzzy) && o.fuzzy >= 0)
    return { fuzzy: o.fuzzy };
  if (
    o &&
    Number.isInteger(o.tier) &&
    Number.isInteger(o.len) &&
    typeof o.key === 'string' &&
    Number.isInteger(o.id)
  )
    return { tier: o.tier as number, len: o.len as number, key: o.key, id: o.id as number };
  throw bad();
}

function matchOf(q: IndexQuery, h: SearchHit): MatchKind {
  if (h.tier === 0) return 'usci';
  if (h.tier === 1) return 'name_prefix';
  if (h.tier === 3) return 'pinyin';
  if (h.key.includes(q.text)) return 'name';
  if (h.former.includes(q.text)) return 'former_name';
  return 'usci_part';
}

const item = (h: SearchHit, match: MatchKind, sim?: number): SearchItem => ({
  usci: h.usci,
  name: h.name,
  match,
  ...(sim === undefined ? {} : { similarity: sim }),
  subjectId: h.subject_id,
});

/** The near spellings of the query that no exact kind of match found, best first (the same on both engines). */
async function nearSpellings(tx: Tx, q: IndexQuery): Promise<{ hit: SearchHit; sim: number }[]> {
  if (q.short) return [];
  const pieces = [
    ...fuzzyPieces(q.text),
    ...(q.compact !== NEVER && q.compact !== q.text ? fuzzyPieces(q.compact) : []),
  ];
  const pool = await tx.searchPieces(q, pieces, FUZZY_POOL);
  const out: { hit: SearchHit; sim: number }[] = [];
  for (const h of pool) {
    if (h.tier !== null) continue;
    const forms = [h.key, ...h.former.split(PART).filter(Boolean)];
    let sim = Math.max(...forms.map((f) => similarity(q.text, f)));
    if (q.compact !== NEVER && h.pinyin) sim = Math.max(sim, similarity(q.compact, h.pinyin));
    if (sim >= FUZZY_THRESHOLD) out.push({ hit: h, sim });
  }
  return out.sort(
    (a, b) =>
      b.sim - a.sim ||
      a.hit.len - b.hit.len ||
      (a.hit.key < b.hit.key ? -1 : a.hit.key > b.hit.key ? 1 : 0) ||
      a.hit.subject_id - b.hit.subject_id,
  );
}

/**
 * One page of organizations matching `q`, best first. `cursor` continues from the page that returned it; an
 * empty query (or one that is only a legal form) finds nothing.
 */
export async function searchOrganizations(
  tx: Tx,
  query: string,
  opts: { cursor?: string | undefined; limit?: number | undefined } = {},
): Promise<SearchPage> {
  const limit = opts.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE)
    throw new CredenceError('input.out_of_range', `limit must be between 1 and ${MAX_PAGE}`, {
      issues: [{ path: 'limit', message: `between 1 and ${MAX_PAGE}` }],
    });
  const cursor = opts.cursor ? decode(opts.cursor) : null;
  const q = indexQuery(query);
  if (q.text === '' && q.compact === NEVER) return { items: [], next: null };
  const items: SearchItem[] = [];
  let offset = 0;
  if (!cursor || !('fuzzy' in cursor)) {
    const hits = await tx.searchRanked(q, cursor, limit + 1);
    const page = hits.slice(0, limit);
    items.push(...page.map((h) => item(h, matchOf(q, h))));
    const last = page[page.length - 1];
    if (hits.length > limit && last)
      return {
        items,
        next: encode({ tier: last.tier!, len: last.len, key: last.key, id: last.subject_id }),
      };
    // near spellings only for a query that hardly finds anything as typed ("did you mean"); a ranked cursor
    // means the query found more than a page already
    if (cursor || hits.length >= FUZZY_WHEN_FEWER) return { items, next: null };
  } else offset = cursor.fuzzy;
  const near = await nearSpellings(tx, q);
  const room = limit - items.length;
  const more = near.slice(offset, offset + room);
  items.push(...more.map((n) => item(n.hit, 'fuzzy', n.sim)));
  const next = near.length > offset + room ? encode({ fuzzy: offset + room }) : null;
  return { items, next };
}

/** Every organization the search finds for `q`, up to `max`, best first (for screening's name candidates). */
export async function searchAll(tx: Tx, query: string, max: number): Promise<SearchItem[]> {
  const out: SearchItem[] = [];
  let cursor: string | undefined;
  while (out.length < max) {
    const page = await searchOrganizations(tx, query, {
      cursor,
      limit: Math.min(MAX_PAGE, max - out.length),
    });
    out.push(...page.items);
    if (!page.next) break;
    cursor = page.next;
  }
  return out;
}
