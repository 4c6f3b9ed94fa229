// The public's look-ups over HTTP: search by any part of the name, pinyin or code; an organization's profile.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ingestor } from '../app/ingest/ingest.usecases.ts';
import { EVIDENCE, testRegistry } from '../app/testing/test-registry.ts';
import { makeNationalId } from '../domain/national-id.ts';
import { DAY } from '../domain/time.ts';
import { makeUsci } from '../domain/usci.ts';
import { buildServer } from './server.ts';

const ORG = makeUsci('91440300', 'MA5F0001');
const PILOT = '91350100M0001TGQXM';
const PERSON = makeNationalId('110101', '19900307', '451');

test('anyone finds a company by infix, pinyin or code, pages on, and reads its profile with the measures in force', async () => {
  const r = await testRegistry('2026-11-01');
  const app = await buildServer(r.ctx);
  try {
    const results = await new Ingestor(r.ctx).apply([
      { kind: 'source', id: 'court', name: 'Court', domains: ['court'] },
      { kind: 'organization', usci: ORG, name: '深圳市示例科技有限公司' },
      {
        kind: 'usci_exception',
        usci: PILOT,
        evidence: [EVIDENCE],
        reason: 'issued before the checksum rule',
      },
      { kind: 'organization', usci: PILOT, name: 'Fuzhou Pilot Works Limited' },
      { kind: 'person', national_id: PERSON, name: 'Zhang Wei' },
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
    assert.ok(results.every((x) => x.ok));
    const get = (url: string) => app.inject({ method: 'GET', url });
    const search = async (q: string) => (await get(`/v1/organizations?q=${encodeURIComponent(q)}`)).json();

    assert.deepEqual((await search('示例')).items, [
      { usci: ORG, name: '深圳市示例科技有限公司', match: 'name' },
    ]);
    assert.equal((await search('shenzhenshi shili')).items[0].usci, ORG);
    // a registered exception code is found by its code, not refused
    const pilot = await get(`/v1/organizations?q=${PILOT}`);
    assert.equal(pilot.statusCode, 200);
    assert.deepEqual(pilot.json().items[0], {
      usci: PILOT,
      name: 'Fuzhou Pilot Works Limited',
      match: 'usci',
    });
    // a code that fails its check and is not registered is explained
    const bad = await get('/v1/organizations?q=91350100M000100Y44');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().code, 'input.invalid_usci');
    const cursor = await get('/v1/organizations?q=fuzhou&cursor=xyz');
    assert.equal(cursor.statusCode, 400);
    assert.equal(cursor.json().code, 'input.invalid_cursor');

    r.clock.advance(40 * DAY);
    const res = await get(`/v1/organizations/${ORG}?lang=en`);
    assert.equal(res.statusCode, 200, res.body);
    const p = res.json();
    assert.equal(p.usci, ORG);
    const exclusion = p.measures.find((m: { measure: string }) => m.measure === 'procurement.exclusion');
    assert.equal(exclusion.kind, 'sanction');
    assert.match(exclusion.legal_basis, /Government Procurement Law/);
    assert.equal(exclusion.decisions.length, 1);
    assert.deepEqual(
      p.explanation.items.map((i: { title: string }) => i.title),
      ['Able but refusing to perform a judgment'],
    );
    // as of a date before the judgment: no measure
    const then = (await get(`/v1/organizations/${ORG}?at=2026-09-01`)).json();
    assert.deepEqual(
      then.measures.filter((m: { kind: string }) => m.kind === 'sanction'),
      [],
    );
    // persons have no public profile: 404 problem, whatever reference is tried
    for (const ref of [PERSON, 'P1'])
      for (const url of [`/v1/organizations/${ref}`, `/v1/organizations?q=${ref}`]) {
        const x = await get(url);
        if (url.includes('?q=')) {
          assert.ok(x.statusCode === 200 ? x.json().items.length === 0 : x.statusCode === 400, url);
        } else {
          assert.equal(x.statusCode, 404, url);
          assert.match(x.headers['content-type'] as string, /problem\+json/);
          assert.ok(!x.body.includes('Zhang'), url);
        }
      }
  } finally {
    await app.close();
    await r.dispose();
  }
});
