import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  addDuration,
  addDurationByDate,
  compareDurations,
  type Duration,
  isZeroDuration,
  parseDuration,
} from './duration.js';
import { DAY, formatDate, formatInstant, parseInstant } from './time.js';

function dur(text: string): Duration {
  const r = parseDuration(text);
  if (r.value === undefined) assert.fail(`${text}: ${r.issues.map((i) => i.message).join('; ')}`);
  return r.value;
}

function at(text: string): number {
  const t = parseInstant(text);
  if (t === undefined) assert.fail(`bad instant ${text}`);
  return t;
}

function rejectedWith(input: unknown): string {
  const r = parseDuration(input);
  assert.equal(r.value, undefined, String(input));
  assert.equal(r.issues.length, 1);
  assert.equal(r.issues[0]!.path, '');
  return r.issues[0]!.message;
}

const PROPERTY_RUNS = { seed: 42, numRuns: 300 };
const instants = fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2150, 0, 1) });

describe('reading durations', () => {
  test('a rulebook period such as P1Y, P6M, P30D or P2W is read into its parts', () => {
    assert.deepEqual(dur('P1Y'), {
      years: 1,
      months: 0,
      weeks: 0,
      days: 0,
      hours: 0,
      minutes: 0,
      seconds: 0,
      text: 'P1Y',
    });
    assert.equal(dur('P6M').months, 6);
    assert.equal(dur('P30D').days, 30);
    assert.equal(dur('P2W').weeks, 2);
  });

  test('a duration with every part, including a time part, is read', () => {
    assert.deepEqual(dur('P1Y2M3W4DT5H6M7.5S'), {
      years: 1,
      months: 2,
      weeks: 3,
      days: 4,
      hours: 5,
      minutes: 6,
      seconds: 7.5,
      text: 'P1Y2M3W4DT5H6M7.5S',
    });
    assert.equal(dur('PT1,5H').hours, 1.5);
  });

  test('a zero-length period is a valid duration and recognised as zero', () => {
    assert.ok(isZeroDuration(dur('P0D')));
    assert.ok(isZeroDuration(dur('PT0S')));
    assert.ok(!isZeroDuration(dur('PT1S')));
    assert.ok(!isZeroDuration(dur('P1M')));
  });

  test('malformed text is refused with an example of what is expected', () => {
    for (const text of [
      '',
      'P',
      'PT',
      'P1DT',
      '1Y',
      'p1y',
      'P1y',
      ' P1D',
      'P1D ',
      'P1D2Y',
      'P1.5.5D',
      'forever',
      'P1YT',
    ]) {
      assert.equal(
        rejectedWith(text),
        `expected an ISO 8601 duration such as P1Y, P6M or P30D, got ${JSON.stringify(text)}`,
        text,
      );
    }
  });

  test('a negative period is refused', () => {
    assert.match(rejectedWith('-P1Y'), /negative/);
    assert.match(rejectedWith('P-1D'), /negative/);
  });

  test('fractional years, months, weeks or days are refused because they have no calendar meaning', () => {
    assert.match(rejectedWith('P1.5Y'), /years must be a whole number/);
    assert.match(rejectedWith('P0,5M'), /months must be a whole number/);
    assert.match(rejectedWith('P1.5W'), /weeks must be a whole number/);
    assert.match(rejectedWith('P1.5D'), /days must be a whole number/);
  });

  test('a value that is not text is refused with the expected form in the message', () => {
    for (const value of [30, null, undefined, true, {}, ['P1Y']]) {
      assert.match(rejectedWith(value), /^expected an ISO 8601 duration such as P1Y, P6M or P30D, got /);
    }
    assert.match(rejectedWith(30), /got number 30/);
  });

  test('an absurdly long number is refused rather than becoming infinity', () => {
    assert.match(rejectedWith(`P${'9'.repeat(400)}D`), /too large/);
  });
});

