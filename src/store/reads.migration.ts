import type { Kysely, Migration } from 'kysely';

/** Reads of a subject's file by subject: "who looked" is one indexed range, not a scan of the audit log. */
export const readsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('audit_subject').on('audit').columns(['subject_id', 'seq']).execute();
  },
};
