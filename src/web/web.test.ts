// Fast checks of the web pages without a browser: rendering to strings, the catalogues, no-JS forms through
// Fastify's inject, sessions, CSRF and the multipart upload.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { buildServer } from '../api/server.ts';
import { Ingestor } from '../app/ingest/ingest.usecases.ts';
import { oversightStats } from '../app/oversight/oversight.usecases.ts';
import { exportFile } from '../app/queries/queries.export.ts';
import { scoreHistory } from '../app/queries/queries.history.ts';
import { type TestRegistry, testRegistry } from '../app/testing/test-registry.ts';
import { createToken } from '../app/tokens/tokens.usecases.ts';
import { checkUsci, makeUsci } from '../domain/usci.ts';
import { DEMO, seedDemo } from '../sim/demo.ts';
import { lineDiff } from './admin/admin.line-diff.ts';
import { durationText, LANGS, MESSAGE_KEYS, pickLang, translator } from './i18n/i18n.ts';
import { HomePage, looksLikeUsci, usciProblem } from './portal/portal.search.tsx';
import { csrfToken, type View } from './shell/http.ts';
import { loginPage } from './shell/layout.tsx';
import { parseMultipart } from './shell/multipart.ts';

const view = (lang: 'en' | 'zh-CN'): View => ({
  lang,
  t: translator(lang),
  here: '/',
  user: null,
  csrf: '',
  now: Date.parse('2026-11-01'),
});

const home = (lang: 'en' | 'zh-CN') => renderToString(h(HomePage, { v: view(lang), q: '' }) as VNode);

describe('catalogues and language choice', () => {
  test('every message exists in both languages with the same placeholders', () => {
    const en = translator('en');
    const zh = translator('zh-CN');
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of MESSAGE_KEYS) {
      const a = en(key);
      const b = zh(key);
      assert.ok(a.length > 0 && b.length > 0, `${key} is empty`);
      assert.deepEqual(placeholders(b), placeholders(a), `${key}: placeholders differ`);
      const probe = Object.fromEntries(placeholders(a).map((p) => [p!, 'x']));
      assert.ok(!en(key, probe).includes('{'), `${key}: an unfilled placeholder`);
    }
  });

  test('the browser language decides unless a choice was made', () => {
    assert.equal(pickLang(undefined, undefined, 'zh-CN,zh;q=0.9,en;q=0.8'), 'zh-CN');
    assert.equal(pickLang(undefined, undefined, 'en-GB,en;q=0.9'), 'en');
    assert.equal(pickLang(undefined, undefined, 'fr-FR, zh-TW;q=0.5, en;q=0.7'), 'en');
    assert.equal(pickLang(undefined, undefined, 'de, zh;q=0.8'), 'zh-CN');
    assert.equal(pickLang(undefined, undefined, undefined), 'en');
    assert.equal(pickLang(undefined, 'zh-CN', 'en'), 'zh-CN', 'a cookie beats the header');
    assert.equal(pickLang('en', 'zh-CN', 'zh-CN'), 'en', 'the query beats the cookie');
    assert.equal(pickLang('xx', undefined, 'zh'), 'zh-CN', 'an unknown choice is ignored');
    assert.deepEqual([...LANGS], ['en', 'zh-CN']);
  });

  test('durations are written in words', () => {
    assert.equal(durationText('P30D', 'en'), '30 days');
    assert.equal(durationText('P1Y', 'en'), '1 year');
    assert.equal(durationText('P1Y6M', 'en'), '1 year, 6 months');
    assert.equal(durationText('P30D', 'zh-CN'), '30 天');
    assert.equal(durationText('PT5H', 'en'), 'PT5H');
  });
});

