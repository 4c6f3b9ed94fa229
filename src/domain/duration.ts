// ISO 8601 durations with calendar arithmetic in UTC. Periods in the rulebook ("listed for P1Y")
// are calendar periods: a year from 29 February ends on 28 February, not 365 days later.
import { parse } from 'tinyduration';
import type { Issue } from './errors.js';
import { DAY } from './time.js';

export interface Duration {
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
  /** The text it was parsed from, kept so messages and records show what the author wrote. */
  readonly text: string;
}

// tinyduration's own pattern is unanchored and allows signed components ("P1DT", " P1D", "P-1D"),
// so the shape is checked here first; tinyduration then reads the numbers.
const NUM = '\\d+(?:[.,]\\d+)?';
const SHAPE = new RegExp(
  `^P(?:${NUM}Y)?(?:${NUM}M)?(?:${NUM}W)?(?:${NUM}D)?(?:T(?:${NUM}H)?(?:${NUM}M)?(?:${NUM}S)?)?$`,
);

/** Parses an ISO 8601 duration such as P1Y, P6M, P30D or PT12H; negative and fractional calendar parts are refused. */
export function parseDuration(
  text: unknown,
): { value: Duration; issues: [] } | { value?: undefined; issues: Issue[] } {
  if (typeof text !== 'string') return invalid(describe(text));
  const shown = JSON.stringify(text);
  if (text.includes('-')) {
    return invalid(shown, `negative durations are not allowed, got ${shown}`);
  }
  if (!SHAPE.test(text) || text === 'P' || text.endsWith('T')) return invalid(shown);
  let raw: ReturnType<typeof parse>;
  try {
    raw = parse(text);
  } catch {
    return invalid(shown);
  }
  const d: Duration = {
    years: raw.years ?? 0,
    months: raw.months ?? 0,
    weeks: raw.weeks ?? 0,
    days: raw.days ?? 0,
    hours: raw.hours ?? 0,
    minutes: raw.minutes ?? 0,
    seconds: raw.seconds ?? 0,
    text,
  };
  for (const part of ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds'] as const) {
    if (!Number.isFinite(d[part])) return invalid(shown, `${part} is too large in ${shown}`);
  }
  // Calendar parts must be whole: half a month has no calendar meaning, and half a day is ambiguous
  // (12 hours or a calendar half?) — write PT12H instead.
  for (const part of ['years', 'months', 'weeks', 'days'] as const) {
    if (!Number.isInteger(d[part])) {
      return invalid(shown, `${part} must be a whole number in ${shown}; write smaller units instead`);
    }
  }
  return { value: d, issues: [] };
}

function invalid(shown: string, message?: string): { issues: Issue[] } {
  return {
    issues: [
      {
        path: '',
        code: 'duration.invalid',
        message: message ?? `expected an ISO 8601 duration such as P1Y, P6M or P30D, got ${shown}`,
      },
    ],
  };
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return `a value of type ${Array.isArray(value) ? 'array' : typeof value}`;
}

/**
 * Adds (sign 1) or subtracts (sign −1) a duration: months and years on the calendar with the day clamped
 * to the end of the target month, then weeks and days as calendar days, then hours, minutes, seconds exactly.
 */
export function addDuration(at: number, d: Duration, sign: 1 | -1 = 1): number {
  const date = new Date(at);
  // UTC days are all DAY long, so the time of day is a plain remainder (kept non-negative before 1970).
  const timeOfDay = ((at % DAY) + DAY) % DAY;
  const months = date.getUTCFullYear() * 12 + date.getUTCMonth() + sign * (d.years * 12 + d.months);
  const year = Math.floor(months / 12);
  const month = months - year * 12;
  const day = Math.min(date.getUTCDate(), daysInMonth(year, month));
  const shifted = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  shifted.setUTCFullYear(year, month, day);
  const calendarDays = sign * (d.weeks * 7 + d.days);
  // Exact time is rounded to whole milliseconds so fractional seconds never leave float dust in instants.
  const exact = Math.round(sign * ((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000);
  return shifted.getTime() + timeOfDay + calendarDays * DAY + exact;
}

function daysInMonth(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month + 1, 0);
  return d.getUTCDate();
}

/** True when every component of the duration is zero (e.g. P0D). */
export function isZeroDuration(d: Duration): boolean {
  return (
    d.years === 0 &&
    d.months === 0 &&
    d.weeks === 0 &&
    d.days === 0 &&
    d.hours === 0 &&
    d.minutes === 0 &&
    d.seconds === 0
  );
}

/** Orders two durations by where they end when both start at `from` (−1, 0 or 1); P1M and P30D can tie or not. */
export function compareDurations(a: Duration, b: Duration, from: number): number {
  return Math.sign(addDuration(from, a) - addDuration(from, b));
}