describe('adding durations on the calendar', () => {
  const cases: Array<[string, string, 1 | -1, string]> = [
    ['2024-02-29', 'P1Y', 1, '2025-02-28'],
    ['2026-08-31', 'P6M', 1, '2027-02-28'],
    ['2026-01-31', 'P1M', 1, '2026-02-28'],
    ['2024-01-31', 'P1M', 1, '2024-02-29'],
    ['2025-02-28', 'P1Y', -1, '2024-02-28'],
    ['2024-02-29', 'P4Y', 1, '2028-02-29'],
    ['2026-03-31', 'P1M', -1, '2026-02-28'],
    ['2026-01-15', 'P1Y', -1, '2025-01-15'],
    ['2026-11-30', 'P3M', 1, '2027-02-28'],
    ['2026-01-01', 'P14M', -1, '2024-11-01'],
    ['2026-02-28', 'P30D', 1, '2026-03-30'],
    ['2026-12-25', 'P2W', 1, '2027-01-08'],
    ['2027-03-01', 'P1D', -1, '2027-02-28'],
  ];
  for (const [from, d, sign, expected] of cases) {
    test(`${sign === 1 ? 'adding' : 'subtracting'} ${d} ${sign === 1 ? 'to' : 'from'} ${from} gives ${expected}`, () => {
      assert.equal(formatDate(addDuration(at(from), dur(d), sign)), expected);
    });
  }

  test('months are added before days, so P1M1D from 31 January ends on 1 March', () => {
    assert.equal(formatDate(addDuration(at('2026-01-31'), dur('P1M1D'))), '2026-03-01');
  });

  test('subtraction applies the parts in the same order: months first, then days', () => {
    // 31 March − 1 month = 28 February (clamped), then − 1 day = 27 February.
    assert.equal(formatDate(addDuration(at('2026-03-31'), dur('P1M1D'), -1)), '2026-02-27');
  });

  test('the time of day is kept across calendar arithmetic and hours are added exactly', () => {
    assert.equal(
      formatInstant(addDuration(at('2026-01-31T15:30:00Z'), dur('P1MT10H'))),
      '2026-03-01T01:30:00.000Z',
    );
    assert.equal(
      formatInstant(addDuration(at('2026-01-01T00:00:00Z'), dur('PT0.0015S'))),
      '2026-01-01T00:00:00.002Z',
    );
  });

  test('a time before 1970 keeps its time of day', () => {
    assert.equal(
      formatInstant(addDuration(at('1969-12-31T18:00:00Z'), dur('P1M'))),
      '1970-01-31T18:00:00.000Z',
    );
  });

  test('a period of years reaching back before year 100 stays in the right century', () => {
    assert.equal(formatDate(addDuration(at('2026-06-15'), dur('P1980Y'), -1)), '0046-06-15');
  });

  test('adding one day n times is the same as adding n days', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 0, max: 400 }), (t, n) => {
        const oneDay = dur('P1D');
        let stepped = t;
        for (let i = 0; i < n; i++) stepped = addDuration(stepped, oneDay);
        assert.equal(stepped, addDuration(t, dur(`P${n}D`)));
        assert.equal(stepped, t + n * DAY);
      }),
      PROPERTY_RUNS,
    );
  });

  test('a later start never gives an earlier end for a period in days or weeks', () => {
    const dayOnly = fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 1000 }));
    fc.assert(
      fc.property(instants, instants, dayOnly, fc.constantFrom<1 | -1>(1, -1), (a, b, [w, n], sign) => {
        const d = dur(`P${w}W${n}D`);
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        assert.ok(addDuration(lo, d, sign) <= addDuration(hi, d, sign));
      }),
      PROPERTY_RUNS,
    );
  });

  test('subtracting a period in days undoes adding it', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 0, max: 5000 }), (t, n) => {
        const d = dur(`P${n}DT${n % 24}H`);
        assert.equal(addDuration(addDuration(t, d), d, -1), t);
      }),
      PROPERTY_RUNS,
    );
  });

  test('adding months lands in the target month on the same day or its last day, never the month after', () => {
    fc.assert(
      fc.property(
        instants,
        fc.integer({ min: 0, max: 240 }),
        fc.constantFrom<1 | -1>(1, -1),
        (t, n, sign) => {
          const start = new Date(t);
          const end = new Date(addDuration(t, dur(`P${n}M`), sign));
          const target = start.getUTCFullYear() * 12 + start.getUTCMonth() + sign * n;
          assert.equal(end.getUTCFullYear() * 12 + end.getUTCMonth(), target);
          assert.ok(end.getUTCDate() <= 31);
          assert.ok(end.getUTCDate() <= start.getUTCDate());
          if (end.getUTCDate() < start.getUTCDate()) {
            // Clamped: the result must be the last day of its month.
            assert.equal(new Date(end.getTime() + DAY).getUTCDate(), 1);
          }
          const timeOfDay = (ms: number) => ((ms % DAY) + DAY) % DAY;
          assert.equal(timeOfDay(end.getTime()), timeOfDay(start.getTime()));
        },
      ),
      PROPERTY_RUNS,
    );
  });

  test('P1Y and P12M are the same period', () => {
    fc.assert(
      fc.property(instants, (t) => {
        assert.equal(addDuration(t, dur('P1Y')), addDuration(t, dur('P12M')));
      }),
      PROPERTY_RUNS,
    );
  });
});

