import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, test } from 'node:test';
import { Ingestor } from '../ingest/ingest.usecases.ts';
import { purge } from '../maintenance/maintenance.purge.ts';
import type { Signer } from '../ports/ports.context.ts';
import { exportFile } from '../queries/queries.export.ts';
import { checkMeasure } from '../queries/queries.usecases.ts';
import { tamper } from '../testing/tamper.ts';
import { type Engine, EVIDENCE, type TestRegistry, testRegistry } from '../testing/test-registry.ts';
import { createToken } from '../tokens/tokens.usecases.ts';
import { prepareAudit } from './audit.adopt.ts';
import { makeCheckpoint } from './audit.checkpoint.ts';
import { verifyDerived } from './audit.derived.ts';
import { digestRow, LEDGER_TABLES } from './audit.ledger.ts';
import { entryHash } from './audit.log.ts';
import { verifyChain } from './audit.usecases.ts';

const ORG = '91350100M000100Y43';
const PERSON = '110101199003074514';

function testSigner(): Signer {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    sign: (m) => sign(null, Buffer.from(m), privateKey).toString('base64'),
  };
}

const rec = (source: string, id: string, type: string, occurred_at: string, amount?: number) => ({
  source,
  id,
  subject: ORG,
  type,
  occurred_at,
  legal_basis: 'Tax Collection Administration Law art. 32',
  evidence: [EVIDENCE],
  ...(amount === undefined ? {} : { amount }),
});

/** A registry with records, a list warning (a decision), a check and a token: every kind of ledger row. */
async function registry(engine: Engine): Promise<TestRegistry> {
  const r = await testRegistry('2026-03-20', 'rulebooks/default.yaml', engine);
  await new Ingestor(r.ctx).apply([
    { kind: 'source', id: 'tax-bureau', name: 'Tax Bureau', domains: ['tax'] },
    { kind: 'source', id: 'court', name: 'Court', domains: ['court'] },
    { kind: 'person', national_id: PERSON, name: 'Zhang Wei' },
    { kind: 'organization', usci: ORG, name: 'Fuzhou Example Co.', legal_representative: PERSON },
  ]);
  await new Ingestor(r.ctx).apply([
    rec('tax-bureau', 'TB-1', 'tax.late_payment', '2026-02-01', 1200),
    rec('tax-bureau', 'TB-2', 'tax.late_payment', '2026-02-10'),
    rec('court', 'C-7', 'court.judgment_default', '2026-03-01'),
  ]);
  await checkMeasure(r.ctx, ORG, 'transport.air_travel');
  await createToken(r.ctx, { role: 'auditor', label: 'the inspectorate' });
  return r;
}

const messages = async (r: TestRegistry, against?: Parameters<typeof verifyChain>[1]) =>
  (await verifyChain(r.ctx, against)).findings.map((f) => f.message);

