// Browser journeys of a relying party: find a company by part of its name, read its measures in Chinese, and
// verify a credit report on /verify. playwright-core drives Debian's chromium.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium } from 'playwright-core';
import { buildServer } from '../../api/server.ts';
import { activeRulebooks } from '../../app/governance/governance.rulebooks.ts';
import { Ingestor } from '../../app/ingest/ingest.usecases.ts';
import { issueCreditReport } from '../../app/reports/reports.credit.ts';
import { signerOf } from '../../app/reports/reports.signing-key.ts';
import { EVIDENCE, type TestRegistry, testRegistry } from '../../app/testing/test-registry.ts';
import { DAY } from '../../domain/time.ts';
import { makeUsci } from '../../domain/usci.ts';
import { textIn } from '../../rules/rulebook.model.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SHOTS = join('test-output', 'screenshots');
const ORG = makeUsci('91440300', 'MA5F0001');
const missing = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing: install Debian's chromium`;

describe('a relying party in a browser', { skip: missing ?? false }, () => {
  let reg: TestRegistry;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  const signer = signerOf(generateKeyPairSync('ed25519').privateKey);

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    reg = await testRegistry('2026-11-01');
    const results = await new Ingestor(reg.ctx).apply([
      { kind: 'source', id: 'court', name: 'Court', domains: ['court'] },
      { kind: 'organization', usci: ORG, name: '深圳市示例科技有限公司' },
      { kind: 'organization', usci: makeUsci('91440300', 'MA5F0002'), name: '深圳市海鑫贸易有限公司' },
      {
        source: 'court',
        id: 'J-1',
        subject: ORG,
        type: 'court.judgment_default',
        occurred_at: '2026-10-01',
        legal_basis: 'Civil Procedure Law art. 255',
        evidence: [EVIDENCE],
      },
    ]);
    assert.ok(
      results.every((r) => r.ok),
      JSON.stringify(results),
    );
    // past the notice period: the court list entry and the measures it brings are in force
    reg.clock.advance(40 * DAY);
    app = await buildServer({ ...reg.ctx, signer } as typeof reg.ctx);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    assert.ok(addr && typeof addr === 'object');
    base = `http://127.0.0.1:${addr.port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await reg?.dispose();
  });

  test('in Chinese, a search by the middle of the name finds the company, whose page shows the measures in force', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    try {
      await page.goto(`${base}/`);
      await page.fill('#q', '示例科技');
      await Promise.all([page.waitForURL(/q=/), page.press('#q', 'Enter')]);
      const results = page.locator('ul.results li');
      assert.equal(await results.count(), 1);
      assert.match((await results.first().textContent()) ?? '', /深圳市示例科技有限公司/);
      await Promise.all([page.waitForURL(new RegExp(`/org/${ORG}`)), results.first().locator('a').click()]);
      const heading = (await page.locator('#measures-h').textContent()) ?? '';
      assert.equal(heading, '正在实施的措施');
      const text = (await page.locator('article.measure-sanction').first().textContent()) ?? '';
      assert.match(text, /惩戒/);
      // the measure's title as the rulebook gives it in Chinese (or its one text)
      const rb = (await activeRulebooks(reg.ctx.store)).latest;
      const exclusion = rb.measures.get('procurement.exclusion')!;
      const sanctions = (await page.locator('article.measure-sanction').allTextContents()).join('\n');
      assert.ok(sanctions.includes(textIn(exclusion, 'title', 'zh-CN') ?? exclusion.title), sanctions);
      assert.match(text, /法律依据/);
      assert.match(text, /决定/);
      // the explanation names the public record by its title, not "a non-public record"
      const explanation = (await page.locator('ul.explanation').textContent()) ?? '';
      assert.doesNotMatch(explanation, /不公开的记录：/);
      await page.screenshot({ path: join(SHOTS, 'relying-party-org-zh.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  test('an untouched report is valid on /verify; one changed byte makes it not valid', async () => {
    const report = await issueCreditReport(reg.ctx, ORG, { lang: 'en', signer });
    const good = join(SHOTS, 'report.pdf');
    const bad = join(SHOTS, 'report-altered.pdf');
    writeFileSync(good, report.pdf);
    const altered = Buffer.from(report.pdf);
    altered[300] = altered[300]! ^ 0x01;
    writeFileSync(bad, altered);
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    try {
      await page.goto(`${base}/verify`);
      await page.setInputFiles('#report', good);
      await Promise.all([page.waitForLoadState('load'), page.click('form button[type=submit]')]);
      assert.match(
        (await page.locator('.verdict').textContent()) ?? '',
        new RegExp(`^Valid: issued at ${report.issuedAt}`),
      );
      await page.setInputFiles('#report', bad);
      await Promise.all([page.waitForLoadState('load'), page.click('form button[type=submit]')]);
      assert.match((await page.locator('.verdict').textContent()) ?? '', /^Not valid: /);
    } finally {
      await context.close();
    }
  });
});
