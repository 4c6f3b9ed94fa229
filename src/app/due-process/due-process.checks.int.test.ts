import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CredenceError } from '../../domain/errors.ts';
import { makeNationalId } from '../../domain/national-id.ts';
import { Ingestor } from '../ingest/ingest.usecases.ts';
import type { AppContext } from '../ports/ports.context.ts';
import type { Store, Tx } from '../ports/ports.store.ts';
import { encodeChecksCursor } from '../queries/queries.checks.ts';
import { exportFile } from '../queries/queries.export.ts';
import { checkSubjects, findSubject } from '../queries/queries.usecases.ts';
import { type Engine, postgresAvailable, type TestRegistry, testRegistry } from '../testing/test-registry.ts';
import { createToken } from '../tokens/tokens.usecases.ts';
import { checksOfSubject, exportForApi, noticesOfSubject, renderedNoticesOf } from './due-process.views.ts';

/**
 * The checks in a subject's file (DESIGN §5: every check is logged and shown to the subject) a page at a time: the
 * file carries the newest 100, the total and a cursor, and the subject can read every older check through it.
 */

const PERSON = makeNationalId('110101', '19900307', '451');
const OTHER = makeNationalId('110101', '19850101', '123');
const MEASURE = 'transport.high_speed_rail';
const HOUR = 3_600_000;

/** `n` checks of the measure against `ref` by a consumer, in rounds an hour apart (a screening a round). */
async function checked(r: TestRegistry, consumer: AppContext, ref: string, n: number, rounds = 4) {
  for (let i = 0; i < rounds; i++) {
    const size = Math.floor(n / rounds) + (i < n % rounds ? 1 : 0);
    await consumer.store.transaction(async (tx) => {
      const s = await findSubject(consumer, tx, ref);
      await checkSubjects(
        consumer,
        tx,
        Array.from({ length: size }, () => ({ subject: s, measure: MEASURE })),
      );
    });
    r.clock.advance(HOUR);
  }
}

async function registry(engine: Engine) {
  const r = await testRegistry('2026-11-01', 'rulebooks/default.yaml', engine);
  await new Ingestor(r.ctx).apply([
    { kind: 'person', national_id: PERSON, name: 'Zhang Wei' },
    { kind: 'person', national_id: OTHER, name: 'Li Na' },
  ]);
  const t = await createToken(r.ctx, { role: 'consumer', label: 'Railway ticketing' });
  const auditor = await createToken(r.ctx, { role: 'auditor', label: 'Oversight office' });
  return {
    r,
    consumer: { ...r.ctx, actor: `token:${t.id}` },
    auditor: { ...r.ctx, actor: `token:${auditor.id}` },
  };
}

const seqOf = (id: string) => Number(id.split('-').at(-1));

for (const engine of ['sqlite', 'postgres'] as Engine[])
  test(`${engine}: a subject checked 1,000 times gets a file with the newest 100 checks and the total, and can page through all of them`, async (t) => {
    if (engine === 'postgres' && !(await postgresAvailable())) return t.skip('PostgreSQL is not running');
    const { r, consumer, auditor } = await registry(engine);
    try {
      await checked(r, consumer, PERSON, 1000);
      await checked(r, consumer, OTHER, 3, 1);

      const file = await exportFile(r.ctx, PERSON);
      assert.equal(file.checks_total, 1000, 'the file counts every check');
      assert.equal(file.checks.length, 100, 'and carries the newest page');
      assert.ok(file.checks_next, 'with a cursor to the older ones');
      const newest = file.checks.map((c) => seqOf(c.id));
      assert.equal(newest[0], 1000, 'the newest first');
      assert.deepEqual(
        newest,
        [...newest].sort((a, b) => b - a),
      );
      assert.ok(
        file.checks.every((c) => c.asked_by === 'Railway ticketing (consumer)' && c.measure === MEASURE),
      );
      const times = file.checks.map((c) => Date.parse(c.asked_at!));
      assert.deepEqual(
        times,
        [...times].sort((a, b) => b - a),
        'newest first by time as well',
      );

      // the subject pages through the rest with the file's cursor: every check once, in order, and then no cursor
      const seen = [...newest];
      let cursor: string | null = file.checks_next;
      let pages = 1;
      while (cursor !== null && pages < 50) {
        const p = await checksOfSubject(r.ctx, PERSON, { cursor });
        assert.equal(p.total, 1000);
        assert.ok(p.items.length <= 100);
        seen.push(...p.items.map((c) => seqOf(c.id)));
        cursor = p.next;
        pages++;
      }
      assert.equal(pages, 10, '1,000 checks are ten pages of 100');
      assert.equal(seen.length, 1000, 'no check missed or repeated');
      assert.equal(new Set(seen).size, 1000);
      assert.deepEqual(
        seen,
        Array.from({ length: 1000 }, (_, i) => 1000 - i),
        'strictly newest to oldest',
      );

      // other page sizes give the same checks; the other subject's checks are never among them
      const ids: string[] = [];
      let next: string | null | undefined;
      do {
        const p = await checksOfSubject(auditor, PERSON, { limit: 333, ...(next ? { cursor: next } : {}) });
        ids.push(...p.items.map((c) => c.id));
        next = p.next;
      } while (next !== null && ids.length <= 1000);
      assert.equal(ids.length, 1000);
      const other = await exportFile(r.ctx, OTHER);
      assert.equal(other.checks_total, 3);
      assert.equal(other.checks.length, 3);
      assert.equal(other.checks_next, null, 'a file holding every check has no cursor');
      assert.ok(!other.checks.some((c) => ids.includes(c.id)));
      // a cursor from one subject's file reads only the other subject's own checks below it
      const cross = await checksOfSubject(r.ctx, OTHER, { cursor: encodeChecksCursor(3) });
      assert.deepEqual(
        cross.items.map((c) => seqOf(c.id)),
        [2, 1],
      );

      // reading a person's checks is a read of its file: the person sees who did it
      const looked = (await exportForApi(r.ctx, PERSON)).looked;
      assert.ok(
        looked.some((l) => l.what === 'subject.read_checks' && l.who === 'Oversight office (auditor)'),
        JSON.stringify(looked.slice(0, 3)),
      );
    } finally {
      await r.dispose();
    }
  });