describe('calendar arithmetic without Date objects', () => {
  // every instant a Date can hold, ending on any day of any month (leap days, month ends, before year 0)
  const anyInstant = fc.oneof(
    fc.integer({ min: -8.64e15, max: 8.64e15 }),
    fc.integer({ min: Date.UTC(1890, 0, 1), max: Date.UTC(2300, 0, 1) }),
    fc
      .tuple(
        fc.integer({ min: -2000, max: 3000 }),
        fc.integer({ min: 0, max: 11 }),
        fc.integer({ min: 28, max: 31 }),
      )
      .map(([y, m, d]) => {
        const t = new Date(0);
        t.setUTCFullYear(y, m, d);
        return t.getTime() - 1;
      }),
  );
  const anyDuration = fc
    .record({
      years: fc.integer({ min: 0, max: 500 }),
      months: fc.integer({ min: 0, max: 40 }),
      weeks: fc.integer({ min: 0, max: 60 }),
      days: fc.integer({ min: 0, max: 2000 }),
      hours: fc.integer({ min: 0, max: 50 }),
      minutes: fc.integer({ min: 0, max: 90 }),
      seconds: fc.double({ min: 0, max: 100, noNaN: true }),
    })
    .map((p) => ({ ...p, text: 'generated' }));

  test('agrees with the same arithmetic on Date objects for any instant, duration and sign', () => {
    fc.assert(
      fc.property(anyInstant, anyDuration, fc.constantFrom<1 | -1>(1, -1), (t, d, sign) => {
        assert.equal(addDuration(t, d, sign), addDurationByDate(t, d, sign));
      }),
      { seed: 7, numRuns: 20_000 },
    );
  });

  test('a date pushed past the last day a Date can hold is no date, as with Date objects', () => {
    const end = 8.64e15; // +275760-09-13, the last day a Date can hold
    assert.ok(Number.isNaN(addDuration(end, dur('P1Y'))));
    assert.ok(Number.isNaN(addDurationByDate(end, dur('P1Y'))));
    assert.ok(Number.isNaN(addDuration(Number.NaN, dur('P1D'))));
  });
});

describe('comparing durations', () => {
  test('a month is shorter than 30 days from February and longer from a 31-day month', () => {
    assert.equal(compareDurations(dur('P1M'), dur('P30D'), at('2026-02-01')), -1);
    assert.equal(compareDurations(dur('P1M'), dur('P30D'), at('2026-01-01')), 1);
    assert.equal(compareDurations(dur('P1M'), dur('P30D'), at('2026-04-01')), 0);
  });

  test('a year and twelve months compare equal, and a longer period compares greater', () => {
    const from = at('2024-02-29');
    assert.equal(compareDurations(dur('P1Y'), dur('P12M'), from), 0);
    assert.equal(compareDurations(dur('P2Y'), dur('P1Y'), from), 1);
    assert.equal(compareDurations(dur('P3D'), dur('P1W'), from), -1);
  });
});
