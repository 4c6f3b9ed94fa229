import type { Kysely, Migration, Transaction } from 'kysely';
import type { IdempotencyRow, IdempotencyTx } from '../app/ports/ports.idempotency.ts';
import { WatchesRepo } from './watches.store.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The answers kept for Idempotency-Key, keyed by (caller, key). */
export interface IdempotencyTables {
  idempotency: Mutable<IdempotencyRow>;
}

type Db = Kysely<IdempotencyTables> | Transaction<IdempotencyTables>;

export const idempotencyMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('idempotency')
      .addColumn('caller', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('status', 'integer', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('idempotency_pk', ['caller', 'key'])
      .execute();
    await db.schema.createIndex('idempotency_created').on('idempotency').column('created_at').execute();
  },
};

/** The IdempotencyTx operations over Kysely, shared by both engines. */
export class IdempotencyRepo extends WatchesRepo implements IdempotencyTx {
  private readonly idem: Db;
  constructor(db: ConstructorParameters<typeof WatchesRepo>[0]) {
    super(db);
    this.idem = db as unknown as Db;
  }

  async idempotentAnswer(caller: string, key: string) {
    const r = await this.idem
      .selectFrom('idempotency')
      .selectAll()
      .where('caller', '=', caller)
      .where('key', '=', key)
      .executeTakeFirst();
    return r && { ...r, status: Number(r.status), created_at: Number(r.created_at) };
  }
  async saveIdempotentAnswer(row: IdempotencyRow) {
    await this.idem
      .insertInto('idempotency')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['caller', 'key']).doUpdateSet({
          request_hash: row.request_hash,
          status: row.status,
          content_type: row.content_type,
          body: row.body,
          created_at: row.created_at,
        }),
      )
      .execute();
  }
  async purgeIdempotentAnswers(before: number) {
    const r = await this.idem.deleteFrom('idempotency').where('created_at', '<', before).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
