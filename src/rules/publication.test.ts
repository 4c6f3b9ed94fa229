import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { addDuration, parseDuration } from '../domain/duration.ts';
import { DAY, parseInstant } from '../domain/time.ts';
import { isPublishedAt, publicationSpan } from './publication.ts';
import type { Severity } from './rulebook.model.ts';

const at = (s: string) => parseInstant(s)!;
const dur = (s: string) => parseDuration(s).value!;
const rec = (occurred: string, extra: { annulledAt?: number; repairedAt?: number } = {}) => ({
  occurredAt: at(occurred),
  suspended: [],
  ...extra,
});
const type = (severity: Severity, pub = true, publish?: { min: string; max: string }) => ({
  severity,
  public: pub,
  ...(publish ? { publish: { min: dur(publish.min), max: dur(publish.max) } } : {}),
});

test('a general record is shown for a year from the conduct, and not a day longer', () => {
  const r = rec('2026-04-10');
  assert.equal(isPublishedAt(type('general'), r, at('2026-04-10')), true);
  assert.equal(isPublishedAt(type('general'), r, at('2027-04-09')), true);
  assert.equal(isPublishedAt(type('general'), r, at('2027-04-10')), false);
  assert.equal(isPublishedAt(type('general'), r, at('2026-04-09')), false, 'not before the conduct');
});

test('a serious record is shown for at most three years; a shorter span of its own ends it sooner', () => {
  const r = rec('2026-04-10');
  assert.equal(isPublishedAt(type('serious'), r, at('2029-04-09')), true);
  assert.equal(isPublishedAt(type('serious'), r, at('2029-04-10')), false);
  const own = type('serious', true, { min: 'P1Y', max: 'P18M' });
  assert.equal(isPublishedAt(own, r, at('2027-10-09')), true);
  assert.equal(isPublishedAt(own, r, at('2027-10-10')), false);
  assert.equal(publicationSpan(own, r)?.repairableFrom, at('2027-04-10'));
});

test('a minor record is never shown by default, even when its type says public', () => {
  assert.equal(publicationSpan(type('minor'), rec('2026-04-10')), undefined);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 3 * 366 }), (days) => {
      assert.equal(isPublishedAt(type('minor'), rec('2026-04-10'), at('2026-04-10') + days * DAY), false);
    }),
  );
});

test('a record whose type is not public is never shown, whatever its severity', () => {
  for (const s of ['minor', 'general', 'serious'] as const)
    assert.equal(publicationSpan(type(s, false), rec('2026-04-10')), undefined);
});

test('annulment and repair end publication on their day; a record reported late is not shown longer', () => {
  const base = at('2026-04-10');
  const annulled = rec('2026-04-10', { annulledAt: base + 30 * DAY });
  assert.equal(isPublishedAt(type('serious'), annulled, base + 29 * DAY), true);
  assert.equal(isPublishedAt(type('serious'), annulled, base + 30 * DAY), false);
  const repaired = rec('2026-04-10', { repairedAt: base + 400 * DAY });
  assert.equal(isPublishedAt(type('serious'), repaired, base + 400 * DAY), false);
});

test('for any date of conduct and any moment, a shown record is within its tier maximum of the conduct', () => {
  const max = { minor: 'P0D', general: 'P1Y', serious: 'P3Y' } as const;
  fc.assert(
    fc.property(
      fc.constantFrom<Severity>('minor', 'general', 'serious'),
      fc.integer({ min: 0, max: 4000 }),
      fc.integer({ min: -10, max: 1500 }),
      (sev, offset, later) => {
        const occurred = at('2020-01-01') + offset * DAY;
        const t = occurred + later * DAY;
        const shown = isPublishedAt(type(sev), { occurredAt: occurred, suspended: [] }, t);
        if (shown) assert.ok(t >= occurred && t < addDuration(occurred, dur(max[sev])));
      },
    ),
  );
});
