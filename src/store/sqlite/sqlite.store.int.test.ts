// How a SQLite registry is opened: read through a memory map by default, unmapped when the opener asks (a bounded
// import, whose resident memory must stay its heap and page cache); and how its hot reads return rows.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import SQLite from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { activeRulebooks } from '../../app/governance/governance.rulebooks.ts';
import { importLines } from '../../app/ingest/ingest.file.ts';
import { Ingestor } from '../../app/ingest/ingest.usecases.ts';
import { IMPORT_CHECKPOINT_PAGES } from '../../app/ports/ports.context.ts';
import type { Store } from '../../app/ports/ports.store.ts';
import { EVIDENCE, testRegistry } from '../../app/testing/test-registry.ts';
import { parseInstant } from '../../domain/time.ts';
import { simulatePopulation } from '../../sim/population.ts';
import type { Database } from '../schema.ts';
import { openStore } from '../store.open.ts';
import { MAP_BYTES } from './sqlite.store.ts';

/** The connection's own setting: a second connection to the file would report its own. */
async function setting(
  store: Store,
  name: 'mmap_size' | 'wal_autocheckpoint' | 'temp_store',
): Promise<number> {
  const db = (store as unknown as { db: Kysely<Database> }).db;
  const { rows } = await sql<Record<string, number>>`pragma ${sql.raw(name)}`.execute(db);
  return Number(rows[0]?.[name]);
}
const mapSize = (store: Store) => setting(store, 'mmap_size');

