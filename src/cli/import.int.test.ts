import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { importLines, type Rejection } from '../app/ingest/ingest.file.ts';
import { Ingestor } from '../app/ingest/ingest.usecases.ts';
import { scoreOf } from '../app/queries/queries.usecases.ts';
import { EVIDENCE, type TestRegistry, testRegistry } from '../app/testing/test-registry.ts';
import { importFiles } from './import-command.ts';
import { readLines } from './import-reader.ts';

const ORG = '91350100M000100Y43';
const BASE = [
  { kind: 'source', id: 'tax-bureau', name: 'Tax Bureau', domains: ['tax'] },
  { kind: 'organization', usci: ORG, name: 'Fuzhou Example Co.' },
];
const HEADER = 'source,id,subject,type,occurred_at,legal_basis,evidence';
const MAX = 2048;

function recordLine(format: 'csv' | 'ndjson', id: string, i: number): string {
  const basis = i % 3 === 0 ? 'Tax Collection Administration Law, art. 32' : 'Tax law art. 32';
  if (format === 'ndjson')
    return JSON.stringify({
      source: 'tax-bureau',
      id,
      subject: ORG,
      type: 'tax.late_payment',
      occurred_at: '2026-03-01',
      legal_basis: basis,
      evidence: [EVIDENCE],
    });
  const cell = basis.includes(',') ? `"${basis}"` : basis;
  return `tax-bureau,${id},${ORG},tax.late_payment,2026-03-01,${cell},${EVIDENCE}`;
}

/** What may happen to one line of a valid file. The benign ones must leave the line applied. */
type Damage =
  | { kind: 'none' | 'crlf' | 'blank_before' | 'ragged' | 'truncate' | 'huge' }
  | { kind: 'quote' | 'invalid_byte'; at: number };
const damage: fc.Arbitrary<Damage> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom<Damage>({ kind: 'none' }, { kind: 'crlf' }, { kind: 'blank_before' }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Damage>({ kind: 'ragged' }, { kind: 'truncate' }, { kind: 'huge' }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom<'quote' | 'invalid_byte'>('quote', 'invalid_byte'),
      at: fc.nat(),
    }) as fc.Arbitrary<Damage>,
  },
);
const BENIGN = new Set(['none', 'crlf', 'blank_before']);

function damaged(line: string, d: Damage, format: 'csv' | 'ndjson'): Buffer {
  const b = Buffer.from(line);
  switch (d.kind) {
    case 'none':
    case 'blank_before':
      return b;
    case 'crlf':
      return Buffer.concat([b, Buffer.from('\r')]);
    case 'ragged':
      return Buffer.from(format === 'csv' ? `${line},extra` : `${line}}`);
    case 'truncate':
      return b.subarray(0, Math.floor(b.length / 2));
    case 'huge':
      return Buffer.from(
        format === 'csv' ? `${line},${'x'.repeat(MAX)}` : `${line.slice(0, -1)},"n":"${'x'.repeat(MAX)}"}`,
      );
    case 'quote':
    case 'invalid_byte': {
      const at = d.at % b.length;
      const ins = d.kind === 'quote' ? Buffer.from('"') : Buffer.from([0xff]);
      return Buffer.concat([b.subarray(0, at), ins, b.subarray(at)]);
    }
  }
}

async function withRegistry(fn: (r: TestRegistry) => Promise<void>): Promise<void> {
  const r = await testRegistry('2026-11-01');
  try {
    await new Ingestor(r.ctx).apply(BASE);
    await fn(r);
  } finally {
    await r.dispose();
  }
}

async function importFile(r: TestRegistry, file: string) {
  const rejects: Rejection[] = [];
  const summary = await importLines(
    r.ctx,
    readLines(file, () => {}, { maxLineBytes: MAX }),
    (x) => rejects.push(x),
  );
  return { summary, rejects };
}

