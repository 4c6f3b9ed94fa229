/**
 * Raw better-sqlite3 access to a registry file for the baselines: a second connection with the store's settings,
 * tables of the same shape as the registry's, and the rows an import writes — every ordinary table's rows before
 * the import (as fingerprints), the rows present after it and not before (inserted, or rewritten in place), and a
 * raw copy of them with prepared inserts. Rows inserted and deleted again within the import, and deletions, are not
 * counted: that baseline is a lower bound of the writes.
 */
import Database from 'better-sqlite3';
import { MAP_BYTES } from '../src/store/sqlite/sqlite.store.ts';

export type Raw = Database.Database;

/**
 * A second connection to the registry file, with the store's settings (src/store/sqlite/sqlite.store.ts); with
 * `checkpointPages`, the WAL checkpointed as seldom as the store's connection that it is compared with.
 */
export function openRaw(file: string, opts: { checkpointPages?: number } = {}): Raw {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -16384');
  db.pragma(`mmap_size = ${MAP_BYTES}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('temp_store = MEMORY');
  if (opts.checkpointPages !== undefined) db.pragma(`wal_autocheckpoint = ${opts.checkpointPages}`);
  return db;
}

interface Table {
  readonly name: string;
  readonly sql: string;
}

/** Ordinary tables (not SQLite's own, not virtual tables: their shadow tables are ordinary and counted). */
function tables(db: Raw): Table[] {
  return (
    db
      .prepare(
        "select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
      )
      .all() as Table[]
  ).filter((t) => !/^create\s+virtual\s+table/i.test(t.sql) && !t.name.startsWith('raw_'));
}

const fingerprint = (row: unknown[]) => JSON.stringify(row);

function* rowsOf(db: Raw, table: string): Generator<unknown[]> {
  yield* db.prepare(`select * from "${table}"`).raw().iterate() as Iterable<unknown[]>;
}

/** Each table's rows, by fingerprint, with how many times each occurs. */
export function snapshot(db: Raw): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const t of tables(db)) {
    const seen = new Map<string, number>();
    for (const r of rowsOf(db, t.name)) {
      const k = fingerprint(r);
      seen.set(k, (seen.get(k) ?? 0) + 1);
    }
    out.set(t.name, seen);
  }
  return out;
}

export interface Written {
  readonly table: string;
  readonly rows: unknown[][];
}

/** The rows present now and not in `before`, per table that has any, in storage order. */
export function writtenRows(db: Raw, before: Map<string, Map<string, number>>): Written[] {
  const out: Written[] = [];
  for (const t of tables(db)) {
    const seen = new Map(before.get(t.name) ?? []);
    const rows: unknown[][] = [];
    for (const r of rowsOf(db, t.name)) {
      const k = fingerprint(r);
      const n = seen.get(k) ?? 0;
      if (n > 0) seen.set(k, n - 1);
      else rows.push(r);
    }
    if (rows.length > 0) out.push({ table: t.name, rows });
  }
  return out;
}

/** Creates `name` shaped as `table`: its CREATE TABLE and its indexes, renamed (`prefix` before each index name). */
export function cloneTable(db: Raw, table: string, name: string, prefix = `${name}_`): void {
  const { sql } = db
    .prepare("select sql from sqlite_master where type = 'table' and name = ?")
    .get(table) as Table;
  db.exec(sql.replace(/^create\s+table\s+("?)[\w]+\1/i, `create table "${name}"`));
  const indexes = db
    .prepare("select name, sql from sqlite_master where type = 'index' and tbl_name = ? and sql is not null")
    .all(table) as Table[];
  for (const i of indexes)
    db.exec(
      i.sql.replace(
        /^create\s+(unique\s+)?index\s+("?)[\w]+\2\s+on\s+("?)[\w]+\3/i,
        (_m, u: string | undefined) => `create ${u ?? ''}index "${prefix}${i.name}" on "${name}"`,
      ),
    );
}

/**
 * Copies the written rows into `<prefix><table>` for each table, shaped as the original (cloneTable), with one
 * prepared insert per table in transactions of 10,000 rows. Returns the inserts' ms.
 */
export function copyRows(db: Raw, written: readonly Written[], prefix: string): number {
  const inserts: { rows: unknown[][]; ins: Database.Statement }[] = [];
  for (const w of written) {
    const name = `${prefix}${w.table}`;
    cloneTable(db, w.table, name, prefix);
    const width = w.rows[0]!.length;
    inserts.push({
      rows: w.rows,
      ins: db.prepare(
        `insert into "${name}" values (${Array.from({ length: width }, () => '?').join(', ')})`,
      ),
    });
  }
  const batch = db.transaction((ins: Database.Statement, chunk: unknown[][]) => {
    for (const r of chunk) ins.run(r);
  });
  const t0 = performance.now();
  for (const { rows, ins } of inserts)
    for (let i = 0; i < rows.length; i += 10_000) batch(ins, rows.slice(i, i + 10_000));
  return performance.now() - t0;
}
