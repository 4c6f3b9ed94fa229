import { type Kysely, type Migration, sql } from 'kysely';

/**
 * `0005_registry_facts`: registry facts (names, parents, legal representatives, actual controllers) become dated
 * ledger entries, keyed by subject first. What the registry held before is copied in as facts effective when
 * each subject was registered (the only date the old tables kept); the old tables stay as the current state.
 */
export const registryFactsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('registry_facts')
      .addColumn('subject_id', 'bigint', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('fact', 'text', (c) => c.notNull())
      .addColumn('value', 'text')
      .addColumn('related_id', 'bigint')
      .addColumn('effective_at', 'bigint', (c) => c.notNull())
      .addColumn('recorded_at', 'bigint', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('source', 'text')
      .addPrimaryKeyConstraint('registry_facts_pk', ['subject_id', 'seq'])
      .execute();
    // the other side of a relation: a person's roles, an organization's branches
    await db.schema
      .createIndex('registry_facts_related')
      .on('registry_facts')
      .columns(['related_id', 'fact'])
      .where(sql.ref('related_id'), 'is not', null)
      .execute();
    // fixed sequence numbers per kind of fact: at most one of each existed per subject
    await sql`insert into registry_facts (subject_id, seq, fact, value, related_id, effective_at, recorded_at, actor, source)
      select id, 1, 'name', name, null, created_at, created_at, 'migration', null from subjects`.execute(db);
    await sql`insert into registry_facts (subject_id, seq, fact, value, related_id, effective_at, recorded_at, actor, source)
      select id, 2, 'parent', null, parent_id, created_at, created_at, 'migration', null
      from subjects where parent_id is not null`.execute(db);
    await sql`insert into registry_facts (subject_id, seq, fact, value, related_id, effective_at, recorded_at, actor, source)
      select r.org_id, case when r.role = 'legal_representative' then 3 else 4 end, r.role, null, r.person_id,
        s.created_at, s.created_at, 'migration', null
      from relations r join subjects s on s.id = r.org_id`.execute(db);
  },
};
