import { type Kysely, sql, type Transaction } from 'kysely';
import type { RegistryFactRow, TokenRow, Tx } from '../app/ports/ports.store.ts';
import { compiledOnce, ROWS_AS_ARRAYS, readIn, rowsIn } from './compiled.ts';
import { IdempotencyRepo } from './idempotency.store.ts';
import { SUBJECT_COLUMNS, subjectFromArray } from './records.rows.ts';
import { FACT_COLUMNS, factOf, relationSpans, spansAt } from './registry-facts.ts';
import type { Database } from './schema.ts';
import { indexOrganization, reindexName } from './search.repo.ts';

/** Engines bound parameters: stay well below SQLite's and PostgreSQL's limits. */
export const CHUNK = 500;

export function chunks<T>(xs: readonly T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** The rulebook keys a transaction has read, and the transactions that wrote rulebooks (no memo for those). */
const rulebookKeysRead = new WeakMap<object, readonly { hash: string; status: string }[]>();
const rulebooksWritten = new WeakSet<object>();

/** The registry's reference data over Kysely: meta, rulebooks, sources, subjects and relations, tokens. */
export class RegistryRepo extends IdempotencyRepo {
  constructor(protected readonly db: Kysely<Database> | Transaction<Database>) {
    super(db as unknown as ConstructorParameters<typeof IdempotencyRepo>[0]);
  }

  async getMeta(key: string) {
    const r = await compiledOnce(this.db, 'getMeta', [key], (v) =>
      this.db.selectFrom('meta').select('value').where('key', '=', v(0)),
    );
    return r.rows[0]?.value;
  }
  async setMeta(key: string, value: string) {
    // the audit head is pinned after every entry: a statement compiled once
    await compiledOnce(this.db, 'setMeta', [key, value], (v) =>
      this.db
        .insertInto('meta')
        .values({ key: v(0), value: v(1) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: v(1) })),
    );
    this.ledger.wrote('meta', [{ key, value }]);
  }
  async insertRulebook(row: Parameters<Tx['insertRulebook']>[0]) {
    rulebooksWritten.add(this.db);
    const added = await this.db
      .insertInto('rulebooks')
      .values(row)
      .onConflict((oc) => oc.column('hash').doNothing())
      .returningAll()
      .execute();
    this.ledger.wrote('rulebooks', added);
  }
  async rulebooks() {
    return this.db.selectFrom('rulebooks').selectAll().orderBy('activated_at').execute();
  }
  async rulebookKeys() {
    // read by every check and score to see whether the rulebooks changed: once a transaction (the calls of a
    // group commit share one), unless this transaction writes rulebooks
    const memo =
      this.db.isTransaction && !rulebooksWritten.has(this.db) ? rulebookKeysRead.get(this.db) : undefined;
    if (memo) return memo.map((r) => ({ ...r }));
    const r = await compiledOnce(this.db, 'rulebookKeys', [], () =>
      this.db.selectFrom('rulebooks').select(['hash', 'status']).orderBy('activated_at'),
    );
    if (this.db.isTransaction && !rulebooksWritten.has(this.db)) rulebookKeysRead.set(this.db, r.rows);
    return r.rows.map((x) => ({ ...x }));
  }
  async updateRulebook(hash: string, patch: Parameters<Tx['updateRulebook']>[1]) {
    rulebooksWritten.add(this.db);
    const rows = await this.db
      .updateTable('rulebooks')
      .set(patch)
      .where('hash', '=', hash)
      .returningAll()
      .execute();
    this.ledger.wrote('rulebooks', rows);
  }
  async upsertSource(row: Parameters<Tx['upsertSource']>[0]) {
    const rows = await this.db
      .insertInto('sources')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet({ name: row.name, domains: row.domains }))
      .returningAll()
      .execute();
    this.ledger.wrote('sources', rows);
  }
  async sources() {
    return this.db.selectFrom('sources').selectAll().orderBy('id').execute();
  }
  async insertSubject(row: Parameters<Tx['insertSubject']>[0]) {
    const r = await this.db.insertInto('subjects').values(row).returningAll().executeTakeFirstOrThrow();
    this.ledger.wrote('subjects', [r]);
    if (r.kind === 'organization' && r.usci) await indexOrganization(this.db, Number(r.id), r.usci, r.name);
    return Number(r.id);
  }
  async updateSubject(id: number, patch: { name?: string; parent_id?: number | null }) {
    const rows = await this.db
      .updateTable('subjects')
      .set(patch)
      .where('id', '=', id)
      .returningAll()
      .execute();
    this.ledger.wrote('subjects', rows);
    if (patch.name !== undefined) await reindexName(this.db, id, patch.name);
  }
  async subjectsByUsci(uscis: readonly string[]) {
    if (uscis.length === 0) return [];
    if (uscis.length === 1) {
      // one subject, as a check or a score asks: a statement compiled once
      const r = await compiledOnce(this.db, 'subjectsByUsci', uscis, (v) =>
        this.db.selectFrom('subjects').selectAll().where('usci', '=', v(0)),
      );
      return r.rows;
    }
    return readIn(this.db, 'subjectsByUsci', uscis, (list) =>
      this.db.selectFrom('subjects').selectAll().where('usci', 'in', list),
    );
  }
  async subjectsByIdHash(hashes: readonly string[]) {
    if (hashes.length === 0) return [];
    if (hashes.length === 1) {
      // one subject, as a check or a score asks: a statement compiled once
      const r = await compiledOnce(this.db, 'subjectsByIdHash', hashes, (v) =>
        this.db.selectFrom('subjects').selectAll().where('id_hash', '=', v(0)),
      );
      return r.rows;
    }
    return readIn(this.db, 'subjectsByIdHash', hashes, (list) =>
      this.db.selectFrom('subjects').selectAll().where('id_hash', 'in', list),
    );
  }
  async subjectsById(ids: readonly number[]) {
    if (ids.length === 0) return [];
    if (ids.length === 1) {
      // one subject, as a check or a score asks: a statement compiled once
      const r = await compiledOnce(this.db, 'subjectsById', ids, (v) =>
        this.db.selectFrom('subjects').selectAll().where('id', '=', v(0)),
      );
      return r.rows;
    }
    // a derivation's slice: read as arrays (compiled.ts)
    return rowsIn(this.db, 'subjects', SUBJECT_COLUMNS, 'id', ids, subjectFromArray);
  }
  async childrenOf(parentIds: readonly number[]) {
    return rowsIn(this.db, 'subjects', SUBJECT_COLUMNS, 'parent_id', parentIds, subjectFromArray);
  }
  async searchOrganizations(prefix: string, limit: number, after = 0) {
    return this.db
      .selectFrom('subjects')
      .selectAll()
      .where('kind', '=', 'organization')
      .where((eb) =>
        eb.or([
          // the same answer on both engines: case-insensitive (PostgreSQL's LIKE is not, SQLite's is), and % _ \
          // taken literally (SQLite has no escape character unless one is named)
          sql<boolean>`lower(${sql.ref('name')}) like lower(${`${prefix.replace(/[%_\\]/g, '\\$&')}%`}) escape '\\'`,
          eb('usci', '=', prefix.toUpperCase()),
        ]),
      )
      .where('id', '>', after)
      .orderBy('id')
      .limit(limit)
      .execute();
  }
  async setRelation(row: Parameters<Tx['setRelation']>[0]) {
    await this.db
      .deleteFrom('relations')
      .where('org_id', '=', row.org_id)
      .where('role', '=', row.role)
      .execute();
    await this.db.insertInto('relations').values(row).execute();
    this.ledger.wrote('relations', [row]);
  }
  async relationsOfOrgs(orgIds: readonly number[]) {
    if (orgIds.length === 0) return [];
    return this.db
      .selectFrom('relations')
      .selectAll()
      .where('org_id', 'in', [...orgIds])
      .execute();
  }
  async relationsOfPersons(personIds: readonly number[]) {
    if (personIds.length === 0) return [];
    return this.db
      .selectFrom('relations')
      .selectAll()
      .where('person_id', 'in', [...personIds])
      .execute();
  }
  async appendRegistryFacts(rows: readonly Omit<RegistryFactRow, 'seq'>[]) {
    if (rows.length === 0) return;
    const last = new Map<number, number>();
    for (const c of chunks([...new Set(rows.map((r) => Number(r.subject_id)))])) {
      const got = await this.db
        .selectFrom('registry_facts')
        .select(['subject_id', (eb) => eb.fn.max('seq').as('seq')])
        .where('subject_id', 'in', c)
        .groupBy('subject_id')
        .execute();
      for (const r of got) last.set(Number(r.subject_id), Number(r.seq));
    }
    const values = rows.map((r) => {
      const seq = (last.get(Number(r.subject_id)) ?? 0) + 1;
      last.set(Number(r.subject_id), seq);
      return { ...r, seq };
    });
    for (const c of chunks(values, 200)) await this.db.insertInto('registry_facts').values(c).execute();
    this.ledger.wrote('registry_facts', values);
  }
  async registryFactsOf(subjectIds: readonly number[]) {
    return factsIn(this.db, subjectIds, 'subject_id');
  }
  async registryFactsNaming(subjectIds: readonly number[]) {
    return factsIn(this.db, subjectIds, 'related_id');
  }
  async relationSpansOfOrgs(orgIds: readonly number[]) {
    return relationSpans(await this.registryFactsOf(orgIds));
  }
  async relationSpansOfPersons(personIds: readonly number[]) {
    // a span ends with the next fact about the same organization: fold the whole history of the organizations
    // that name the persons, read in one statement (every check of a person asks for its roles)
    const facts: RegistryFactRow[] = [];
    const seen = new Set<string>();
    for (const c of chunks(personIds)) {
      // read as arrays on SQLite; factOf takes either
      const r = await compiledOnce(
        this.db,
        'factsOfOrgsNaming',
        c,
        (v) =>
          sql<unknown>`${sql.raw(ROWS_AS_ARRAYS)}select ${sql.join(FACT_COLUMNS.map((k) => sql.ref(k)))}
            from registry_facts where subject_id in (select named.subject_id from registry_facts as named
            where named.related_id in (${sql.join(c.map((_, i) => v(i)))})) order by subject_id, seq`,
      );
      for (const f of r.rows.map(factOf)) {
        // persons of two chunks may share an organization: its facts once
        const k = `${f.subject_id}/${f.seq}`;
        if (seen.has(k)) continue;
        seen.add(k);
        facts.push(f);
      }
    }
    const wanted = new Set(personIds.map(Number));
    return relationSpans(facts).filter((s) => wanted.has(s.related_id));
  }
  async relationsAt(orgIds: readonly number[], at: number) {
    return spansAt(await this.relationSpansOfOrgs(orgIds), at);
  }
  async rolesAt(personIds: readonly number[], at: number) {
    return spansAt(await this.relationSpansOfPersons(personIds), at);
  }
  async subjectCount() {
    const r = await this.db
      .selectFrom('subjects')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
  async subjectIdsAfter(after: number, limit: number) {
    // every page of a rebuild, a tick or a what-if: compiled once, read as arrays on SQLite
    const { rows } = await compiledOnce(
      this.db,
      'subjectIdsAfter',
      [after, limit],
      (v) =>
        sql<unknown>`${sql.raw(ROWS_AS_ARRAYS)}select id from subjects where id > ${v(0)} order by id limit ${v(1)}`,
    );
    return rows.map((r) => Number(Array.isArray(r) ? r[0] : (r as { id: unknown }).id));
  }
  async insertToken(row: TokenRow) {
    await this.db.insertInto('tokens').values(row).execute();
    this.ledger.wrote('tokens', [row]);
  }
  async tokenByHash(hash: string) {
    const r = await this.db.selectFrom('tokens').selectAll().where('hash', '=', hash).executeTakeFirst();
    return r ? numericToken(r) : undefined;
  }
  async tokens() {
    const rows = await this.db.selectFrom('tokens').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map(numericToken);
  }
  async revokeToken(id: string, at: number) {
    const r = await this.db
      .updateTable('tokens')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returningAll()
      .execute();
    this.ledger.wrote('tokens', r);
    if (r.length > 0) return true;
    return (
      (await this.db.selectFrom('tokens').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
    );
  }
}

/** The registry facts whose `column` is one of `ids`, in order of subject and sequence; compiled once a length. */
async function factsIn(
  db: Kysely<Database> | Transaction<Database>,
  ids: readonly number[],
  column: 'subject_id' | 'related_id',
): Promise<RegistryFactRow[]> {
  // read as arrays on SQLite (rowsIn); factOf takes either
  const rows = await rowsIn(db, 'registry_facts', FACT_COLUMNS, column, ids, (a) => a, {
    orderBy: ['subject_id', 'seq'],
  });
  return rows.map(factOf);
}

/** PostgreSQL returns bigint columns as strings unless a parser is installed: normalise to numbers. */
function numericToken(r: TokenRow): TokenRow {
  const n = (v: number | null) => (v === null ? null : Number(v));
  return {
    ...r,
    created_at: Number(r.created_at),
    subject_id: n(r.subject_id),
    expires_at: n(r.expires_at),
    revoked_at: n(r.revoked_at),
  };
}
