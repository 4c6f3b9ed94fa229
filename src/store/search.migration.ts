import { type Kysely, type Migration, sql } from 'kysely';
import { searchEntry } from '../app/search/search.normalize.ts';
import { chunks } from './registry.repo.ts';

/** The public search index: one row per organization (persons are never indexed), the trigram index beside it. */
export async function createSearchIndex(db: Kysely<unknown>, engine: 'sqlite' | 'postgres'): Promise<void> {
  await db.schema
    .createTable('org_search')
    // on SQLite an integer primary key is the rowid the full-text table refers to
    .addColumn('subject_id', engine === 'sqlite' ? 'integer' : 'bigint', (c) => c.primaryKey())
    .addColumn('usci', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('pinyin', 'text', (c) => c.notNull())
    .addColumn('initials', 'text', (c) => c.notNull())
    .addColumn('former', 'text', (c) => c.notNull())
    .addColumn('doc', 'text', (c) => c.notNull())
    .addColumn('len', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('org_search_usci').on('org_search').column('usci').execute();
  if (engine === 'sqlite') {
    await sql`create virtual table org_search_fts using fts5(doc, content='org_search',
      content_rowid='subject_id', tokenize='trigram')`.execute(db);
    await sql`create trigger org_search_ai after insert on org_search begin
      insert into org_search_fts(rowid, doc) values (new.subject_id, new.doc); end`.execute(db);
    await sql`create trigger org_search_ad after delete on org_search begin
      insert into org_search_fts(org_search_fts, rowid, doc) values ('delete', old.subject_id, old.doc); end`.execute(
      db,
    );
    await sql`create trigger org_search_au after update on org_search begin
      insert into org_search_fts(org_search_fts, rowid, doc) values ('delete', old.subject_id, old.doc);
      insert into org_search_fts(rowid, doc) values (new.subject_id, new.doc); end`.execute(db);
  } else {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create index org_search_doc on org_search using gin (doc gin_trgm_ops)`.execute(db);
  }
}

/**
 * `0013_search`: the public search index, built for the organizations already registered, with their former
 * names (the name facts no longer in force).
 */
export function searchMigration(engine: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await createSearchIndex(db, engine);
      let after = 0;
      for (;;) {
        const orgs = (
          await sql<{ id: number; usci: string; name: string }>`select id, usci, name from subjects
            where kind = 'organization' and id > ${after} order by id limit 2000`.execute(db)
        ).rows;
        if (orgs.length === 0) break;
        after = Number(orgs[orgs.length - 1]!.id);
        const names = new Map<number, string[]>();
        const ids = orgs.map((o) => Number(o.id));
        const facts = (
          await sql<{ subject_id: number; value: string | null }>`select subject_id, value from registry_facts
            where fact = 'name' and subject_id in (${sql.join(ids)})`.execute(db)
        ).rows;
        for (const f of facts)
          if (f.value !== null)
            names.set(Number(f.subject_id), [...(names.get(Number(f.subject_id)) ?? []), f.value]);
        const rows = orgs.map((o) =>
          searchEntry(
            Number(o.id),
            o.usci,
            o.name,
            (names.get(Number(o.id)) ?? []).filter((n) => n !== o.name),
          ),
        );
        for (const c of chunks(rows, 200))
          await (db as Kysely<{ org_search: (typeof rows)[number] }>)
            .insertInto('org_search')
            .values(c)
            .execute();
      }
    },
  };
}