test('every line of a corrupted file is either applied or rejected with its line number, and every valid line is applied', async () => {
  await withRegistry(async (r) => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<'csv' | 'ndjson'>('csv', 'ndjson'),
        fc.array(damage, { minLength: 1, maxLength: 25 }),
        fc.boolean(),
        async (format, damages, bom) => {
          run++;
          const parts: Buffer[] = [];
          if (bom) parts.push(Buffer.from([0xef, 0xbb, 0xbf]));
          let physical = 0;
          if (format === 'csv') {
            parts.push(Buffer.from(`${HEADER}\n`));
            physical++;
          }
          const expectApplied = new Map<number, string>();
          const damagedLines = new Set<number>();
          damages.forEach((d, i) => {
            const id = `P${run}-${i}`;
            if (d.kind === 'blank_before') {
              parts.push(Buffer.from('\n'));
              physical++;
            }
            parts.push(damaged(recordLine(format, id, i), d, format), Buffer.from('\n'));
            physical++;
            if (BENIGN.has(d.kind)) expectApplied.set(physical, id);
            else damagedLines.add(physical);
          });
          const file = join(r.dir, `run-${run}.${format}`);
          writeFileSync(file, Buffer.concat(parts));
          const { summary, rejects } = await importFile(r, file);

          const s = summary;
          assert.equal(s.lines, damages.length, 'every non-blank line is counted once');
          assert.equal(
            s.created + s.updated + s.unchanged + s.rejected,
            s.lines,
            'accepted + rejected = lines',
          );
          assert.equal(rejects.length, s.rejected);
          const rejected = rejects.map((x) => x.line);
          assert.equal(new Set(rejected).size, rejected.length, 'no line is rejected twice');
          for (const n of rejected) assert.ok(damagedLines.has(n), `line ${n} was valid but rejected`);
          const stored = await r.ctx.store.recordsByKeys(
            [...expectApplied.values()].map((id) => ({ source: 'tax-bureau', record_id: id })),
          );
          assert.deepEqual(
            stored.map((x) => x.record_id).sort(),
            [...expectApplied.values()].sort(),
            'every valid line was applied',
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});

test('a CSV with a ragged row imports every other row, and names the ragged one', async () => {
  await withRegistry(async (r) => {
    const rows = Array.from({ length: 1000 }, (_, i) =>
      i === 500 ? `${recordLine('csv', `R${i}`, i)},extra` : recordLine('csv', `R${i}`, i),
    );
    const file = join(r.dir, 'ragged.csv');
    writeFileSync(file, [HEADER, ...rows].join('\n'));
    const { summary, rejects } = await importFile(r, file);
    assert.equal(summary.created, 999);
    assert.deepEqual(
      rejects.map((x) => [x.line, x.code]),
      [[502, 'input.csv_field_count']],
    );
  });
});

test('an unclosed quote rejects its own line and the rest of the file imports', async () => {
  await withRegistry(async (r) => {
    const rows = Array.from({ length: 20 }, (_, i) =>
      i === 10
        ? `tax-bureau,Q${i},"${ORG},tax.late_payment,2026-03-01,x,${EVIDENCE}`
        : recordLine('csv', `Q${i}`, i),
    );
    const file = join(r.dir, 'quote.csv');
    writeFileSync(file, [HEADER, ...rows].join('\n'));
    const { summary, rejects } = await importFile(r, file);
    assert.equal(summary.created, 19);
    assert.deepEqual(
      rejects.map((x) => [x.line, x.code]),
      [[12, 'input.csv_unclosed_quote']],
    );
  });
});

test('credence import first derives the subjects an interrupted import left due, and writes the rejects file', async () => {
  await withRegistry(async (r) => {
    // an import killed after storing a batch, before deriving its subjects
    const killed = new Ingestor(r.ctx, undefined, { deferProjection: true });
    await killed.apply([JSON.parse(recordLine('ndjson', 'K1', 1))]);
    assert.equal((await r.ctx.store.dueSubjects(r.clock.now(), 10, 0)).length, 1, 'left due');
    const [before] = await r.ctx.store.derivedOf([(await r.ctx.store.dueSubjects(r.clock.now(), 10, 0))[0]!]);
    assert.equal(before?.score, 1000, 'its stored score does not count the record yet');

    const file = join(r.dir, 'next.ndjson');
    writeFileSync(file, `${recordLine('ndjson', 'K2', 2)}\n{"broken"\n`);
    let out = '';
    const anyRejected = await importFiles(r.ctx, [file], { out: (t) => (out += t), tty: false });
    assert.equal(anyRejected, true);
    assert.match(out, /derived 1 subject/);
    assert.match(out, /2 lines — 1 created, 0 updated, 0 unchanged, 1 rejected/);
    assert.deepEqual(await r.ctx.store.dueSubjects(r.clock.now(), 10, 0), []);
    const id = Number((await r.ctx.store.transaction((tx) => tx.subjectsByUsci([ORG])))[0]!.id);
    const [derived] = await r.ctx.store.derivedOf([id]);
    assert.equal(derived?.score, (await scoreOf(r.ctx, ORG)).score, 'the stored score counts both records');
    assert.ok(existsSync(`${file}.rejects.ndjson`));
    const rejected = readFileSync(`${file}.rejects.ndjson`, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      rejected.map((x) => [x.line, x.code]),
      [[2, 'input.malformed_json']],
    );

    // the line mended and the file imported again: no rejects file is left to say otherwise
    writeFileSync(file, `${recordLine('ndjson', 'K2', 2)}\n${recordLine('ndjson', 'K3', 3)}\n`);
    out = '';
    assert.equal(await importFiles(r.ctx, [file], { out: (t) => (out += t), tty: false }), false);
    assert.match(out, /2 lines — 1 created, 0 updated, 1 unchanged, 0 rejected/);
    assert.match(out, /rejects\.ndjson of an earlier run removed/);
    assert.equal(existsSync(`${file}.rejects.ndjson`), false, 'the old rejections are gone');
  });
});
