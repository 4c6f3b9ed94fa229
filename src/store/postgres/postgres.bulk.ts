import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Kysely, sql, type Transaction } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { RecordRow } from '../../app/ports/ports.store.ts';
import type { BulkWriter } from '../kysely-store.ts';
import { RECORD_COLUMNS } from '../records.rows.ts';
import type { Database } from '../schema.ts';

// COPY and the unnest insert list the records columns explicitly, in table order (records.rows.ts)

/** One value in COPY's text format: `\N` is NULL; backslash, tab, newline and carriage return are escaped. */
export function copyValue(v: string | number | null): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`cannot COPY the number ${v}`);
    return String(v);
  }
  return v.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** Rows as COPY text lines, a few hundred rows per chunk so that the stream is not fed one tiny write a row. */
export function* copyLines(rows: readonly RecordRow[], per = 500): Generator<string> {
  for (let i = 0; i < rows.length; i += per) {
    let out = '';
    for (const r of rows.slice(i, i + per)) {
      out += RECORD_COLUMNS.map((c) => copyValue(r[c])).join('\t');
      out += '\n';
    }
    yield out;
  }
}

/** `COPY records (…) FROM STDIN` on one client: the rows travel as one stream, parsed by the server in bulk. */
export async function copyRecords(client: pg.ClientBase, rows: readonly RecordRow[]): Promise<void> {
  const stream = client.query(copyFrom(`COPY records (${RECORD_COLUMNS.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(copyLines(rows)), stream);
}

/**
 * The same insert as one set-based statement: one array parameter a column, `unnest` turns them back into rows.
 * Used for batches below the COPY threshold and wherever the transaction's client cannot be reached.
 */
export async function unnestRecords(
  db: Kysely<Database> | Transaction<Database>,
  rows: readonly RecordRow[],
  per = 5000,
): Promise<void> {
  for (let i = 0; i < rows.length; i += per) {
    const c = rows.slice(i, i + per);
    const col = <K extends (typeof RECORD_COLUMNS)[number]>(k: K) => c.map((r) => r[k]);
    await sql`insert into records (${sql.raw(RECORD_COLUMNS.join(', '))})
      select * from unnest(
        ${col('subject_id')}::bigint[], ${col('seq')}::integer[], ${col('source')}::text[],
        ${col('record_id')}::text[], ${col('type')}::text[], ${col('occurred_at')}::bigint[],
        ${col('recorded_at')}::bigint[], ${col('legal_basis')}::text[], ${col('evidence')}::text[],
        ${col('amount')}::double precision[], ${col('on_behalf_of')}::bigint[], ${col('culpability')}::text[],
        ${col('note')}::text[], ${col('content_hash')}::text[])`.execute(db);
  }
}

const processId = (c: pg.ClientBase): number => (c as unknown as { processID: number }).processID;

/**
 * The PostgreSQL bulk path for records. Kysely has no public way to reach the pg client that runs a transaction,
 * so the pool's clients are indexed by their server process id: inside a transaction `pg_backend_pid()` names the
 * connection Kysely holds for it, and COPY runs on that very client (Kysely awaits us meanwhile, so nothing else
 * uses it). Small batches, or a call outside a transaction, take the unnest statement instead.
 */
export class PostgresBulk implements BulkWriter {
  private readonly clients = new Map<number, pg.PoolClient>();

  constructor(
    pool: pg.Pool,
    /** Batches of at least this many rows use COPY (below it, COPY's extra round trip does not pay). */
    readonly copyFrom = 256,
  ) {
    pool.on('connect', (c) => this.clients.set(processId(c), c));
    pool.on('remove', (c) => this.clients.delete(processId(c)));
  }

  async insertRecords(
    db: Kysely<Database> | Transaction<Database>,
    rows: readonly RecordRow[],
  ): Promise<void> {
    if (rows.length === 0) return;
    if (rows.length >= this.copyFrom && db.isTransaction) {
      const { rows: r } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
      const client = this.clients.get(Number(r[0]?.pid));
      if (client) return copyRecords(client, rows);
    }
    return unnestRecords(db, rows);
  }
}
