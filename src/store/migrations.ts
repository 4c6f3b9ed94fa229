import { type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';
import { auditLedgerMigration } from './audit-ledger.migration.ts';
import { compactNoticesMigration } from './compact-notices.migration.ts';
import { compactStatesMigration } from './compact-states.migration.ts';
import { dueProcessMigration } from './due-process.store.ts';
import { idempotencyMigration } from './idempotency.store.ts';
import { readsMigration } from './reads.migration.ts';
import { registryFactsMigration } from './registry-facts.migration.ts';
import { searchMigration } from './search.migration.ts';
import { watchesMigration } from './watches.store.ts';

/**
 * One migration set for every engine; the few differences (the subject id column) are passed in.
 * Times are epoch milliseconds in bigint columns.
 */
export function migrations(engine: 'sqlite' | 'postgres'): MigrationProvider {
  const m: Record<string, Migration> = {
    '0001_registry': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('meta')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('rulebooks')
          .addColumn('hash', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('version', 'text', (c) => c.notNull())
          .addColumn('effective_from', 'bigint', (c) => c.notNull())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('activated_at', 'bigint', (c) => c.notNull())
          .addColumn('activated_by', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('sources')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('domains', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute();
        let subjects = db.schema.createTable('subjects');
        subjects =
          engine === 'sqlite'
            ? subjects.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
            : subjects.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity());
        await subjects
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('usci', 'text', (c) => c.unique())
          .addColumn('id_hash', 'text', (c) => c.unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('parent_id', 'bigint')
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('subjects_parent').on('subjects').column('parent_id').execute();
        await db.schema.createIndex('subjects_name').on('subjects').columns(['kind', 'name']).execute();
        await db.schema
          .createTable('relations')
          .addColumn('org_id', 'bigint', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('person_id', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('relations_pk', ['org_id', 'role', 'person_id'])
          .execute();
        await db.schema.createIndex('relations_person').on('relations').column('person_id').execute();
        await db.schema
          .createTable('records')
          .addColumn('subject_id', 'bigint', (c) => c.notNull())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('record_id', 'text', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('occurred_at', 'bigint', (c) => c.notNull())
          .addColumn('recorded_at', 'bigint', (c) => c.notNull())
          .addColumn('legal_basis', 'text', (c) => c.notNull())
          .addColumn('evidence', 'text', (c) => c.notNull())
          .addColumn('amount', 'double precision')
          .addColumn('on_behalf_of', 'bigint')
          .addColumn('culpability', 'text')
          .addColumn('note', 'text')
          .addColumn('content_hash', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('records_pk', ['subject_id', 'seq'])
          .execute();
        await db.schema.createIndex('records_key').on('records').columns(['source', 'record_id']).execute();
        await db.schema
          .createIndex('records_on_behalf_of')
          .on('records')
          .column('on_behalf_of')
          .where(sql.ref('on_behalf_of'), 'is not', null)
          .execute();
        await db.schema
          .createTable('record_events')
          .addColumn('subject_id', 'bigint', (c) => c.notNull())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('record_id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('data', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('record_events_pk', ['subject_id', 'seq'])
          .execute();
        await db.schema
          .createTable('derived')
          .addColumn('subject_id', 'bigint', (c) => c.primaryKey())
          .addColumn('score', 'integer', (c) => c.notNull())
          .addColumn('grade', 'text', (c) => c.notNull())
          .addColumn('next_change_at', 'bigint')
          .addColumn('computed_at', 'bigint', (c) => c.notNull())
          .addColumn('rulebook_hash', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('derived_due')
          .on('derived')
          .columns(['next_change_at', 'subject_id'])
          .execute();
        await db.schema
          .createTable('decisions')
          .addColumn('subject_id', 'bigint', (c) => c.notNull())
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('list', 'text', (c) => c.notNull())
          .addColumn('event', 'text', (c) => c.notNull())
          .addColumn('effective_at', 'bigint', (c) => c.notNull())
          .addColumn('recorded_at', 'bigint', (c) => c.notNull())
          .addColumn('data', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('decisions_pk', ['subject_id', 'id'])
          .execute();
        await db.schema.createIndex('decisions_id').on('decisions').column('id').execute();
        await db.schema
          .createTable('checks')
          .addColumn('subject_id', 'bigint', (c) => c.notNull())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('measure', 'text', (c) => c.notNull())
          .addColumn('asked_by', 'text', (c) => c.notNull())
          .addColumn('asked_at', 'bigint', (c) => c.notNull())
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addColumn('applies', 'integer', (c) => c.notNull())
          .addColumn('until', 'bigint')
          .addColumn('decisions', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('checks_pk', ['subject_id', 'seq'])
          .execute();
        await db.schema
          .createTable('audit')
          .addColumn('seq', 'bigint', (c) => c.primaryKey())
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('subject_id', 'bigint')
          .addColumn('detail', 'text', (c) => c.notNull())
          .addColumn('prev_hash', 'text', (c) => c.notNull())
          .addColumn('hash', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0002_tokens': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('tokens')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('source', 'text')
          .addColumn('subject_id', 'bigint')
          .addColumn('hash', 'text', (c) => c.notNull().unique())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('expires_at', 'bigint')
          .addColumn('revoked_at', 'bigint')
          .addColumn('label', 'text', (c) => c.notNull())
          .execute();
      },
    },
  };
  m['0003_due_process'] = dueProcessMigration;
  m['0004_rulebook_lifecycle'] = {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('rulebooks')
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('published'))
        .execute();
      await db.schema.alterTable('rulebooks').addColumn('comment_until', 'bigint').execute();
      await db.schema.alterTable('rulebooks').addColumn('diff', 'text').execute();
      await db.schema.alterTable('checks').addColumn('inputs', 'text').execute();
    },
  };
  m['0005_registry_facts'] = registryFactsMigration;
  m['0006_audit_ledger'] = auditLedgerMigration;
  m['0007_reads'] = readsMigration;
  m['0012_idempotency'] = idempotencyMigration;
  m['0013_search'] = searchMigration(engine);
  m['0014_watches'] = watchesMigration;
  // the explained view stored with the projection, and the marks `rebuild` compares with the ledger
  m['0015_derived_views'] = {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('derived').addColumn('explained', 'text').execute();
      await db.schema.alterTable('derived').addColumn('marks', 'text').execute();
    },
  };
  m['0016_compact_notices'] = compactNoticesMigration;
  m['0017_compact_states'] = compactStatesMigration;
  // every read of notices names their subject (a file, a delivery, a purge), which the primary key serves: the index
  // by notice id alone served no query, and each notice an import wrote put its random id into it
  m['0018_notices_by_subject'] = {
    async up(db: Kysely<unknown>) {
      await db.schema.dropIndex('notices_id').ifExists().execute();
    },
  };
  return { getMigrations: async () => m };
}
