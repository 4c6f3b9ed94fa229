// Monitoring over HTTP: a consumer places a watch (at most a year, with a purpose), polls the changes feed, and
// sees only its own watches and changes; the watched company sees the watch in its exported file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ingestor } from '../app/ingest/ingest.usecases.ts';
import { tick } from '../app/maintenance/maintenance.tick.ts';
import { EVIDENCE, testRegistry } from '../app/testing/test-registry.ts';
import { createToken } from '../app/tokens/tokens.usecases.ts';
import { parseInstant } from '../domain/time.ts';
import { buildServer } from './server.ts';

const ORG = '91350100M000100Y43';

test('a consumer watches a supplier, polls its changes feed, and no other consumer sees them', async () => {
  const r = await testRegistry('2026-03-01');
  const app = await buildServer(r.ctx);
  try {
    await new Ingestor(r.ctx).apply([
      { kind: 'source', id: 'court', name: 'Intermediate People’s Court', domains: ['court'] },
      { kind: 'organization', usci: ORG, name: 'Fuzhou Example Co.' },
    ]);
    const office = (await createToken(r.ctx, { role: 'consumer', label: 'Procurement office' })).token;
    const rival = (await createToken(r.ctx, { role: 'consumer', label: 'Another bidder' })).token;
    const as = (token: string) => ({ authorization: `Bearer ${token}` });
    const body = {
      subjects: [ORG],
      measures: ['procurement.exclusion'],
      purpose: 'tender 2026-17 suppliers',
    };
    const tooLong = await app.inject({
      method: 'POST',
      url: '/v1/watches',
      headers: as(office),
      payload: { ...body, expires: 'P2Y' },
    });
    assert.equal(tooLong.statusCode, 400);
    assert.match(String(tooLong.headers['content-type']), /application\/problem\+json/);
    assert.equal(tooLong.json().code, 'input.watch_expiry_too_long');
    const noPurpose = await app.inject({
      method: 'POST',
      url: '/v1/watches',
      headers: as(office),
      payload: { subjects: [ORG], measures: ['procurement.exclusion'] },
    });
    assert.equal(noPurpose.statusCode, 400, 'a purpose is required');
    const created = await app.inject({
      method: 'POST',
      url: '/v1/watches',
      headers: as(office),
      payload: body,
    });
    assert.equal(created.statusCode, 201, created.body);
    const watch = created.json() as { id: string; expires_at: string };
    assert.equal(watch.expires_at.slice(0, 10), '2027-03-01');

    await new Ingestor(r.ctx).apply([
      {
        source: 'court',
        id: 'C-1',
        subject: ORG,
        type: 'court.judgment_default',
        occurred_at: '2026-03-01',
        legal_basis: 'Civil Procedure Law art. 262',
        evidence: [EVIDENCE],
      },
    ]);
    r.clock.set(parseInstant('2026-03-12')!);
    await tick(r.ctx);
    const feed = await app.inject({ method: 'GET', url: '/v1/changes?since=0', headers: as(office) });
    assert.equal(feed.statusCode, 200, feed.body);
    const page = feed.json() as { items: { watch: string; after: { applies: boolean } }[]; next: string };
    assert.deepEqual(
      page.items.map((i) => [i.watch, i.after.applies]),
      [[watch.id, true]],
    );
    const again = await app.inject({
      method: 'GET',
      url: `/v1/changes?since=${page.next}`,
      headers: as(office),
    });
    assert.deepEqual(again.json().items, [], 'nothing new after the last cursor');
    assert.equal(again.json().next, page.next);

    // the rival sees no watch and no change of the office's, and cannot end its watch
    assert.deepEqual(
      (await app.inject({ method: 'GET', url: '/v1/watches', headers: as(rival) })).json().watches,
      [],
    );
    assert.deepEqual(
      (await app.inject({ method: 'GET', url: '/v1/changes', headers: as(rival) })).json().items,
      [],
    );
    const steal = await app.inject({ method: 'DELETE', url: `/v1/watches/${watch.id}`, headers: as(rival) });
    assert.equal(steal.statusCode, 403);
    const mine = await app.inject({ method: 'GET', url: '/v1/watches', headers: as(office) });
    assert.deepEqual(
      mine.json().watches.map((w: { id: string; ended_at: string | null }) => [w.id, w.ended_at]),
      [[watch.id, null]],
    );
    const ended = await app.inject({ method: 'DELETE', url: `/v1/watches/${watch.id}`, headers: as(office) });
    assert.equal(ended.statusCode, 200);
    assert.ok(ended.json().ended_at);

    // the company sees who watched it and why, in its exported file
    const staff = (await createToken(r.ctx, { role: 'reviewer' })).token;
    const file = await app.inject({ method: 'GET', url: `/v1/subjects/${ORG}/export`, headers: as(staff) });
    assert.equal(file.statusCode, 200, file.body);
    const seen = file.json().watched_by as { watcher: string; purpose: string; standing: boolean }[];
    assert.deepEqual(
      seen.map((w) => [w.watcher, w.purpose, w.standing]),
      [['Procurement office (consumer)', 'tender 2026-17 suppliers', false]],
    );
  } finally {
    await app.close();
    await r.dispose();
  }
});