test('the file never loads every check to show a page of them', async () => {
  const { r, consumer } = await registry('sqlite');
  try {
    await checked(r, consumer, PERSON, 250, 1);
    // a store whose every transaction refuses to read all of a subject's checks
    const store = r.ctx.store;
    const refuse = (): never => {
      throw new Error('read every check of the subject');
    };
    const guarded = Object.create(store) as Store & { transaction: Store['transaction'] };
    guarded.transaction = (fn) =>
      store.transaction((tx) => fn(Object.assign(Object.create(tx) as Tx, { checksOf: refuse })));
    const ctx = { ...r.ctx, store: guarded };
    const file = await exportFile(ctx, PERSON);
    assert.equal(file.checks_total, 250);
    assert.equal(file.checks.length, 100);
    const p = await checksOfSubject(ctx, PERSON, { cursor: file.checks_next! });
    assert.equal(p.items.length, 100);
  } finally {
    await r.dispose();
  }
});

test('a cursor the registry did not give out, or a page size out of range, is refused with a code', async () => {
  const { r, consumer } = await registry('sqlite');
  try {
    await checked(r, consumer, PERSON, 5, 1);
    const forged = [
      'not-a-cursor',
      Buffer.from('chk:-1').toString('base64url'),
      Buffer.from('chk:0').toString('base64url'),
      Buffer.from('chk:1e3').toString('base64url'),
      Buffer.from(`chk:${'9'.repeat(40)}`).toString('base64url'),
      Buffer.from("chk:1' or 1=1 --").toString('base64url'),
    ];
    for (const cursor of forged)
      await assert.rejects(
        checksOfSubject(r.ctx, PERSON, { cursor }),
        (e: unknown) => e instanceof CredenceError && e.code === 'input.invalid_cursor',
        cursor,
      );
    for (const limit of [0, -1, 501, 1.5, Number.NaN])
      await assert.rejects(
        checksOfSubject(r.ctx, PERSON, { limit }),
        (e: unknown) => e instanceof CredenceError && e.code === 'input.out_of_range',
        String(limit),
      );
    // a cursor past the newest check reads from the newest: nothing is invented
    const p = await checksOfSubject(r.ctx, PERSON, { cursor: encodeChecksCursor(10_000) });
    assert.equal(p.items.length, 5);
    const none = await exportFile(r.ctx, OTHER);
    assert.deepEqual([none.checks, none.checks_total, none.checks_next], [[], 0, null]);
  } finally {
    await r.dispose();
  }
});

test('reading a person’s notices is a read of its file: audited and shown to the person, an organization’s not', async () => {
  const { r, auditor } = await registry('sqlite');
  try {
    await new Ingestor(r.ctx).apply([
      { kind: 'organization', usci: '91350100M000100Y43', name: 'Fuzhou Example Co.' },
    ]);
    const reads = async (ref: string) =>
      (await exportForApi(r.ctx, ref)).looked.filter((l) => l.what === 'subject.read_notices');
    assert.deepEqual(await reads(PERSON), [], 'nobody has read them yet');
    // as the API reads them, and as the command line does
    await noticesOfSubject(auditor, PERSON, { onlyToSubject: false });
    await renderedNoticesOf({ ...r.ctx, actor: 'cli' }, PERSON);
    assert.deepEqual(
      (await reads(PERSON)).map((l) => l.who),
      ['cli', 'Oversight office (auditor)'],
      'newest first',
    );
    await noticesOfSubject(auditor, '91350100M000100Y43', { onlyToSubject: false });
    const entries = await r.ctx.store.transaction((tx) => tx.auditRange(0, 10_000));
    assert.equal(
      entries.filter((e) => e.action === 'subject.read_notices').length,
      2,
      'an organization’s notices are no person’s file: no read entry for them',
    );
  } finally {
    await r.dispose();
  }
});
