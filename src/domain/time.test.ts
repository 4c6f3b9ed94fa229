import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { DAY, formatDate, formatInstant, parseInstant } from './time.js';

describe('reading instants', () => {
  test('a plain date means midnight UTC of that day', () => {
    assert.equal(parseInstant('2027-03-01'), Date.UTC(2027, 2, 1));
    assert.equal(parseInstant('1970-01-01'), 0);
  });

  test('a date-time in UTC is read exactly, with or without seconds and fractions', () => {
    assert.equal(parseInstant('2026-05-04T10:20:30.123Z'), Date.UTC(2026, 4, 4, 10, 20, 30, 123));
    assert.equal(parseInstant('2026-05-04T10:20:30Z'), Date.UTC(2026, 4, 4, 10, 20, 30));
    assert.equal(parseInstant('2026-05-04T10:20Z'), Date.UTC(2026, 4, 4, 10, 20));
    assert.equal(parseInstant('2026-05-04T10:20:30.5Z'), Date.UTC(2026, 4, 4, 10, 20, 30, 500));
    assert.equal(parseInstant('2026-05-04T10:20:30.123999Z'), Date.UTC(2026, 4, 4, 10, 20, 30, 123));
  });

  test('a Beijing-time date-time is converted to UTC', () => {
    assert.equal(parseInstant('2026-01-01T08:00:00+08:00'), Date.UTC(2026, 0, 1, 0, 0, 0));
    assert.equal(parseInstant('2026-01-01T00:00:00+08:00'), Date.UTC(2025, 11, 31, 16, 0, 0));
    assert.equal(parseInstant('2025-12-31T19:00:00-05:00'), Date.UTC(2026, 0, 1, 0, 0, 0));
  });

  test('dates that do not exist on the calendar are rejected', () => {
    for (const text of ['2026-02-30', '2026-02-29', '2025-04-31', '2026-13-01', '2026-00-10', '2026-01-00']) {
      assert.equal(parseInstant(text), undefined, text);
    }
    assert.equal(parseInstant('2026-02-30T00:00:00Z'), undefined);
  });

  test('a leap day is accepted in a leap year', () => {
    assert.equal(parseInstant('2024-02-29'), Date.UTC(2024, 1, 29));
    assert.equal(parseInstant('2000-02-29'), Date.UTC(2000, 1, 29));
    assert.equal(parseInstant('1900-02-29'), undefined);
  });

  test('impossible times of day and zone offsets are rejected', () => {
    for (const text of [
      '2026-01-01T24:00:00Z',
      '2026-01-01T23:60:00Z',
      '2026-01-01T23:59:60Z',
      '2026-01-01T10:00:00+24:00',
      '2026-01-01T10:00:00+08:60',
    ]) {
      assert.equal(parseInstant(text), undefined, text);
    }
  });

  test('a date-time without a zone is rejected, because its meaning would depend on the host', () => {
    assert.equal(parseInstant('2026-01-01T00:00:00'), undefined);
    assert.equal(parseInstant('2026-01-01T00:00'), undefined);
  });

  test('other formats that Date.parse would accept are rejected', () => {
    for (const text of [
      '',
      '2026',
      '2026-01',
      '2026-1-1',
      '2026/01/01',
      '01/02/2026',
      'March 1, 2027',
      'Mon, 01 Mar 2027 00:00:00 GMT',
      '2026-01-01 00:00:00Z',
      '2026-01-01t00:00:00z',
      '2026-01-01T00:00:00+0800',
      '2026-01-01T00:00:00+08',
      ' 2026-01-01',
      '2026-01-01 ',
      '+002026-01-01',
      '20260101',
    ]) {
      assert.equal(parseInstant(text), undefined, text);
    }
  });

  test('years before 100 are not shifted into the twentieth century', () => {
    const t = parseInstant('0050-06-15');
    assert.ok(t !== undefined);
    assert.equal(new Date(t).getUTCFullYear(), 50);
    assert.equal(formatDate(t), '0050-06-15');
  });

  test('a non-string is rejected rather than coerced', () => {
    assert.equal(parseInstant(20260101 as unknown as string), undefined);
    assert.equal(parseInstant(undefined as unknown as string), undefined);
  });
});

describe('writing instants', () => {
  test('an instant is written as an ISO 8601 UTC timestamp', () => {
    assert.equal(formatInstant(Date.UTC(2027, 2, 1)), '2027-03-01T00:00:00.000Z');
  });

  test('a date is written as the UTC calendar day', () => {
    assert.equal(formatDate(Date.UTC(2027, 2, 1, 23, 59, 59, 999)), '2027-03-01');
  });

  test('a day is 86 400 000 milliseconds', () => {
    assert.equal(DAY, 24 * 60 * 60 * 1000);
  });

  test('writing then reading an instant gives it back', () => {
    const range = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) });
    fc.assert(
      fc.property(range, (ms) => {
        assert.equal(parseInstant(formatInstant(ms)), ms);
        const day = parseInstant(formatDate(ms));
        assert.equal(day, ms - (((ms % DAY) + DAY) % DAY));
      }),
      { seed: 20260101 },
    );
  });
});
