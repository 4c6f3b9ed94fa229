import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { SearchCursor, SearchHit } from '../app/ports/ports.store.ts';
import { type IndexQuery, NEVER, type SearchEntry, searchEntry } from '../app/search/search.normalize.ts';
import type { Database } from './schema.ts';

/**
 * The public search index over Kysely. Both engines answer from the same table with the same ranking; only the
 * candidate filter differs: SQLite's FTS5 trigram index, PostgreSQL's pg_trgm GIN index, and for queries
 * shorter than a trigram a plain scan. Every candidate is then checked as an exact substring, so both engines
 * return exactly the same rows in the same order (ordering by code points: `collate "C"` on PostgreSQL).
 */

type Db = Kysely<Database> | Transaction<Database>;
type Engine = 'sqlite' | 'postgres';

const COLUMNS = sql`subject_id, usci, name, key, pinyin, initials, former, doc, len`;

/** Adds an organization to the index, or replaces its entry (a rename keeps the old name as a former one). */
export async function indexOrganization(db: Db, id: number, usci: string, name: string): Promise<void> {
  const [old] = await db.selectFrom('org_search').selectAll().where('subject_id', '=', id).execute();
  const former = old ? [...(old.former ? splitFormer(old) : []), old.name] : [];
  const entry = searchEntry(id, usci, name, former);
  if (old) await db.deleteFrom('org_search').where('subject_id', '=', id).execute();
  await db.insertInto('org_search').values(entry).execute();
}

/** The former names are kept normalised; their display forms are not needed for matching. */
function splitFormer(e: SearchEntry): string[] {
  return e.former.split('|').filter((s) => s !== '');
}

/** Renames an indexed organization (persons are not indexed: nothing happens for them). */
export async function reindexName(db: Db, id: number, name: string): Promise<void> {
  const [old] = await db
    .selectFrom('org_search')
    .select(['usci', 'name'])
    .where('subject_id', '=', id)
    .execute();
  if (old && old.name !== name) await indexOrganization(db, id, old.usci, name);
}

function pos(engine: Engine, col: RawBuilder<unknown>, v: string) {
  return engine === 'postgres' ? sql<number>`strpos(${col}, ${v})` : sql<number>`instr(${col}, ${v})`;
}

function tierOf(engine: Engine, q: IndexQuery) {
  const c = (name: string) => sql.ref(name) as unknown as RawBuilder<unknown>;
  return sql<number | null>`case
    when usci = ${q.usci} then 0
    when ${pos(engine, c('key'), q.text)} = 1 then 1
    when ${pos(engine, c('key'), q.text)} > 0 or ${pos(engine, c('former'), q.text)} > 0
      or ${pos(engine, sql`lower(usci)`, q.usciPart)} > 0 then 2
    when ${pos(engine, c('pinyin'), q.compact)} > 0 or ${pos(engine, c('initials'), q.compact)} > 0 then 3
    end`;
}

const likeOf = (s: string) => `%${s.replace(/[%_\\]/g, '\\$&')}%`;
const ftsPhrase = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Rows whose document contains one of the terms (each at least a trigram long unless `scan`). */
function candidates(engine: Engine, terms: readonly string[], scan: boolean) {
  const exact = sql.join(
    terms.map((t) => sql`${pos(engine, sql.ref('doc') as unknown as RawBuilder<unknown>, t)} > 0`),
    sql` or `,
  );
  if (scan) return sql`(${exact})`;
  if (engine === 'postgres')
    return sql`(${sql.join(
      terms.map((t) => sql`doc like ${likeOf(t)} escape '\\'`),
      sql` or `,
    )})`;
  const match = terms.map(ftsPhrase).join(' OR ');
  return sql`subject_id in (select rowid from org_search_fts where org_search_fts match ${match}) and (${exact})`;
}

function hit(r: Record<string, unknown>): SearchHit {
  return {
    subject_id: Number(r.subject_id),
    usci: String(r.usci),
    name: String(r.name),
    key: String(r.key),
    pinyin: String(r.pinyin),
    initials: String(r.initials),
    former: String(r.former),
    doc: String(r.doc),
    len: Number(r.len),
    tier: r.tier === null || r.tier === undefined ? null : Number(r.tier),
  };
}

/** The ranked matches after the cursor: exact code, name prefix, name infix (or former name, part of the code), pinyin. */
export async function searchRanked(
  db: Db,
  engine: Engine,
  q: IndexQuery,
  after: SearchCursor | null,
  limit: number,
): Promise<SearchHit[]> {
  const terms = [q.text, q.compact].filter((t, i, all) => t !== NEVER && t !== '' && all.indexOf(t) === i);
  if (terms.length === 0) return [];
  const key = engine === 'postgres' ? sql`key collate "C"` : sql`key`;
  const keyset = after
    ? sql`and (tier, len, ${key}, subject_id) > (${after.tier}, ${after.len}, ${after.key}, ${after.id})`
    : sql``;
  const r = await sql<Record<string, unknown>>`select * from (
      select ${COLUMNS}, ${tierOf(engine, q)} as tier from org_search where ${candidates(engine, terms, q.short)}
    ) c where tier is not null ${keyset}
    order by tier, len, ${key}, subject_id limit ${limit}`.execute(db);
  return r.rows.map(hit);
}

/**
 * Candidates for the fuzzy tier: rows containing one of the pieces, in id order (the same rows on both engines),
 * each with the tier it would have in the ranked search (null: not there).
 */
export async function searchPieces(
  db: Db,
  engine: Engine,
  q: IndexQuery,
  pieces: readonly string[],
  limit: number,
): Promise<SearchHit[]> {
  const terms = [...new Set(pieces)].filter((p) => [...p].length >= 3);
  if (terms.length === 0) return [];
  const r = await sql<Record<string, unknown>>`select ${COLUMNS}, ${tierOf(engine, q)} as tier from org_search
    where ${candidates(engine, terms, false)} order by subject_id limit ${limit}`.execute(db);
  return r.rows.map(hit);
}