test('a registry file is read through a memory map unless the opener asks for none', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'credence-map-'));
  const db = join(dir, 'registry.db');
  try {
    for (const [mapped, expected] of [
      [undefined, MAP_BYTES],
      [true, MAP_BYTES],
      [false, 0],
    ] as const) {
      const store = await openStore(mapped === undefined ? { db } : { db, mapped });
      try {
        assert.equal(await mapSize(store), expected, `mapped: ${mapped}`);
      } finally {
        await store.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an import checkpoints its WAL less often than other openers, and no opener spills temporary files to disk', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'credence-wal-'));
  const db = join(dir, 'registry.db');
  try {
    for (const [location, pages] of [
      [{ db }, 1000],
      [{ db, mapped: false }, 1000],
      [{ db, mapped: false, checkpointPages: IMPORT_CHECKPOINT_PAGES }, IMPORT_CHECKPOINT_PAGES],
    ] as const) {
      const store = await openStore(location);
      try {
        assert.equal(await setting(store, 'wal_autocheckpoint'), pages, JSON.stringify(location));
        // 2 is MEMORY: statement journals and sorts of a transaction stay off the disk
        assert.equal(await setting(store, 'temp_store'), 2, JSON.stringify(location));
      } finally {
        await store.close();
      }
    }
    assert.ok(IMPORT_CHECKPOINT_PAGES > 1000, 'an import checkpoints less often than SQLite does by default');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('records, subjects and registry facts read as arrays (the derivation path) are the rows as stored, every column in its place', async () => {
  const r = await testRegistry('2026-11-01');
  try {
    const rb = (await r.ctx.store.transaction((tx) => activeRulebooks(tx))).at(parseInstant('2026-11-01')!);
    const lines = simulatePopulation(rb, { subjects: 150, seed: 3, now: parseInstant('2026-11-01')! });
    let n = 0;
    const rejected: string[] = [];
    await importLines(
      r.ctx,
      (async function* () {
        for (const value of lines) yield { n: ++n, value, raw: JSON.stringify(value) };
      })(),
      (x) => rejected.push(x.message),
    );
    assert.deepEqual(rejected, []);
    // a person's record on behalf of an organization, with its culpability
    const ORG = '91350100M000100Y43';
    const PERSON = '110101199003074514';
    const results = await new Ingestor(r.ctx).apply([
      { kind: 'source', id: 'rows-bureau', name: 'Rows Bureau', domains: ['tax'] },
      { kind: 'person', national_id: PERSON, name: 'Zhang Wei' },
      { kind: 'organization', usci: ORG, name: 'Fuzhou Example Co.' },
      {
        source: 'rows-bureau',
        id: 'B-1',
        subject: PERSON,
        type: 'tax.late_payment',
        occurred_at: '2026-03-01',
        legal_basis: 'Tax Collection Administration Law art. 32',
        evidence: [EVIDENCE],
        on_behalf_of: ORG,
        culpability: 'knowledge',
      },
    ]);
    assert.deepEqual(
      results.filter((x) => !x.ok),
      [],
    );
    const raw = new SQLite(r.location.db!, { readonly: true });
    try {
      const ids = raw.prepare('SELECT id FROM subjects ORDER BY id').pluck().all() as number[];
      const stored = raw.prepare(`SELECT * FROM records ORDER BY subject_id, seq`).all() as Record<
        string,
        unknown
      >[];
      const read = await r.ctx.store.transaction((tx) => tx.recordsOf(ids));
      assert.ok(stored.length > 100, `a population with records (${stored.length})`);
      for (const column of ['amount', 'on_behalf_of', 'culpability'])
        assert.ok(
          stored.some((s) => s[column] !== null),
          `the population fills ${column}, so that its place is checked`,
        );
      assert.deepEqual(
        read.map((x) => ({ ...x })),
        stored,
      );
      // as a derivation reads them: the same rows, column for column, without the evidence and the note
      const ledger = await r.ctx.store.transaction((tx) => tx.ledgerRowsOf(ids));
      assert.deepEqual(
        ledger.map((x) => ({ ...x })),
        stored.map(({ evidence: _e, note: _n, ...rest }) => rest),
      );
      // the subjects too, and the branches of their parents: organizations with and without a parent, persons
      const subjects = raw.prepare('SELECT * FROM subjects ORDER BY id').all() as Record<string, unknown>[];
      for (const column of ['usci', 'id_hash', 'parent_id'])
        assert.ok(
          subjects.some((s) => s[column] !== null) && subjects.some((s) => s[column] === null),
          `the population fills ${column} and leaves it empty, so that its place is checked`,
        );
      const byId = (a: { id: unknown }, b: { id: unknown }) => Number(a.id) - Number(b.id);
      const readSubjects = await r.ctx.store.transaction((tx) => tx.subjectsById(ids));
      assert.deepEqual(readSubjects.map((x) => ({ ...x })).sort(byId), subjects);
      const parents = [
        ...new Set(subjects.flatMap((s) => (s.parent_id === null ? [] : [Number(s.parent_id)]))),
      ];
      const children = await r.ctx.store.transaction((tx) => tx.childrenOf(parents));
      assert.deepEqual(
        children.map((x) => ({ ...x })).sort(byId),
        subjects.filter((s) => s.parent_id !== null),
      );
      // registry facts: of subjects, naming subjects, and the roles of persons, which a check reads
      const facts = raw.prepare('SELECT * FROM registry_facts ORDER BY subject_id, seq').all() as Record<
        string,
        unknown
      >[];
      for (const column of ['value', 'related_id'])
        assert.ok(
          facts.some((f) => f[column] !== null) && facts.some((f) => f[column] === null),
          `the population fills ${column} and leaves it empty, so that its place is checked`,
        );
      const readFacts = await r.ctx.store.transaction((tx) => tx.registryFactsOf(ids));
      assert.deepEqual(
        readFacts.map((x) => ({ ...x })),
        facts,
      );
      const naming = await r.ctx.store.transaction((tx) => tx.registryFactsNaming(ids));
      assert.deepEqual(
        naming.map((x) => ({ ...x })),
        facts.filter((f) => f.related_id !== null),
      );
      const persons = subjects.filter((s) => s.kind === 'person').map((s) => Number(s.id));
      const orgs = subjects.filter((s) => s.kind === 'organization').map((s) => Number(s.id));
      const roles = await r.ctx.store.transaction((tx) => tx.relationSpansOfPersons(persons));
      const ofOrgs = await r.ctx.store.transaction((tx) => tx.relationSpansOfOrgs(orgs));
      assert.ok(roles.length > 0, 'persons hold roles in organizations');
      assert.deepEqual(
        roles,
        ofOrgs.filter((x) => persons.includes(x.related_id)),
      );
    } finally {
      raw.close();
    }
  } finally {
    await r.dispose();
  }
});
