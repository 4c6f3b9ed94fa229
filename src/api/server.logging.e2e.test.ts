import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ingestor } from '../app/ingest/ingest.usecases.ts';
import { testRegistry } from '../app/testing/test-registry.ts';
import { createToken } from '../app/tokens/tokens.usecases.ts';
import { redactNationalIds } from './server.logging.ts';
import { buildServer } from './server.ts';

const PEOPLE = ['110101199003074514', '110101198506071239', '44052418800101001X'];

test('no national id reaches the request log, whatever route or query carried it', async () => {
  const r = await testRegistry('2026-11-01');
  const lines: string[] = [];
  const app = await buildServer(r.ctx, { logDestination: { write: (l) => lines.push(l) } });
  try {
    await new Ingestor(r.ctx).apply([
      { kind: 'person', national_id: PEOPLE[0], name: 'Zhang Wei' },
      { kind: 'person', national_id: PEOPLE[1], name: 'Li Na' },
    ]);
    const admin = await createToken(r.ctx, { role: 'admin' });
    const consumer = await createToken(r.ctx, { role: 'consumer' });
    const urls = PEOPLE.flatMap((id) => [
      `/v1/subjects/${id}/score`,
      `/v1/subjects/${id}/check/rail_ticket_ban`,
      `/v1/subjects/${id}/file`,
      `/v1/subjects/${id.toLowerCase()}/file?again=${id}`,
      `/v1/subjects/P1/score?national_id=${id}&also=${encodeURIComponent(`x ${id} y`)}`,
      `/v1/no-such-route/${id}`,
    ]);
    for (const url of urls)
      for (const token of [admin.token, consumer.token, 'not-a-token'])
        await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    const log = lines.join('');
    assert.ok(lines.length >= urls.length * 3, `${lines.length} log lines were written`);
    assert.match(log, /nid:[0-9a-f]{12}/, 'ids are logged as their keyed hash');
    for (const id of PEOPLE) {
      assert.ok(!log.includes(id), `${id} appears in the log`);
      assert.ok(!log.toLowerCase().includes(id.toLowerCase()), `${id} appears in the log in lower case`);
    }
    // the same person reads the same in every line: operators can still follow one subject's requests
    const hashed = redactNationalIds(PEOPLE[0]!, r.ctx.hashNationalId);
    assert.ok(log.split(hashed).length > 3);
  } finally {
    await app.close();
    await r.dispose();
  }
});

test('adversarial: ids glued to other text, in lower case or repeated are all redacted; other numbers stay', () => {
  const hash = (id: string) => `h${id}`.replace(/\d/g, 'a');
  const text = `url=/x/110101199003074514?q=44052418800101001x&r=a110101199003074514,%20110101198506071239%20 ts=1767225600000 usci=91350100M000100Y43 n=12345678901234567890`;
  const out = redactNationalIds(text, hash);
  for (const id of ['110101199003074514', '44052418800101001x', '110101198506071239'])
    assert.ok(!out.includes(id));
  assert.ok(out.includes('ts=1767225600000'), 'timestamps are not ids');
  assert.ok(out.includes('91350100M000100Y43'), 'organization codes are public');
  assert.ok(out.includes('n=12345678901234567890'), 'a longer number is not an id');
});
