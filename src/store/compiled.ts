import { CompiledQuery, type Kysely, type QueryResult, sql, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A statement as compiled once: its text, and where each of its parameters comes from. */
interface Shape {
  readonly sql: string;
  /** For each parameter of the text: the index of the caller's value, or -1 for a constant of the builder. */
  readonly slots: readonly number[];
  readonly constants: readonly unknown[];
}

/** A prepared statement of an engine that runs one synchronously (better-sqlite3's Statement). */
export interface DirectStatement {
  readonly reader: boolean;
  all(params: readonly unknown[]): unknown[];
  run(params: readonly unknown[]): { changes: number; lastInsertRowid: number | bigint };
}

/**
 * For an engine registered with `runsDirectly`: how it gets a statement prepared (by its adapter, as the shapes),
 * from its own bounded cache: a shape does not keep its statement, or thousands of them would stay prepared.
 */
const directly = new WeakMap<object, (sql: string) => DirectStatement>();

/**
 * Lets `compiledOnce` run the statements of `db`'s transactions itself, synchronously, without Kysely's executor
 * (its connection provider, its promise chain, its result transformation cost as much as a small SQLite read).
 * Only for an engine with one connection that a transaction holds from BEGIN to COMMIT (SQLite): outside a
 * transaction, statements go through Kysely, which waits for the connection.
 */
export function runsDirectly(db: Kysely<Database>, prepare: (sql: string) => DirectStatement): void {
  directly.set(db.getExecutor().adapter, prepare);
}

const SENTINEL = '\u0001credence.slot.';
/** Shapes by engine: a transaction's executor carries the adapter of the Kysely instance it came from. */
const byAdapter = new WeakMap<object, Map<string, Shape>>();
/** Shapes kept at most (each is a few hundred bytes; a hot path has a few dozen). */
const MAX_SHAPES = 2000;

/**
 * Runs a statement built with Kysely's query builder, building and compiling it only the first time a shape is
 * met (per engine, `key` and number of values): the builder gets a placeholder for each value, and later calls
 * send the compiled text with the new values in their places. Building and compiling cost more than executing
 * the small look-ups of a check or a score; the text stays the same, so the engines' prepared statements are
 * reused as before (better-sqlite3's statement cache, PostgreSQL's named statements).
 *
 * The builder must use each placeholder as a value only (a `where`, a `values`, a `limit`), never to decide the
 * statement's shape; values that change the shape (the length of a list) belong in `key`.
 */
export async function compiledOnce<R>(
  db: Db,
  key: string,
  values: readonly unknown[],
  build: (slot: (i: number) => never) => { compile(db: Db): CompiledQuery<R> },
): Promise<QueryResult<R>> {
  const adapter = db.getExecutor().adapter;
  let shapes = byAdapter.get(adapter);
  if (!shapes) {
    shapes = new Map();
    byAdapter.set(adapter, shapes);
  }
  const k = `${key}|${values.length}`;
  let shape = shapes.get(k);
  if (!shape) {
    const compiled = build((i) => `${SENTINEL}${i}` as never).compile(db);
    const slots: number[] = [];
    const constants: unknown[] = [];
    for (const p of compiled.parameters) {
      const m = typeof p === 'string' && p.startsWith(SENTINEL) ? Number(p.slice(SENTINEL.length)) : -1;
      if (m >= values.length) throw new Error(`compiledOnce(${key}): slot ${m} of ${values.length} values`);
      slots.push(m);
      constants.push(m < 0 ? p : undefined);
    }
    if (shapes.size >= MAX_SHAPES) shapes.clear();
    shape = { sql: compiled.sql, slots, constants };
    shapes.set(k, shape);
  }
  const { slots, constants } = shape;
  const params = slots.map((s, i) => (s < 0 ? constants[i] : values[s]));
  const prepare = db.isTransaction ? directly.get(adapter) : undefined;
  if (!prepare) return db.executeQuery<R>(CompiledQuery.raw(shape.sql, params) as CompiledQuery<R>);
  const st = prepare(shape.sql);
  // as Kysely's SQLite connection answers: the rows of a read, the changes of a write
  if (st.reader) return { rows: st.all(params) as R[] };
  const { changes, lastInsertRowid } = st.run(params);
  return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
}

/**
 * The rows a statement of the query builder reads for `ids`, `size` ids a statement (default 500): `build` gets
 * the placeholders of a chunk's ids, for an `in (…)` list, and of the `values` that come before them. Each
 * statement is compiled once for its number of ids (compiledOnce), under `key`, which must name everything else
 * that shapes it. The many-subject reads of a derivation, which the builder would build again for every slice.
 */
export async function readIn<R>(
  db: Db,
  key: string,
  ids: readonly unknown[],
  build: (list: never[], value: (i: number) => never) => { compile(db: Db): CompiledQuery<R> },
  opts: { readonly size?: number; readonly values?: readonly unknown[] } = {},
): Promise<R[]> {
  const out: R[] = [];
  const size = opts.size ?? 500;
  const before = opts.values ?? [];
  for (let i = 0; i < ids.length; i += size) {
    const c = ids.slice(i, i + size);
    const r = await compiledOnce(db, `readIn|${key}`, [...before, ...c], (v) =>
      build(
        c.map((_, j) => v(before.length + j)),
        v,
      ),
    );
    for (const row of r.rows) out.push(row);
  }
  return out;
}

/**
 * A read whose text starts with this comment returns its rows as arrays of column values on SQLite
 * (better-sqlite3's raw mode, see sqlite.store.ts): building an object of a dozen columns for every row costs
 * as much as reading the row. PostgreSQL ignores the comment and returns objects. `rowsAs` reads either.
 */
export const ROWS_AS_ARRAYS = '/* rows as arrays */ ';

/** Rows of a ROWS_AS_ARRAYS read as objects: arrays through `fromArray`, objects as they came. */
export function rowsAs<R>(rows: readonly unknown[], fromArray: (a: readonly unknown[]) => R): R[] {
  const out: R[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    out[i] = Array.isArray(r) ? fromArray(r) : (r as R);
  }
  return out;
}

/**
 * The rows of `table` whose `column` is one of `ids`, `size` ids a statement, each statement compiled once for its
 * number of ids and read as arrays on SQLite (`fromArray` takes `columns` in their order). A derivation's bulk reads.
 */
export async function rowsIn<R>(
  db: Db,
  table: string,
  columns: readonly string[],
  column: string,
  ids: readonly (number | string)[],
  fromArray: (a: readonly unknown[]) => R,
  opts: { readonly orderBy?: readonly string[]; readonly size?: number } = {},
): Promise<R[]> {
  const order = opts.orderBy?.length
    ? sql` order by ${sql.join(opts.orderBy.map((c) => sql.ref(c)))}`
    : sql``;
  const rows = await readIn(
    db,
    // the key names everything that shapes the text besides the number of ids
    `rowsIn|${table}|${column}|${columns.join(',')}|${opts.orderBy?.join(',') ?? ''}`,
    ids,
    (list) =>
      sql<unknown>`${sql.raw(ROWS_AS_ARRAYS)}select ${sql.join(columns.map((k) => sql.ref(k)))} from ${sql.table(table)}
        where ${sql.ref(column)} in (${sql.join(list)})${order}`,
    { size: opts.size ?? 500 },
  );
  return rowsAs(rows, fromArray);
}

/**
 * Inserts `rows` into `table`, `size` rows a statement, each statement compiled once for its number of rows (an
 * import writes hundreds of thousands of notices, decisions and records: building each statement anew with the
 * query builder cost more than running it). With `conflict`, a row whose key is there already is skipped
 * (`on conflict (…) do nothing`), or, with `update`, has those columns replaced by the new row's; the written
 * rows' `returning` columns are returned.
 */
export async function insertRows<R extends object>(
  db: Db,
  table: string,
  columns: readonly (keyof R & string)[],
  rows: readonly R[],
  opts: {
    readonly size?: number;
    readonly conflict?: readonly string[];
    readonly update?: readonly string[];
    readonly returning?: readonly string[];
  } = {},
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  const size = opts.size ?? 200;
  const n = columns.length;
  const ref = (cs: readonly string[]) => sql.join(cs.map((c) => sql.ref(c)));
  const onConflict = opts.update
    ? sql`do update set ${sql.join(opts.update.map((c) => sql`${sql.ref(c)} = ${sql.ref(`excluded.${c}`)}`))}`
    : sql`do nothing`;
  const conflict = opts.conflict ? sql` on conflict (${ref(opts.conflict)}) ${onConflict}` : sql``;
  const returning = opts.returning ? sql` returning ${ref(opts.returning)}` : sql``;
  for (let i = 0; i < rows.length; i += size) {
    const c = rows.slice(i, i + size);
    const values: unknown[] = [];
    for (const r of c) for (const col of columns) values.push((r[col] as unknown) ?? null);
    const key = `insertRows|${table}|${columns.join(',')}|${opts.conflict?.join(',') ?? ''}|${opts.update?.join(',') ?? ''}|${opts.returning?.join(',') ?? ''}`;
    const r = await compiledOnce(
      db,
      key,
      values,
      (v) =>
        sql<Record<string, unknown>>`insert into ${sql.table(table)} (${ref(columns)}) values ${sql.join(
          c.map((_, j) => sql`(${sql.join(columns.map((_, k) => v(j * n + k)))})`),
        )}${conflict}${returning}`,
    );
    for (const row of r.rows) out.push(row);
  }
  return out;
}
