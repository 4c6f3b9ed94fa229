// Property (DESIGN §5, no sanction before notice): over random ledgers with backdated records arriving at random
// times, whenever a sanction applies to a bearer at an instant t, that bearer had received a warning notice at
// least the list's notice before t — the organization itself and its legal representative alike.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { addDuration, parseDuration } from '../../domain/duration.ts';
import { DAY, formatDate, parseInstant } from '../../domain/time.ts';
import { Ingestor } from '../ingest/ingest.usecases.ts';
import { tick } from '../maintenance/maintenance.tick.ts';
import { exportFile } from '../queries/queries.export.ts';
import { checkMeasure } from '../queries/queries.usecases.ts';
import { EVIDENCE, testRegistry } from '../testing/test-registry.ts';

const ORG = '91350100M000100Y43';
const REP = '110101199003074514';
const START = parseInstant('2026-01-01')!;
// court_defaulters: notice P10D; the tax black list: notice P30D — the longest notice is the safe bound for both
const NOTICE = { court_defaulters: 'P10D' } as Record<string, string>;

test('property: a sanction applies to a bearer only after a warning to that bearer, at least the notice before', async () => {
  let applied = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({
          type: fc.constantFrom('court.judgment_default', 'court.obstructing_enforcement'),
          occurred: fc.integer({ min: 0, max: 120 }),
          delay: fc.integer({ min: 0, max: 90 }),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 3, maxLength: 6 }),
      async (records, probes) => {
        const r = await testRegistry('2026-01-01');
        try {
          await new Ingestor(r.ctx).apply([
            { kind: 'source', id: 'court', name: 'Court', domains: ['court'] },
            { kind: 'person', national_id: REP, name: 'Zhang Wei' },
            { kind: 'organization', usci: ORG, name: 'Fuzhou Example Co.', legal_representative: REP },
          ]);
          // the registry hears of each record `delay` days after it occurred, in the order it hears of them
          const arrivals = records
            .map((x, i) => ({ ...x, i, at: START + (x.occurred + x.delay) * DAY }))
            .sort((a, b) => a.at - b.at || a.i - b.i);
          for (const a of arrivals) {
            r.clock.set(a.at);
            await tick(r.ctx);
            const res = await new Ingestor(r.ctx).apply([
              {
                source: 'court',
                id: `C-${a.i}`,
                subject: ORG,
                type: a.type,
                occurred_at: formatDate(START + a.occurred * DAY),
                legal_basis: 'Civil Procedure Law art. 262',
                evidence: [EVIDENCE],
              },
            ]);
            assert.ok(res[0]?.ok, JSON.stringify(res[0]));
          }
          // time runs on; the registry applies what falls due each day
          const end = START + 420 * DAY;
          for (let t = r.clock.now() + DAY; t <= end; t += 5 * DAY) {
            r.clock.set(t);
            await tick(r.ctx);
          }
          for (const p of probes) {
            const t = START + p * DAY;
            for (const [who, measure, warning] of [
              [REP, 'transport.high_speed_rail', 'bearer.warning'],
              [ORG, 'procurement.exclusion', 'list.warning'],
            ] as const) {
              const c = await checkMeasure(r.ctx, who, measure, t);
              if (!c.applies) continue;
              applied++;
              const notices = (await exportFile(r.ctx, who)).notices as {
                kind: string;
                created_at: unknown;
              }[];
              const warned = notices
                .filter((n) => n.kind === warning)
                .map((n) =>
                  typeof n.created_at === 'number' ? n.created_at : Date.parse(String(n.created_at)),
                );
              const bound = addDuration(t, parseDuration(NOTICE.court_defaulters!).value!, -1);
              assert.ok(
                warned.some((w) => w <= bound),
                `${measure} applies to ${who} on ${formatDate(t)} without a warning by ${formatDate(bound)} (warnings: ${warned.map(formatDate).join(', ') || 'none'})`,
              );
            }
          }
        } finally {
          await r.dispose();
        }
      },
    ),
    { numRuns: 12 },
  );
  assert.ok(applied > 0, 'the random ledgers did bring sanctions: the property was exercised');
});
