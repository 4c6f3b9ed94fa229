import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseInstant } from '../../domain/time.ts';
import { Ingestor } from '../ingest/ingest.usecases.ts';
import { EVIDENCE, testRegistry } from '../testing/test-registry.ts';
import { scoreHistory } from './queries.history.ts';
import { publicRecordsOf } from './queries.public.ts';

const ORG = '91350100M000100Y43';
const at = (s: string) => parseInstant(s)!;
const lines = [
  { kind: 'source', id: 'market', name: 'Market regulator', domains: ['market'] },
  { kind: 'source', id: 'env', name: 'Environment agency', domains: ['environment'] },
  { kind: 'source', id: 'tax', name: 'Tax bureau', domains: ['tax'] },
  { kind: 'organization', usci: ORG, name: 'Fuzhou Example Co.' },
];
const rec = (source: string, id: string, type: string, occurred_at: string) => ({
  source,
  id,
  subject: ORG,
  type,
  occurred_at,
  legal_basis: 'Interim Regulations on Enterprise Information Publicity, art. 6',
  evidence: [EVIDENCE],
});

test('the public sees a general record for a year from the conduct, a serious one for three, a minor one never', async () => {
  const r = await testRegistry('2026-05-01');
  try {
    const results = await new Ingestor(r.ctx).apply([
      ...lines,
      rec('market', 'M1', 'market.operating_without_licence', '2026-04-10'), // general, public
      rec('env', 'E1', 'environment.serious_violation', '2026-04-10'), // serious, public
      rec('tax', 'T1', 'tax.late_payment', '2026-04-10'), // minor
    ]);
    assert.ok(
      results.every((x) => x.ok),
      JSON.stringify(results),
    );
    const shown = async (t: string) => (await publicRecordsOf(r.ctx, ORG, at(t))).map((x) => x.key).sort();
    assert.deepEqual(await shown('2026-05-01'), ['env/E1', 'market/M1']);
    assert.deepEqual(await shown('2027-04-09'), ['env/E1', 'market/M1']);
    assert.deepEqual(await shown('2027-04-10'), ['env/E1'], 'the general record is gone after a year');
    assert.deepEqual(await shown('2029-04-09'), ['env/E1']);
    assert.deepEqual(await shown('2029-04-10'), [], 'the serious record is gone after three years');
    const [m1] = await publicRecordsOf(r.ctx, ORG, at('2026-05-01')).then((xs) =>
      xs.filter((x) => x.key === 'market/M1'),
    );
    assert.equal(m1?.published_until, '2027-04-10T00:00:00.000Z');

    // the history the portal draws names a record only while it is published
    const history = await scoreHistory(r.ctx, ORG, { at: at('2027-06-01') });
    const causes = history.points.flatMap((p) => p.causes);
    assert.equal(causes.find((c) => c.record === 'M1')?.public, false, 'general record past its year');
    assert.equal(causes.find((c) => c.record === 'E1')?.public, true);
    assert.equal(causes.find((c) => c.record === 'T1')?.public, false, 'minor record never');
  } finally {
    await r.dispose();
  }
});

test('a record reported long after the conduct is not published past its tier from the conduct', async () => {
  const r = await testRegistry('2027-06-01');
  try {
    await new Ingestor(r.ctx).apply([
      ...lines,
      rec('market', 'M2', 'market.operating_without_licence', '2026-05-01'),
    ]);
    assert.deepEqual(await publicRecordsOf(r.ctx, ORG, at('2027-06-01')), []);
  } finally {
    await r.dispose();
  }
});

test('a source cannot be authorised for a domain outside the catalogue, least of all a protected one', async () => {
  const r = await testRegistry('2026-05-01');
  try {
    const [religion, misc, ok] = await new Ingestor(r.ctx).apply([
      { kind: 'source', id: 'bureau-r', name: 'Religious affairs bureau', domains: ['tax', 'religion'] },
      { kind: 'source', id: 'bureau-m', name: 'Street committee', domains: ['neighbourhood_conduct'] },
      { kind: 'source', id: 'bureau-t', name: 'Tax bureau', domains: ['tax', 'registry'] },
    ]);
    assert.equal(religion?.ok, false);
    assert.equal(religion?.ok === false && religion.code, 'source.domain_not_permitted');
    assert.match(religion?.ok === false ? religion.message : '', /protected category \(religion or belief\)/);
    assert.equal(misc?.ok === false && misc.field, 'domains');
    assert.match(misc?.ok === false ? misc.message : '', /not in the catalogue/);
    assert.equal(ok?.ok, true);
    const ids = (await r.ctx.store.sources()).map((s) => s.id);
    assert.ok(
      !ids.includes('bureau-r') && !ids.includes('bureau-m'),
      'a refused source is not half-registered',
    );
  } finally {
    await r.dispose();
  }
});

test('a source that says it brings camera, face, gait or online-speech data is refused; a health commission is not', async () => {
  const r = await testRegistry('2026-05-01');
  try {
    const lines = [
      { kind: 'source', id: 'net-1', name: 'Facial recognition camera network', domains: ['transport'] },
      { kind: 'source', id: 'monitor-2', name: 'Social media speech monitor', domains: ['market'] },
      { kind: 'source', id: 'cctv-ops', name: 'Municipal operations centre', domains: ['transport'] },
      { kind: 'source', id: 'health-comm', name: 'Municipal Health Commission', domains: ['market'] },
    ];
    const out = await new Ingestor(r.ctx).apply(lines);
    assert.deepEqual(
      out.map((x) => (x.ok ? 'ok' : `${x.code}@${x.field}`)),
      ['source.surveillance@name', 'source.surveillance@name', 'source.surveillance@id', 'ok'],
    );
    assert.deepEqual(
      (await r.ctx.store.sources()).map((s) => s.id),
      ['health-comm'],
      'a refused source is not registered',
    );
  } finally {
    await r.dispose();
  }
});