describe('pages render to plain HTML', () => {
  test('the home page is a GET form with a label, in the chosen language, with no inline script', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const html = home(lang);
      assert.match(html, new RegExp(`<html lang="${lang}">`));
      assert.match(html, /<form method="get" action="\/" class="search">/);
      assert.match(html, /<label for="q">/);
      assert.match(html, /<a class="skip" href="#main">/);
      assert.match(html, /<main id="main"/);
      assert.doesNotMatch(html, /<script>|<script [^>]*>[^<]|\son[a-z]+=/, 'no inline script or handler');
      assert.match(html, /hreflang="zh-CN"/);
    }
    assert.match(home('zh-CN'), /查询机构/);
  });

  test('the sign-in form posts the token in a password field', () => {
    const html = renderToString(loginPage(view('en'), '/me', false));
    assert.match(html, /<form method="post" action="\/login"/);
    assert.match(html, /<input id="token" name="token" type="password"/);
    assert.match(html, /<input type="hidden" name="next" value="\/me"\/>/);
  });

  test('a malformed USCI says which character is wrong', () => {
    const v = view('en');
    const msg = (code: string) => {
      const c = checkUsci(code);
      assert.ok(!c.ok);
      return usciProblem(v, c);
    };
    assert.match(msg('91350100M000100Y44'), /Character 18 is “4”.*should be “3”/);
    assert.match(msg('91350100M000100Y4'), /17 characters; a USCI has 18/);
    assert.match(msg('91350100M0001O0Y43'), /Character 14 is “O”/);
    assert.match(msg('91350100m000100Y43'), /Character 9 is “m”.*“M”/);
    assert.match(
      msg('91350100M000200Y43'),
      /Character 17 is “4”.*organization code check character should be “X”/,
    );
    assert.match(usciProblem(view('zh-CN'), checkUsci('91350100M000100Y44') as never), /第 18 位/);
    assert.ok(looksLikeUsci('91350100M000100Y4'));
    assert.ok(!looksLikeUsci('Fuzhou Example'));
  });

  test('the rulebook diff lists removed then added lines', () => {
    const d = lineDiff('a\nb\nc\nd', 'a\nB\nc\nd\ne');
    assert.deepEqual(
      d.filter((l) => l.op !== ' ').map((l) => `${l.op}${l.text}`),
      ['-b', '+B', '+e'],
    );
  });

  test('multipart bodies give fields and files', () => {
    const b = '----x';
    const body = Buffer.concat([
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="letter"\r\n\r\nWe commit.\r\n`),
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="file_proof"; filename="r.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.from([0, 1, 2, 13, 10, 45, 45]),
      Buffer.from(`\r\n--${b}--\r\n`),
    ]);
    const parsed = parseMultipart(body, `multipart/form-data; boundary=${b}`);
    assert.equal(parsed.letter, 'We commit.');
    const files = Object.getOwnPropertySymbols(parsed).map((s) => (parsed as never)[s]) as unknown as Record<
      string,
      { filename: string; data: Buffer }
    >[];
    assert.deepEqual([...files[0]!.file_proof!.data], [0, 1, 2, 13, 10, 45, 45]);
    assert.equal(files[0]!.file_proof!.filename, 'r.bin');
  });
});

describe('the pages over HTTP, without JavaScript', () => {
  let reg: TestRegistry;
  let app: FastifyInstance;
  const ORG = makeUsci('91350200', 'M0000500');
  let subjectToken: string;
  let reviewerToken: string;
  let consumerToken: string;

  before(async () => {
    reg = await testRegistry('2026-11-01');
    await seedDemo(reg.ctx, 60);
    const r = await new Ingestor(reg.ctx).apply([
      { kind: 'organization', usci: ORG, name: 'Xiamen Test Foods Co.' },
      {
        source: 'court-authority',
        id: 'T-1',
        subject: ORG,
        type: 'court.judgment_default',
        occurred_at: '2026-10-01',
        legal_basis: 'Civil Procedure Law art. 262',
        evidence: [`sha256:${'cd'.repeat(32)}`],
      },
    ]);
    assert.ok(r.every((x) => x.ok));
    subjectToken = (await createToken(reg.ctx, { role: 'subject', subjectRef: ORG })).token;
    reviewerToken = (await createToken(reg.ctx, { role: 'reviewer' })).token;
    consumerToken = (await createToken(reg.ctx, { role: 'consumer' })).token;
    app = await buildServer(reg.ctx);
  });

  after(async () => {
    await app?.close();
    await reg?.dispose();
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers });
  const session = (token: string) => ({ cookie: `credence_session=${token}` });
  const post = (url: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded', host: 'localhost:80', ...headers },
      payload: new URLSearchParams(form).toString(),
    });

  test('the language follows Accept-Language, and ?lang= is remembered in a cookie', async () => {
    const zh = await get('/', { 'accept-language': 'zh-CN,zh;q=0.9' });
    assert.equal(zh.statusCode, 200);
    assert.match(zh.body, /<html lang="zh-CN">/);
    const en = await get('/?lang=en', { 'accept-language': 'zh-CN' });
    assert.match(en.body, /<html lang="en">/);
    assert.match(String(en.headers['set-cookie']), /credence_lang=en/);
    const again = await get('/lists/black', { 'accept-language': 'zh-CN', cookie: 'credence_lang=en' });
    assert.match(again.body, /<h1>Black lists<\/h1>/);
    // the switch on every page points at the same page in the other language
    assert.match(again.body, /href="\/lists\/black\?lang=zh-CN"/);
  });

  test('search: a USCI goes to its page, a name lists matches, a bad USCI is explained', async () => {
    const r = await get(`/?q=${DEMO.blacklisted}`);
    assert.equal(r.statusCode, 303);
    assert.equal(r.headers.location, `/org/${DEMO.blacklisted}`);
    const byName = await get('/?q=Fuzhou%20Example');
    assert.match(byName.body, new RegExp(`href="/org/${DEMO.blacklisted}"`));
    const bad = await get('/?q=91350100M000100Y44');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Character 18 is “4”/);
    const unknown = await get('/org/91350100M006400Y60');
    assert.equal(unknown.statusCode, 404);
  });

  test('an organization page shows its list entry with reason, basis and dates, and no person', async () => {
    const r = await get(`/org/${DEMO.blacklisted}`);
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /Court judgment defaulters/);
    assert.match(r.body, /Able but refusing to perform a judgment/);
    assert.match(r.body, /within 30 days of being notified/);
    assert.match(r.body, /<svg[^>]*role="img"/);
    assert.ok(!r.body.includes(DEMO.representative));
    const persons = await get('/org/110101199003074514');
    assert.equal(persons.statusCode, 400, 'a national id is not an organization page');
  });

  test('the lists filter and paginate', async () => {
    const all = await get('/lists/black');
    assert.equal(all.statusCode, 200);
    assert.match(all.body, /Fuzhou Example Co\./);
    const filtered = await get('/lists/black?list=serious_illegal&q=Fuzhou%20Example');
    assert.doesNotMatch(filtered.body, /Fuzhou Example Co\./);
    assert.equal((await get('/lists/nothing')).statusCode, 404);
  });

  test('signed-in pages redirect to the sign-in form, which sets a strict HttpOnly cookie', async () => {
    const r = await get('/me');
    assert.equal(r.statusCode, 303);
    assert.equal(r.headers.location, '/login?next=%2Fme');
    const bad = await post('/login', { token: 'x'.repeat(43) });
    assert.equal(bad.statusCode, 401);
    const api = await post('/login', { token: consumerToken });
    assert.equal(api.statusCode, 403, 'consumer tokens are for the API');
    const ok = await post('/login', { token: subjectToken, next: '/me' });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/me');
    const cookie = String(ok.headers['set-cookie']);
    assert.match(cookie, /credence_session=/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    const offsite = await post('/login', { token: subjectToken, next: '//evil.example' });
    assert.equal(offsite.headers.location, '/me', 'no open redirect');
    const wrongRole = await get('/review', session(subjectToken));
    assert.equal(wrongRole.statusCode, 403);
  });

  test('a subject objects with a plain form; the form token and origin are checked', async () => {
    const me = await get('/me', session(subjectToken));
    assert.equal(me.statusCode, 200);
    assert.match(
      me.body,
      /−50 for Able but refusing to perform a judgment \(court-authority\/T-1\) until 2028-10-01/,
    );
    const form = {
      source: 'court-authority',
      id: 'T-1',
      statement: 'The judgment was performed on 2026-09-30.',
    };
    const noToken = await post('/me/object', form, session(subjectToken));
    assert.equal(noToken.statusCode, 403);
    const csrf = csrfToken(subjectToken);
    const foreign = await post(
      '/me/object',
      { ...form, _csrf: csrf },
      { ...session(subjectToken), origin: 'https://evil.example' },
    );
    assert.equal(foreign.statusCode, 403);
    const ok = await post(
      '/me/object',
      { ...form, _csrf: csrf },
      { ...session(subjectToken), origin: 'http://localhost:80' },
    );
    assert.equal(ok.statusCode, 303);
    assert.match(String(ok.headers.location), /^\/me\?filed=OBJ-/);
    const again = await post('/me/object', { ...form, _csrf: csrf }, session(subjectToken));
    assert.equal(again.statusCode, 409, 'a second objection to the same record is refused with the reason');
    const queue = await get('/review', session(reviewerToken));
    assert.match(queue.body, /court-authority\/T-1/);
  });

  test('a repair application uploads a file as multipart; only its SHA-256 is kept', async () => {
    const csrf = csrfToken(subjectToken);
    const bytes = Buffer.from('%PDF-1.7 receipt of payment\n');
    const b = 'XyZboundary';
    const part = (name: string, value: string) =>
      `--${b}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const payload = Buffer.concat([
      Buffer.from(
        part('_csrf', csrf) +
          part('source', 'court-authority') +
          part('id', 'T-1') +
          part('letter', 'We commit to honour every judgment and pay on time.') +
          part('signed_by', 'Legal representative') +
          part('ref_proof_of_performance', ''),
      ),
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="file_proof_of_performance"; filename="receipt.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${b}--\r\n`),
    ]);
    const r = await app.inject({
      method: 'POST',
      url: '/me/repair',
      headers: { ...session(subjectToken), 'content-type': `multipart/form-data; boundary=${b}` },
      payload,
    });
    assert.equal(r.statusCode, 303, r.body.slice(0, 500));
    const file = await exportFile(reg.ctx, ORG);
    const sub = file.repairs[0]!.submission as { evidence: { ref: string }[] };
    assert.equal(sub.evidence[0]!.ref, `sha256:${createHash('sha256').update(bytes).digest('hex')}`);
    assert.ok(!JSON.stringify(file).includes('receipt of payment'), 'the bytes themselves are not stored');
  });

  test('an admin saves a draft rulebook; it is listed as not used', async () => {
    const admin = (await createToken(reg.ctx, { role: 'admin' })).token;
    const page = await get('/admin', session(admin));
    assert.equal(page.statusCode, 200);
    const current = /<textarea id="draft"[^>]*>([\s\S]*?)<\/textarea>/.exec(page.body)?.[1] ?? '';
    const text = current
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/^version: .*$/m, 'version: "2027.1"')
      .replace(/^effective_from: .*$/m, 'effective_from: 2027-01-01');
    const csrf = csrfToken(admin);
    const bad = await post('/admin/rulebooks/impact', { _csrf: csrf, text: 'rulebook: x' }, session(admin));
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /The draft has \d+ problem/);
    const impact = await post('/admin/rulebooks/impact', { _csrf: csrf, text }, session(admin));
    assert.equal(impact.statusCode, 200);
    assert.match(impact.body, /effective_from: 2026-01-01 → 2027-01-01|version: 2026\.1 → 2027\.1/);
    const saved = await post('/admin/rulebooks/draft', { _csrf: csrf, text }, session(admin));
    assert.equal(saved.statusCode, 303);
    const after = await get('/admin', session(admin));
    assert.match(after.body, /municipal-default 2027\.1<\/td><td>draft \(not used\)/);
  });

  test('the export downloads the whole file as JSON', async () => {
    const r = await get('/me/export.json', session(subjectToken));
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers['content-disposition']), /attachment/);
    const body = JSON.parse(r.body) as { records: unknown[]; checks: unknown[] };
    assert.ok(body.records.length > 0);
  });

  test('oversight: public summary and JSON, computed in one place', async () => {
    const r = await get('/oversight');
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /<svg[^>]*role="img"/);
    assert.doesNotMatch(r.body, /id="sources-h"/, 'per-source detail is for auditors');
    const json = JSON.parse((await get('/oversight.json')).body) as { subjects: { organizations: number } };
    const stats = await oversightStats(reg.ctx);
    assert.equal(json.subjects.organizations, stats.subjects.organizations);
    assert.ok(
      (stats.grades_by_sector.enterprise ? Object.values(stats.grades_by_sector.enterprise) : []).length > 0,
    );
    assert.equal(stats.by_source.find((s) => s.source === 'court-authority')?.objections.filed, 1);
  });

  test('the score history has a point where each record started counting', async () => {
    const h = await scoreHistory(reg.ctx, ORG);
    const p = h.points.find((x) => x.causes.some((c) => c.record === 'T-1' && c.change === 'starts'));
    assert.ok(p, JSON.stringify(h.points));
    assert.equal(p.score, 950);
    assert.equal(h.points[0]!.score, 1000);
  });

  test('assets are served with a validator; unknown API routes stay problem+json', async () => {
    const css = await get('/assets/credence.css');
    assert.equal(css.statusCode, 200);
    assert.match(String(css.headers['content-type']), /text\/css/);
    const cached = await get('/assets/credence.css', { 'if-none-match': String(css.headers.etag) });
    assert.equal(cached.statusCode, 304);
    const api = await get('/v1/nothing');
    assert.match(String(api.headers['content-type']), /problem\+json/);
  });
});
