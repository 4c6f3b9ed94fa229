// Browser journeys through the web pages with playwright-core driving Debian's chromium, and an axe-core
// accessibility check of every page. Screenshots go to test-output/screenshots/ (git-ignored).
// size: the journeys share one seeded registry, one server and one chromium; split, each part would start them again
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildServer } from '../api/server.ts';
import { fileObjection } from '../app/due-process/due-process.cases.ts';
import { activeRulebooks } from '../app/governance/governance.rulebooks.ts';
import { Ingestor } from '../app/ingest/ingest.usecases.ts';
import { exportFile } from '../app/queries/queries.export.ts';
import { checkMeasure, scoreOf } from '../app/queries/queries.usecases.ts';
import { type TestRegistry, testRegistry } from '../app/testing/test-registry.ts';
import { createToken } from '../app/tokens/tokens.usecases.ts';
import { makeUsci } from '../domain/usci.ts';
import { DEMO, seedDemo } from '../sim/demo.ts';

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
const AXE = join('node_modules', 'axe-core', 'axe.min.js');
const axeSource = existsSync(AXE) ? readFileSync(AXE) : Buffer.alloc(0);
const EVIDENCE = `sha256:${'ab'.repeat(32)}`;

/** An organization with a recent unpaid-judgment record (−30): the objection journey annuls it. */
const OBJ_ORG = makeUsci('91350200', 'M0000300');
/** An organization with an objection left open: the review queue and case page are checked with it. */
const OPEN_ORG = makeUsci('91350200', 'M0000400');

/** Screenshots of this run that illustrate the README, by area. */
const DOCS: Record<string, string> = {
  'visitor-org': 'portal-organization',
  'visitor-usci-error': 'portal-usci-error',
  'visitor-blacklist': 'portal-blacklist',
  'subject-score-recovered': 'subject-file',
  'subject-repair-form': 'subject-repair',
  'reviewer-case': 'reviewer-case',
  'admin-impact': 'admin-impact',
  'auditor-oversight': 'oversight',
  'lang-zh-org': 'portal-organization-zh',
  'phone-org': 'phone-organization',
};

const missing = existsSync(CHROMIUM)
  ? undefined
  : `${CHROMIUM} is missing: install Debian's chromium (apt-get update && apt-get install -y chromium) to run the browser tests`;

if (missing && process.env.CI) {
  test('browser tests need chromium', () => {
    assert.fail(missing);
  });
}

