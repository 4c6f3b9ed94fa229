import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { Ingestor } from '../ingest/ingest.usecases.ts';
import { exportFile } from '../queries/queries.export.ts';
import { cliArgs } from '../testing/cli.ts';
import { EVIDENCE, testRegistry } from '../testing/test-registry.ts';
import { verifyAudit } from './audit.log.ts';

const ORG = '91350100M000100Y43';
const PERSON = '110101199003074514';
const lines = [
  { kind: 'source', id: 'tax-bureau', name: 'Tax Bureau', domains: ['tax'] },
  { kind: 'person', national_id: PERSON, name: 'Zhang Wei' },
  { kind: 'organization', usci: ORG, name: 'Fuzhou Example Co.', legal_representative: PERSON },
];

async function registryWithHistory() {
  const r = await testRegistry('2026-03-01');
  await new Ingestor(r.ctx).apply(lines);
  for (let i = 1; i <= 3; i++) {
    await new Ingestor(r.ctx).apply([
      {
        source: 'tax-bureau',
        id: `T-${i}`,
        subject: ORG,
        type: 'tax.late_payment',
        occurred_at: `2026-02-0${i}`,
        legal_basis: 'basis',
        evidence: [EVIDENCE],
      },
    ]);
  }
  await exportFile(r.ctx, PERSON); // reading a person's file is audited too
  return r;
}

for (const [what, tamper, expected] of [
  [
    'an edited entry',
    (db: Database.Database) => db.prepare("update audit set actor = 'someone else' where seq = 3").run(),
    3,
  ],
  ['a deleted entry', (db: Database.Database) => db.prepare('delete from audit where seq = 4').run(), 4],
  [
    'reordered entries',
    (db: Database.Database) =>
      db.exec(
        'update audit set seq = -1 where seq = 5; update audit set seq = 5 where seq = 6; update audit set seq = 6 where seq = -1;',
      ),
    5,
  ],
  [
    'a removed newest entry',
    (db: Database.Database) => db.prepare('delete from audit where seq = (select max(seq) from audit)').run(),
    0,
  ],
] as const) {
  test(`audit verify detects ${what} and names it`, async () => {
    const r = await registryWithHistory();
    try {
      const ok = await verifyAudit(r.ctx.store);
      assert.equal(ok.ok, true);
      const db = new Database(r.location.db!);
      tamper(db);
      db.close();
      const v = await verifyAudit(r.ctx.store);
      assert.equal(v.ok, false);
      assert.equal(v.broken?.seq, expected === 0 ? ok.entries : expected);
    } finally {
      await r.dispose();
    }
  });
}

test('a delivery process killed mid-way and restarted delivers every notice, each with its own idempotency id, none lost', {
  timeout: 60_000,
}, async () => {
  const r = await testRegistry('2026-03-01');
  const received = new Map<string, number>();
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const key = String(req.headers['idempotency-key']);
      received.set(key, (received.get(key) ?? 0) + 1);
      setTimeout(() => res.end('ok'), 40); // slow enough to be killed in the middle
    });
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  try {
    await r.ctx.store.insertSubscriber({
      id: 'office',
      url,
      secret: 's',
      recipients: '*',
      created_at: r.clock.now(),
    });
    await new Ingestor(r.ctx).apply(lines);
    const recs = Array.from({ length: 40 }, (_, i) => ({
      source: 'tax-bureau',
      id: `T-${i}`,
      subject: ORG,
      type: 'tax.late_payment',
      occurred_at: '2026-02-01',
      legal_basis: 'basis',
      evidence: [EVIDENCE],
    }));
    await new Ingestor(r.ctx).apply(recs);
    const expected = (await r.ctx.store.outbox(undefined, 1000)).map((o) => o.id).sort();
    assert.ok(expected.length >= 40);
    const cli = cliArgs();
    const env = { ...process.env, CREDENCE_ID_KEY: 'test-key' };
    const run = () =>
      spawn(process.execPath, [...cli, 'deliver', '--loop', '--interval', '0.05', '--db', r.location.db!], {
        env,
        stdio: 'ignore',
      });
    const first = run();
    while (received.size < 5) await new Promise((res) => setTimeout(res, 20));
    first.kill('SIGKILL');
    await new Promise((res) => first.on('exit', res));
    const second = run();
    const started = Date.now();
    while ((await r.ctx.store.outbox('pending', 1000)).length > 0 && Date.now() - started < 40_000)
      await new Promise((res) => setTimeout(res, 100));
    second.kill('SIGTERM');
    await new Promise((res) => second.on('exit', res));
    assert.deepEqual(
      [...received.keys()].sort(),
      expected,
      'every notice arrived under its own idempotency id',
    );
    const delivered = await r.ctx.store.outbox('delivered', 1000);
    assert.equal(delivered.length, expected.length, 'every delivery is recorded as delivered');
    const repeats = [...received.values()].filter((n) => n > 1).length;
    assert.ok(
      repeats <= 1,
      'at most the delivery in flight when the process was killed is sent again, under the same id',
    );
  } finally {
    server.close();
    await r.dispose();
  }
});