for (const engine of ['sqlite', 'postgres'] as const) {
  describe(`tamper evidence over the ledger (${engine})`, () => {
    test('an untouched registry verifies clean, and every ledger row is counted', async () => {
      const r = await registry(engine);
      try {
        const v = await verifyChain(r.ctx);
        assert.deepEqual(v.findings, []);
        assert.ok(v.rows >= 10, `${v.rows} ledger rows`);
        assert.deepEqual((await verifyDerived(r.ctx)).findings, []);
      } finally {
        await r.dispose();
      }
    });

    test('a record edited in the database is named by audit verify, with what differs', async () => {
      const r = await registry(engine);
      try {
        await tamper(r, "update records set type = 'tax.filing_late', amount = 1 where record_id = 'TB-1'");
        const found = await messages(r);
        assert.equal(found.length, 1, found.join('\n'));
        assert.match(
          found[0]!,
          /^record tax-bureau\/TB-1 edited after audit entry #\d+ \(differs: type, amount\)$/,
        );
      } finally {
        await r.dispose();
      }
    });

    test('a deleted record is named by audit verify and is not mistaken for a purge', async () => {
      const r = await registry(engine);
      try {
        await tamper(r, "delete from records where record_id = 'C-7'");
        const found = await messages(r);
        assert.equal(found.length, 1, found.join('\n'));
        assert.match(found[0]!, /^record court\/C-7 deleted \(not purged: no purge entry\)/);
      } finally {
        await r.dispose();
      }
    });

    test('a purged record verifies clean, and putting it back is named', async () => {
      const r = await registry(engine);
      try {
        const [row] = await r.ctx.store.recordsByKeys([{ source: 'tax-bureau', record_id: 'TB-2' }]);
        r.clock.set(Date.parse('2030-01-01T00:00:00Z')); // past the late payments' three-year retention
        assert.ok((await purge(r.ctx)) >= 2);
        assert.deepEqual(await messages(r), []);
        const cols = LEDGER_TABLES.get('records')!.columns;
        const values = cols.map((c) => {
          const v = (row as unknown as Record<string, unknown>)[c];
          return v === null
            ? 'null'
            : typeof v === 'number'
              ? String(v)
              : `'${String(v).replaceAll("'", "''")}'`;
        });
        await tamper(r, `insert into records (${cols.join(', ')}) values (${values.join(', ')})`);
        const found = await messages(r);
        assert.equal(found.length, 1, found.join('\n'));
        assert.match(
          found[0]!,
          /^record tax-bureau\/TB-2 was purged in audit entry #\d+ but is present again$/,
        );
      } finally {
        await r.dispose();
      }
    });

    test('an edited token, check, decision and record status entry are each named', async () => {
      const r = await registry(engine);
      try {
        await tamper(
          r,
          "update tokens set role = 'admin'",
          'update checks set applies = 1 - applies',
          'update decisions set effective_at = effective_at + 86400000',
          "insert into record_events (subject_id, seq, source, record_id, kind, at, actor, reason, data) select subject_id, 99, source, record_id, 'annulled', recorded_at, 'reviewer', 'x', '{}' from records where record_id = 'C-7'",
        );
        const found = await messages(r);
        assert.ok(
          found.some((m) => /^token \S+ edited after audit entry #\d+ \(differs: role\)$/.test(m)),
          found.join('\n'),
        );
        assert.ok(
          found.some((m) => /^check \d+\/1 edited after audit entry #\d+ \(differs: applies\)$/.test(m)),
          found.join('\n'),
        );
        assert.ok(
          found.some((m) => /^decision \d+\/\S+ edited after .* \(differs: effective_at\)$/.test(m)),
          found.join('\n'),
        );
        assert.ok(
          found.some((m) => /^record status entry \d+\/99 is not in the audit chain/.test(m)),
          found.join('\n'),
        );
      } finally {
        await r.dispose();
      }
    });

    test('an edited derived row is named by credence verify', async () => {
      const r = await registry(engine);
      try {
        await tamper(r, 'update derived set score = score + 50');
        const { findings } = await verifyDerived(r.ctx);
        assert.ok(findings.length >= 1);
        assert.ok(
          findings.some((f) =>
            f.message.startsWith(`derived state of ${ORG} differs from the ledger: score stored`),
          ),
          findings.map((f) => f.message).join('\n'),
        );
      } finally {
        await r.dispose();
      }
    });

    test('truncating the chain and updating the head is caught against an earlier checkpoint', async () => {
      const r = await registry(engine);
      const ctx = { ...r.ctx, signer: testSigner() };
      try {
        await prepareAudit(r.ctx.store, r.clock, ctx.signer); // as the composition root does on opening
        await exportFile(r.ctx, PERSON); // an audited look at a person's file
        const cp = await makeCheckpoint(ctx);
        // an insider hides the look: removes the newest entry and re-pins the head on the one before
        const prior = (await r.ctx.store.auditRange(cp.size - 2, 1))[0]!;
        await tamper(
          r,
          `delete from audit where seq = ${cp.size}`,
          `update meta set value = '${prior.seq}:${prior.hash}' where key = 'audit_head'`,
        );
        assert.deepEqual(await messages(r), [], 'the chain alone no longer shows it');
        const found = await messages(r, cp);
        assert.equal(found.length, 1, found.join('\n'));
        assert.match(found[0]!, new RegExp(`^the chain was truncated: .* covers ${cp.size} entries`));
      } finally {
        await r.dispose();
      }
    });

    test('a re-hashed chain is caught against an earlier checkpoint', async () => {
      const r = await registry(engine);
      const ctx = { ...r.ctx, signer: testSigner() };
      try {
        await prepareAudit(r.ctx.store, r.clock, ctx.signer);
        const cp = await makeCheckpoint(ctx);
        // the record is edited and every entry from the one that committed it is recomputed to match
        await tamper(r, "update records set amount = 1 where record_id = 'TB-1'");
        const [edited] = await r.ctx.store.recordsByKeys([{ source: 'tax-bureau', record_id: 'TB-1' }]);
        const d = digestRow(LEDGER_TABLES.get('records')!, edited as unknown as Record<string, unknown>);
        const entries = await r.ctx.store.auditRange(0, 10_000);
        const statements: string[] = [];
        let prev: string | undefined;
        for (const e of entries) {
          let rows = e.rows ?? null;
          if (rows?.includes('"TB-1"'))
            rows = JSON.stringify(
              (JSON.parse(rows) as [string, unknown[], string, string][]).map((c) =>
                c[0] === 'records' && c[1][1] === 'TB-1' ? [c[0], c[1], d.hash, d.fingerprint] : c,
              ),
            );
          if (prev === undefined && rows === (e.rows ?? null)) continue;
          const base = {
            ...e,
            seq: Number(e.seq),
            at: Number(e.at),
            subject_id: e.subject_id === null ? null : Number(e.subject_id),
            rows,
            prev_hash: prev ?? e.prev_hash,
          };
          prev = entryHash(base);
          statements.push(
            `update audit set rows = '${rows?.replaceAll("'", "''")}', prev_hash = '${base.prev_hash}', hash = '${prev}' where seq = ${e.seq}`,
          );
        }
        statements.push(`update meta set value = '${entries.at(-1)!.seq}:${prev}' where key = 'audit_head'`);
        await tamper(r, ...statements);
        assert.deepEqual(await messages(r), [], 'the re-hashed chain is consistent in itself');
        const found = await messages(r, cp);
        assert.equal(found.length, 1, found.join('\n'));
        assert.match(found[0]!, new RegExp(`^the chain was rewritten: entry #${cp.size} has hash`));
      } finally {
        await r.dispose();
      }
    });

    test('a checkpoint signed by another key is refused', async () => {
      const r = await registry(engine);
      const ours = testSigner();
      try {
        await prepareAudit(r.ctx.store, r.clock, ours);
        const genuine = await makeCheckpoint({ ...r.ctx, signer: ours });
        assert.deepEqual(await messages(r, genuine), []);
        const forged = await makeCheckpoint({ ...r.ctx, signer: testSigner() });
        assert.match((await messages(r, forged)).join('\n'), /^checkpoint refused: signed by another key/);
        // the registry's own key named, but the signature made by another
        const other = testSigner();
        const spoofed = { ...genuine, size: genuine.size, signature: other.sign('x') };
        assert.match(
          (await messages(r, spoofed)).join('\n'),
          /^checkpoint refused: its signature is not valid$/,
        );
      } finally {
        await r.dispose();
      }
    });
  });
}