// without chromium: skipped with the reason, and in CI the test above fails with it
describe('web pages in a browser', { skip: missing ?? false }, () => {
  let reg: TestRegistry;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  const tokens: Record<string, string> = {};
  let openCase: string;

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    reg = await testRegistry('2026-11-01');
    await seedDemo(reg.ctx, 200);
    const lines = [
      { kind: 'organization', usci: OBJ_ORG, name: 'Xiamen Harbour Trading Co.' },
      { kind: 'organization', usci: OPEN_ORG, name: 'Xiamen Lighthouse Printing Co.' },
      {
        source: 'court-authority',
        id: 'WEB-OBJ-1',
        subject: OBJ_ORG,
        type: 'court.unpaid_debt_judgment',
        occurred_at: '2026-10-01',
        legal_basis: 'Civil Procedure Law art. 253',
        evidence: [EVIDENCE],
      },
      {
        source: 'tax-authority',
        id: 'WEB-OPEN-1',
        subject: OPEN_ORG,
        type: 'tax.late_payment',
        occurred_at: '2026-10-15',
        legal_basis: 'Tax Collection Administration Law art. 32',
        evidence: [EVIDENCE],
      },
    ];
    const results = await new Ingestor(reg.ctx).apply(lines);
    assert.ok(
      results.every((r) => r.ok),
      JSON.stringify(results),
    );
    openCase = (
      await fileObjection(
        reg.ctx,
        OPEN_ORG,
        { source: 'tax-authority', id: 'WEB-OPEN-1' },
        'The tax was paid on time; the bank transfer receipt is attached.',
      )
    ).id;
    const ids: Record<string, string> = {};
    const issue = async (name: string, role: string, subjectRef?: string) => {
      const t = await createToken(reg.ctx, {
        role,
        label: `e2e ${name}`,
        ...(subjectRef ? { subjectRef } : {}),
      });
      tokens[name] = t.token;
      ids[name] = t.id;
    };
    await issue('objector', 'subject', OBJ_ORG);
    await issue('defaulter', 'subject', DEMO.blacklisted);
    await issue('reviewer', 'reviewer');
    await issue('admin', 'admin');
    await issue('auditor', 'auditor');
    await issue('consumer', 'consumer');
    // a relying party asks about the objector: the subject sees who checked it
    await checkMeasure({ ...reg.ctx, actor: `token:${ids.consumer}` }, OBJ_ORG, 'procurement.exclusion');
    app = await buildServer(reg.ctx);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    assert.ok(addr && typeof addr === 'object');
    base = `http://127.0.0.1:${addr.port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  });

  after(async () => {
    // DOCS_SCREENSHOTS=1 refreshes the README's pictures from this run (each kept under ~300 KB)
    if (process.env.DOCS_SCREENSHOTS) {
      mkdirSync(join('docs', 'screenshots'), { recursive: true });
      for (const [from, to] of Object.entries(DOCS)) {
        const src = join(SHOTS, `${from}.png`);
        if (!existsSync(src)) continue;
        assert.ok(statSync(src).size < 300_000, `${src} is larger than 300 KB`);
        copyFileSync(src, join('docs', 'screenshots', `${to}.png`));
      }
    }
    await browser?.close();
    await app?.close();
    await reg?.dispose();
  });

  /** A fresh browser context (its own cookies), English unless said otherwise. */
  async function fresh(opts: { locale?: string; phone?: boolean; bypassCSP?: boolean } = {}) {
    const context = await browser.newContext({
      locale: opts.locale ?? 'en-GB',
      viewport: opts.phone ? { width: 390, height: 844 } : { width: 1200, height: 900 },
      ...(opts.phone ? { deviceScaleFactor: 1, isMobile: true, hasTouch: true } : {}),
      bypassCSP: opts.bypassCSP ?? false,
    });
    const page = await context.newPage();
    page.on('dialog', (d) => void d.accept());
    return { context, page };
  }

  async function signIn(page: Page, token: string) {
    await page.goto(`${base}/login`);
    await page.fill('#token', token);
    await Promise.all([
      page.waitForURL((u) => !u.pathname.startsWith('/login')),
      page.click('button[type=submit]'),
    ]);
  }

  async function shot(page: Page, name: string, fullPage = true) {
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
  }

  test('a visitor finds a blacklisted company by USCI and reads why and until when', async () => {
    const { context, page } = await fresh();
    try {
      await page.goto(`${base}/`);
      // a mistyped check character: the page says which character is wrong and what it should be
      await page.fill('#q', '91350100M000100Y44');
      await Promise.all([page.waitForURL(/q=/), page.press('#q', 'Enter')]);
      assert.match((await page.textContent('.usci-problem')) ?? '', /Character 18 is “4”.*should be “3”/);
      assert.equal(await page.textContent('.usci-chars mark'), '4');
      await shot(page, 'visitor-usci-error');

      await page.fill('#q', DEMO.blacklisted);
      await Promise.all([page.waitForURL(/\/org\//), page.press('#q', 'Enter')]);
      assert.equal(new URL(page.url()).pathname, `/org/${DEMO.blacklisted}`);
      assert.equal(await page.textContent('h1'), '福州示例有限公司 (Fuzhou Example Co.)');
      const expected = (await scoreOf(reg.ctx, DEMO.blacklisted)).lists.find(
        (l) => l.list === 'court_defaulters',
      );
      assert.ok(expected, 'the demo company is a court defaulter');
      const entry = page.locator('article.entry', { hasText: 'Court judgment defaulters' });
      const text = (await entry.textContent()) ?? '';
      assert.match(text, /Able but refusing to perform a judgment/, 'the reason names the record');
      assert.match(text, /Several Provisions of the Supreme People's Court/, 'the legal basis is shown');
      assert.ok(text.includes(expected.until!.slice(0, 10)), `until ${expected.until} is shown`);
      assert.ok(text.includes(expected.since!.slice(0, 10)), 'the effective date is shown');
      assert.match(text, /How to contest.*object to a record/s);
      // the score chart and its events
      assert.equal(await page.locator('figure.chart svg[role=img]').count(), 1);
      assert.match((await page.textContent('ol.events')) ?? '', /Able but refusing/);
      // persons never appear: the legal representative's national id and name are nowhere on the page
      const html = await page.content();
      assert.ok(!html.includes(DEMO.representative));
      assert.ok(!html.includes('Zhang Wei'));
      await shot(page, 'visitor-org');

      // the black list, filtered by name, has it too
      await page.goto(`${base}/lists/black`);
      await page.fill('#f-q', 'Fuzhou Example');
      await Promise.all([page.waitForURL(/q=Fuzhou/), page.click('form.filters button')]);
      assert.equal(await page.locator('table.list-table tbody tr').count(), 1);
      assert.match((await page.textContent('table.list-table')) ?? '', /Court judgment defaulters/);
      await shot(page, 'visitor-blacklist');
    } finally {
      await context.close();
    }
  });

  test('a subject objects to a record, a reviewer annuls it, and the score recovers on the page', async () => {
    const subject = await fresh();
    const reviewer = await fresh();
    try {
      const { page } = subject;
      await signIn(page, tokens.objector!);
      assert.equal(new URL(page.url()).pathname, '/me');
      assert.equal((await page.textContent('.big-score .score'))?.trim(), '970');
      assert.match(
        (await page.textContent('ul.explain')) ?? '',
        /−30 for Debt judgment left unpaid \(court-authority\/WEB-OBJ-1\) until 2027-10-01/,
      );
      assert.match(
        (await page.textContent('section[aria-labelledby=checks-h]')) ?? '',
        /e2e consumer \(consumer\).*procurement\.exclusion.*does not apply/s,
      );
      await Promise.all([
        page.waitForURL(/\/me\/object/),
        page.click('a[href*="/me/object"][href*="WEB-OBJ-1"]'),
      ]);
      await page.fill(
        '#statement',
        'The judgment was paid in full on 2026-09-20; the court receipt shows it.',
      );
      await Promise.all([page.waitForURL(/filed=OBJ-/), page.click('main form button[type=submit]')]);
      assert.match((await page.textContent('.flash-ok')) ?? '', /Your objection OBJ-\w+ was received/);
      await shot(page, 'subject-objection-filed');

      const r = reviewer.page;
      await signIn(r, tokens.reviewer!);
      assert.equal(new URL(r.url()).pathname, '/review');
      const row = r.locator('tr', { hasText: 'WEB-OBJ-1' });
      await Promise.all([r.waitForURL(/\/review\/case\//), row.locator('a').first().click()]);
      assert.match((await r.textContent('blockquote.statement')) ?? '', /paid in full/);
      await shot(r, 'reviewer-case');
      await r.check('#outcome-annul');
      await r.fill('#reasons', 'The court confirms payment before the record date: the record is annulled.');
      await Promise.all([r.waitForLoadState('load'), r.click('main form button[type=submit]')]);
      assert.match((await r.textContent('main')) ?? '', /Decided: annulled/);

      await page.goto(`${base}/me`);
      assert.equal((await page.textContent('.big-score .score'))?.trim(), '1000');
      const recordRow = page.locator('section[aria-labelledby=records-h] tbody tr', { hasText: 'WEB-OBJ-1' });
      assert.match((await recordRow.textContent()) ?? '', /annulled/);
      // an annulled record is never drawn in the score history: it never counted
      const events = (await page.locator('ol.events').count()) > 0 ? await page.textContent('ol.events') : '';
      assert.doesNotMatch(events ?? '', /WEB-OBJ-1/);
      assert.match((await page.textContent('#notices-h + *')) ?? '', /objection .* was decided: annulled/);
      await shot(page, 'subject-score-recovered');
    } finally {
      await subject.context.close();
      await reviewer.context.close();
    }
  });

  // before the repair journey: it shows the demo company's list entry, which that journey ends
  test('the language follows the browser and the switch works on every page', async () => {
    const { context, page } = await fresh({ locale: 'zh-CN' });
    try {
      await page.goto(`${base}/`);
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
      assert.equal(await page.textContent('h1'), '查询机构');
      await shot(page, 'lang-zh-home', false);
      await page.goto(`${base}/org/${DEMO.blacklisted}`);
      const zhMain = (await page.textContent('main')) ?? '';
      assert.match(zhMain, /统一社会信用代码/);
      // the rulebook's own texts in Chinese too: the list's title and the titles of the records behind it
      const rb = (await activeRulebooks(reg.ctx.store)).latest;
      const zhOf = (xs: Iterable<{ zh?: { title?: string } }>) => [...xs].flatMap((x) => x.zh?.title ?? []);
      assert.ok(
        zhOf(rb.lists.values()).some((t) => zhMain.includes(t)),
        'a Chinese list title',
      );
      assert.ok(
        zhOf(rb.recordTypes.values()).some((t) => zhMain.includes(t)),
        'a Chinese record title',
      );
      assert.doesNotMatch(zhMain, /Court judgment defaulters|Seriously illegal and dishonest list/);
      await shot(page, 'lang-zh-org');
      await Promise.all([page.waitForURL(/lang=en/), page.click('nav.lang a[hreflang=en]')]);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.match((await page.textContent('main')) ?? '', /Current list entries/);
      // the choice is remembered on the next page
      await page.goto(`${base}/lists/black`);
      assert.equal(await page.textContent('h1'), 'Black lists');
      await Promise.all([page.waitForURL(/lang=zh-CN/), page.click('nav.lang a[hreflang=zh-CN]')]);
      assert.equal(await page.textContent('h1'), '黑名单');
      await page.goto(`${base}/oversight`);
      assert.equal(await page.textContent('h1'), '监督统计');
      await shot(page, 'lang-zh-oversight');
    } finally {
      await context.close();
    }
  });

  test('a subject applies for repair with evidence and sees the list entry end', async () => {
    const subject = await fresh();
    const reviewer = await fresh();
    try {
      const { page } = subject;
      await signIn(page, tokens.defaulter!);
      assert.match((await page.textContent('#lists-h + *')) ?? '', /Court judgment defaulters/);
      await Promise.all([
        page.waitForURL(/\/me\/repair/),
        page.click('a[href*="/me/repair"][href*="DEMO-C-1"]'),
      ]);
      await page.fill(
        '#letter',
        'We commit to perform the judgment in full and to honour every court order from now on.',
      );
      await page.fill('#signed_by', 'Zhang Wei, legal representative');
      const proof = Buffer.from('Bank transfer 2026-10-28: judgment amount paid in full.\n');
      await page.setInputFiles('#file_proof_of_performance', {
        name: 'payment-receipt.txt',
        mimeType: 'text/plain',
        buffer: proof,
      });
      await shot(page, 'subject-repair-form');
      await Promise.all([page.waitForURL(/filed=REP-/), page.click('main form button[type=submit]')]);
      assert.match(
        (await page.textContent('.flash-ok')) ?? '',
        /Your repair application REP-\w+ was received/,
      );
      // only the hash of the uploaded bytes was kept
      const file = await exportFile(reg.ctx, DEMO.blacklisted);
      const sub = file.repairs[0]!.submission as { evidence: { kind: string; ref: string }[] };
      assert.deepEqual(sub.evidence, [
        { kind: 'proof_of_performance', ref: `sha256:${createHash('sha256').update(proof).digest('hex')}` },
      ]);

      const r = reviewer.page;
      await signIn(r, tokens.reviewer!);
      const row = r.locator('tr', { hasText: 'DEMO-C-1' });
      await Promise.all([r.waitForURL(/\/review\/case\/REP-/), row.locator('a').first().click()]);
      assert.match((await r.textContent('main')) ?? '', /proof of performance/);
      await r.check('#outcome-approve');
      await r.fill('#reasons', 'Payment confirmed by the court; the commitment letter is signed.');
      await Promise.all([r.waitForLoadState('load'), r.click('main form button[type=submit]')]);
      assert.match((await r.textContent('main')) ?? '', /Decided: approved/);

      await page.goto(`${base}/me`);
      const lists = (await page.textContent('section[aria-labelledby=lists-h]')) ?? '';
      assert.match(lists, /You are not on any list/);
      assert.match(lists, /Court judgment defaulters: .* ended 2026-11-01: approved credit repair/);
      await shot(page, 'subject-repair-ended');

      const visitor = await fresh();
      await visitor.page.goto(`${base}/org/${DEMO.blacklisted}`);
      assert.match((await visitor.page.textContent('#lists-h + *')) ?? '', /Not on any public list/);
      await visitor.context.close();
    } finally {
      await subject.context.close();
      await reviewer.context.close();
    }
  });

  test('keyboard and phone: skip link first, pages fit a phone screen', async () => {
    const { context, page } = await fresh({ phone: true });
    try {
      await page.goto(`${base}/org/${DEMO.blacklisted}`);
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip');
      await page.keyboard.press('Enter');
      assert.match(page.url(), /#main$/);
      for (const path of ['/', `/org/${DEMO.blacklisted}`, '/lists/black', '/oversight']) {
        await page.goto(`${base}${path}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 1, `${path} is ${overflow}px wider than a phone`);
      }
      await page.goto(`${base}/org/${DEMO.blacklisted}`);
      await shot(page, 'phone-org', false);
    } finally {
      await context.close();
    }
  });

  test('an auditor sees oversight charts with per-source figures; the public sees the summary', async () => {
    const auditor = await fresh();
    try {
      await signIn(auditor.page, tokens.auditor!);
      const p = auditor.page;
      assert.equal(new URL(p.url()).pathname, '/oversight');
      assert.ok((await p.locator('figure.chart svg').count()) >= 6, 'charts are drawn');
      assert.match((await p.textContent('main')) ?? '', /Audit log: \d+ entries, hash chain intact/);
      const court = p.locator('section[aria-labelledby=sources-h] tr', { hasText: 'court-authority' });
      assert.match((await court.textContent()) ?? '', /100 %/, 'the annulled objection is an overturn');
      await shot(p, 'auditor-oversight');
      const visitor = await fresh();
      await visitor.page.goto(`${base}/oversight`);
      assert.equal(await visitor.page.locator('section[aria-labelledby=sources-h]').count(), 0);
      await visitor.context.close();
    } finally {
      await auditor.context.close();
    }
  });

  test('an admin sees a draft rulebook’s impact by grade and sector, then activates it', async () => {
    const { context, page } = await fresh();
    try {
      await signIn(page, tokens.admin!);
      assert.equal(new URL(page.url()).pathname, '/admin');
      const current = await page.inputValue('#draft');
      const draft = current
        .replace(/^version: .*$/m, 'version: "2026.2"')
        .replace(/^effective_from: .*$/m, 'effective_from: 2026-11-01')
        .replace(/\{ grade: A, min: 960 \}/, '{ grade: A, min: 990 }')
        .replace(/(court\.unpaid_debt_judgment:[\s\S]*?points: )-30/, '$1-20');
      assert.notEqual(draft, current);
      await page.fill('#draft', draft);
      await Promise.all([
        page.waitForURL(/impact/),
        page.click('form[action="/admin/rulebooks/impact"] button'),
      ]);
      assert.match((await page.textContent('h1')) ?? '', /Impact of municipal-default 2026\.2/);
      assert.match((await page.textContent('.lead')) ?? '', /[1-9]\d* change grade/);
      assert.match((await page.textContent('section[aria-labelledby=bysector-h]')) ?? '', /enterprise/);
      assert.match(
        (await page.textContent('ul.changes')) ?? '',
        /record_types\.court\.unpaid_debt_judgment\.points: -30 → -20/,
      );
      assert.match((await page.textContent('pre.diff')) ?? '', /min: 990/);
      await shot(page, 'admin-impact');
      await Promise.all([page.waitForURL(/activated=/), page.click('button.danger')]);
      assert.match((await page.textContent('.flash-ok')) ?? '', /Activated municipal-default 2026\.2/);
      await Promise.all([page.waitForURL(/diff/), page.click('a[href*="/admin/rulebooks/diff"]')]);
      assert.match((await page.textContent('pre.diff')) ?? '', /points: -20/);
      await page.goto(`${base}/admin`);
      await shot(page, 'admin');
    } finally {
      await context.close();
    }
  });

  test('forms are refused from another origin and without the session’s form token', async () => {
    const form = `_csrf=x&outcome=uphold&reasons=r`;
    const cookie = `credence_session=${tokens.reviewer}`;
    const post = (headers: Record<string, string>) =>
      fetch(`${base}/review/case/${openCase}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...headers },
        body: form,
      });
    assert.equal((await post({ origin: 'https://evil.example' })).status, 403);
    assert.equal((await post({ origin: base })).status, 403, 'a wrong _csrf is refused');
    const signin = await fetch(`${base}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: `token=${tokens.reviewer}`,
    });
    assert.equal(signin.status, 403);
    const ok = await fetch(`${base}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
      body: `token=${tokens.reviewer}`,
    });
    assert.equal(ok.status, 303);
    const set = ok.headers.get('set-cookie') ?? '';
    assert.match(set, /credence_session=/);
    assert.match(set, /HttpOnly/);
    assert.match(set, /SameSite=Strict/);
  });

  test('every page passes axe-core with no serious or critical violation', async () => {
    const pages: { path: string; as?: string; locale?: string; phone?: boolean }[] = [
      { path: '/' },
      { path: '/?q=Fuzhou' },
      { path: '/?q=91350100M000100Y44' },
      { path: `/org/${DEMO.blacklisted}` },
      { path: `/org/${OBJ_ORG}` },
      { path: '/lists/black' },
      { path: '/lists/black?page=2' },
      { path: '/lists/red' },
      { path: '/lists/court_defaulters' },
      { path: '/oversight' },
      { path: '/login' },
      { path: '/me', as: 'objector' },
      { path: '/me', as: 'defaulter' },
      { path: '/me/object?source=tax-authority&id=DEMO-T-1', as: 'defaulter' },
      { path: '/me/repair?source=court-authority&id=DEMO-C-1', as: 'defaulter' },
      { path: '/review', as: 'reviewer' },
      { path: `/review/case/${openCase}`, as: 'reviewer' },
      { path: '/admin', as: 'admin' },
      { path: '/admin/rulebooks/diff', as: 'admin' },
      { path: '/oversight', as: 'auditor' },
      { path: '/', locale: 'zh-CN' },
      { path: `/org/${DEMO.blacklisted}`, locale: 'zh-CN' },
      { path: '/me', as: 'objector', locale: 'zh-CN' },
      { path: '/oversight', locale: 'zh-CN' },
      { path: `/org/${DEMO.blacklisted}`, phone: true },
      { path: '/org/91350100M000100Y4' },
      { path: '/org/91350100M006400Y60' },
    ];
    const failures: string[] = [];
    const counts: string[] = [];
    // axe-core comes from a server of its own with a long cache lifetime, into one context per language and
    // device: the browser then compiles its 650 KB once per context, not once per page (sessions are swapped by
    // cookie between pages)
    const axeServer = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'public, max-age=3600' });
      res.end(axeSource);
    });
    await new Promise<void>((res) => axeServer.listen(0, '127.0.0.1', res));
    const axeUrl = `http://127.0.0.1:${(axeServer.address() as AddressInfo).port}/axe.min.js`;
    const contexts = new Map<string, BrowserContext>();
    try {
      for (const p of pages) {
        const key = `${p.locale ?? ''}|${p.phone ? 'phone' : ''}`;
        let context = contexts.get(key);
        if (!context) {
          const opened = await fresh({
            bypassCSP: true,
            ...(p.locale ? { locale: p.locale } : {}),
            ...(p.phone ? { phone: true } : {}),
          });
          await opened.page.close();
          context = opened.context;
          contexts.set(key, context);
        }
        await context.clearCookies();
        if (p.as) await addSession(context, tokens[p.as]!);
        const page = await context.newPage();
        try {
          await page.goto(`${base}${p.path}`);
          await page.addScriptTag({ url: axeUrl });
          const result = (await page.evaluate(
            "axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3) })))",
          )) as { id: string; impact: string; help: string; nodes: string[] }[];
          const label = `${p.path}${p.as ? ` as ${p.as}` : ''}${p.locale ? ` (${p.locale})` : ''}${p.phone ? ' (phone)' : ''}`;
          counts.push(
            `${label}: ${result.length} violation(s) ${result.map((r) => `${r.id}/${r.impact}`).join(' ')}`,
          );
          for (const v of result)
            if (v.impact === 'serious' || v.impact === 'critical')
              failures.push(`${label}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.join(', ')}`);
        } finally {
          await page.close();
        }
      }
    } finally {
      for (const c of contexts.values()) await c.close();
      await new Promise((res) => axeServer.close(res));
    }
    console.log(`axe-core results:\n  ${counts.join('\n  ')}`);
    assert.deepEqual(failures, []);
  });

  test('the impact page (reached by a form) passes axe-core too', async () => {
    const { context, page } = await fresh({ bypassCSP: true });
    try {
      await addSession(context, tokens.admin!);
      await page.goto(`${base}/admin`);
      await Promise.all([
        page.waitForURL(/impact/),
        page.click('form[action="/admin/rulebooks/impact"] button'),
      ]);
      await page.addScriptTag({ path: AXE });
      const serious = (await page.evaluate(
        "axe.run().then(r => r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id + ': ' + v.help))",
      )) as string[];
      assert.deepEqual(serious, []);
    } finally {
      await context.close();
    }
  });

  async function addSession(context: BrowserContext, token: string) {
    await context.addCookies([
      { name: 'credence_session', value: token, url: base, httpOnly: true, sameSite: 'Strict' },
    ]);
  }
});
