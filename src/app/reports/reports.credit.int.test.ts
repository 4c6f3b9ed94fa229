// Signed credit reports: what they state, in which language, and that any change or a foreign key is caught.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import { inflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { makeNationalId } from '../../domain/national-id.ts';
import { DAY } from '../../domain/time.ts';
import { makeUsci } from '../../domain/usci.ts';
import { Ingestor } from '../ingest/ingest.usecases.ts';
import { EVIDENCE, testRegistry } from '../testing/test-registry.ts';
import { issueCreditReport, verdictText, verifyReport } from './reports.credit.ts';
import { signReport } from './reports.signature.ts';
import { signerOf } from './reports.signing-key.ts';

const ORG = makeUsci('91350100', 'MD000001');
const NAME = '深圳市示例科技有限公司';
const signer = signerOf(generateKeyPairSync('ed25519').privateKey);
const otherRegistry = signerOf(generateKeyPairSync('ed25519').privateKey);

async function registryWithDefaulter() {
  const r = await testRegistry('2026-11-01');
  const results = await new Ingestor(r.ctx).apply([
    { kind: 'source', id: 'court', name: 'Court', domains: ['court'] },
    { kind: 'organization', usci: ORG, name: NAME },
    {
      source: 'court',
      id: 'J-1',
      subject: ORG,
      type: 'court.judgment_default',
      occurred_at: '2026-09-01',
      legal_basis: 'Civil Procedure Law art. 255',
      evidence: [EVIDENCE],
    },
  ]);
  assert.ok(results.every((x) => x.ok));
  r.clock.advance(30 * DAY);
  return r;
}

/** The text drawn on the pages, read back through each font's ToUnicode map (no external tool needed). */
function drawnText(pdf: Uint8Array): string {
  const raw = Buffer.from(pdf).toString('latin1');
  const streams: string[] = [];
  // each stream's bytes by its dictionary's /Length: compressed bytes may themselves end in a line break
  for (const m of raw.matchAll(/\/Length (\d+)[^>]*>>\s*stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const body = raw.slice(start, start + Number(m[1]));
    try {
      streams.push(inflateSync(Buffer.from(body, 'latin1')).toString('latin1'));
    } catch {
      streams.push(body);
    }
  }
  const maps = streams
    .filter((s) => s.includes('begincmap'))
    .map((s) => {
      const map = new Map<string, string>();
      for (const [, g, u] of s.matchAll(/<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]+)>/g))
        map.set(g!.toLowerCase(), Buffer.from(u!, 'hex').swap16().toString('utf16le'));
      return map;
    });
  const shown = streams.flatMap((s) =>
    [...s.matchAll(/<([0-9a-fA-F]+)>\s*Tj/g)].map((m) => m[1]!.toLowerCase()),
  );
  return shown
    .map((hex) =>
      maps.map((map) => (hex.match(/.{4}/g) ?? []).map((g) => map.get(g) ?? '').join('')).join('\n'),
    )
    .join('\n');
}

test('a report verifies, and fails after one byte changes', async () => {
  const r = await registryWithDefaulter();
  try {
    const { pdf, issuedAt } = await issueCreditReport(r.ctx, ORG, { lang: 'en', signer });
    const ok = verifyReport(pdf, signer.publicKey);
    assert.equal(ok.ok, true, verdictText(ok));
    assert.match(verdictText(ok), new RegExp(`^valid, issued at ${issuedAt}, by registry `));
    // still a PDF that a reader opens, signature line and all
    assert.equal((await PDFDocument.load(pdf)).getPageCount() >= 1, true);
    for (const at of [10, Math.floor(pdf.length / 2), pdf.length - 40, pdf.length - 2]) {
      const altered = Uint8Array.from(pdf);
      altered[at] = altered[at]! ^ 0x01;
      const v = verifyReport(altered, signer.publicKey);
      assert.equal(v.ok, false, `byte ${at} of ${pdf.length} changed`);
    }
    const cut = verifyReport(pdf.subarray(0, pdf.length - 1), signer.publicKey);
    assert.equal(cut.ok, false);
    const appended = verifyReport(Buffer.concat([pdf, Buffer.from('%x\n')]), signer.publicKey);
    assert.equal(appended.ok, false, 'nothing may follow the signature line');
  } finally {
    await r.dispose();
  }
});

test("a report signed by another registry's key fails, though it is self-consistent", async () => {
  const r = await registryWithDefaulter();
  try {
    const { pdf } = await issueCreditReport(r.ctx, ORG, { lang: 'en', signer: otherRegistry });
    assert.equal(verifyReport(pdf, otherRegistry.publicKey).ok, true, 'valid under its own key');
    const v = verifyReport(pdf, signer.publicKey);
    assert.equal(v.ok, false);
    assert.match(verdictText(v), /another key/);
    // re-signing our own report's bytes with the other key is caught the same way
    const ours = (await issueCreditReport(r.ctx, ORG, { lang: 'en', signer })).pdf;
    const body = ours.subarray(0, Buffer.from(ours).lastIndexOf('\n%credence-signature'));
    const forged = signReport(body, otherRegistry, '2026-12-01T00:00:00.000Z', 'credence-forged');
    assert.equal(verifyReport(forged, signer.publicKey).ok, false);
  } finally {
    await r.dispose();
  }
});

test("the Chinese report contains the company's Chinese name, its standing and the measures in force", async () => {
  const r = await registryWithDefaulter();
  try {
    const zh = drawnText((await issueCreditReport(r.ctx, ORG, { lang: 'zh', signer })).pdf);
    assert.ok(zh.includes(NAME), 'the name is drawn in the embedded font');
    assert.ok(zh.includes('信用报告'));
    assert.ok(zh.includes(`统一社会信用代码: ${ORG}`));
    assert.ok(zh.includes('正在实施的措施'));
    // the rulebook's own texts in Chinese: the list and the measure by their Chinese titles
    assert.ok(zh.includes('失信被执行人名单'), 'the list entry by its Chinese title');
    assert.ok(zh.includes('限制参与政府采购'), 'the measure in force by its Chinese title');
    const en = drawnText((await issueCreditReport(r.ctx, ORG, { lang: 'en', signer })).pdf);
    assert.ok(en.includes(NAME));
    assert.ok(en.includes('Measures in force'));
    assert.ok(en.includes('No public contracts'), 'procurement exclusion is in force for a court defaulter');
    assert.ok(en.includes('Court judgment defaulters'), 'the public list entry is stated');
    assert.ok(/Rulebook[\s\S]*municipal-default/.test(en));
  } finally {
    await r.dispose();
  }
});

test('a person has no credit report', async () => {
  const r = await testRegistry('2026-11-01');
  try {
    const nid = makeNationalId('110101', '19800101', '001');
    await new Ingestor(r.ctx).apply([{ kind: 'person', national_id: nid, name: 'Zhang Wei' }]);
    await assert.rejects(
      issueCreditReport(r.ctx, nid, { lang: 'en', signer }),
      (e: Error & { code?: string }) => e.code === 'report.organizations_only',
    );
  } finally {
    await r.dispose();
  }
});
