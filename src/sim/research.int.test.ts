import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testRegistry } from '../app/testing/test-registry.ts';
import { dynamicsHtml } from './dynamics.html.ts';
import { simulateResearch } from './research.ts';

const base = {
  subjects: 300,
  seed: 11,
  years: 4,
  objectionRate: 0.05,
  objectionSuccess: 0.3,
  repairUptake: 0.3,
  offenceRates: { '*': 3 } as Record<string, number>,
};

async function run(over: Partial<typeof base>) {
  const r = await testRegistry('2026-11-01');
  try {
    return await simulateResearch(r.ctx, { ...base, ...over });
  } finally {
    await r.dispose();
  }
}

test('a simulation is deterministic for its seed', async () => {
  const a = await run({});
  const b = await run({});
  assert.deepEqual(a.dynamics, b.dynamics);
  assert.equal(a.dynamics.subjects, 300);
  assert.ok(a.dynamics.entryDays.length > 0, 'some subjects were black-listed');
});

test('subjects who repair leave the black lists sooner: full repair uptake lowers listings and shortens entries', async () => {
  const none = await run({ repairUptake: 0 });
  const all = await run({ repairUptake: 1 });
  assert.ok(all.behaviour.repaired > 0 && none.behaviour.repaired === 0);
  const median = (xs: number[]) => xs[Math.floor(xs.length / 2)] ?? 0;
  assert.ok(
    median(all.dynamics.entryDays) < median(none.dynamics.entryDays),
    `median days ${median(all.dynamics.entryDays)} < ${median(none.dynamics.entryDays)}`,
  );
  assert.ok(all.dynamics.blackListedAtEnd <= none.dynamics.blackListedAtEnd);
  assert.ok((all.dynamics.exits.repair ?? 0) > 0);
});

test('a harsher offence rate in one domain lists more subjects, and the report draws it', async () => {
  const calm = await run({ offenceRates: { '*': 1 } });
  const courts = await run({ offenceRates: { '*': 1, court: 10 } });
  assert.ok(courts.dynamics.entryDays.length > calm.dynamics.entryDays.length);
  const html = dynamicsHtml(courts.dynamics, 4, { court: 10 });
  assert.match(html, /<svg role="img"/);
  assert.match(html, /on a black list/);
});
