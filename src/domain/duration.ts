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

/** The largest distance from the epoch a Date can hold (ECMA-262 TimeClip), in milliseconds. */
const MAX_TIME = 8.64e15;

/**
 * Adds (sign 1) or subtracts (sign −1) a duration: months and years on the calendar with the day clamped
 * to the end of the target month, then weeks and days as calendar days, then hours, minutes, seconds exactly.
 *
 * Done in integer arithmetic on days since the epoch (proleptic Gregorian, as Date counts them): the scorer
 * calls this for every record, window and change time, and two Date objects a call were a quarter of its time.
 * `addDurationByDate` is the same arithmetic on Date objects; a property test holds the two equal.
 */
export function addDuration(at: number, d: Duration, sign: 1 | -1 = 1): number {
  if (!Number.isInteger(at) || at > MAX_TIME || at < -MAX_TIME) return addDurationByDate(at, d, sign);
  const calendarDays = sign * (d.weeks * 7 + d.days);
  // Exact time is rounded to whole milliseconds so fractional seconds never leave float dust in instants.
  const exact = Math.round(sign * ((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000);
  const day = Math.floor(at / DAY);
  // UTC days are all DAY long, so the time of day is a plain remainder
  const timeOfDay = at - day * DAY;
  let shifted = day;
  if (d.years !== 0 || d.months !== 0) {
    const c = civilFromDays(day);
    const months = c.year * 12 + c.month + sign * (d.years * 12 + d.months);
    const year = Math.floor(months / 12);
    const month = months - year * 12;
    shifted = daysFromCivil(year, month, Math.min(c.day, daysInMonth(year, month)));
    if (Math.abs(shifted * DAY) > MAX_TIME) return Number.NaN;
  }
  return shifted * DAY + timeOfDay + calendarDays * DAY + exact;
}

/** addDuration on Date objects: the reference the arithmetic is tested against, and the path for odd instants. */
export function addDurationByDate(at: number, d: Duration, sign: 1 | -1 = 1): number {
  const date = new Date(at);
  const timeOfDay = ((at % DAY) + DAY) % DAY;
  const months = date.getUTCFullYear() * 12 + date.getUTCMonth() + sign * (d.years * 12 + d.months);
  const year = Math.floor(months / 12);
  const month = months - year * 12;
  const day = Math.min(date.getUTCDate(), daysInMonth(year, month));
  const shifted = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  shifted.setUTCFullYear(year, month, day);
  const calendarDays = sign * (d.weeks * 7 + d.days);
  const exact = Math.round(sign * ((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000);
  return shifted.getTime() + timeOfDay + calendarDays * DAY + exact;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Days in a month (0-based) of a proleptic Gregorian year. */
function daysInMonth(year: number, month: number): number {
  if (month !== 1) return MONTH_DAYS[month]!;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

// Days since 1970-01-01 from a civil date and back, after H. Hinnant's "chrono-compatible low-level date
// algorithms": eras of 400 years (146,097 days), the year counted from 1 March so that February ends it.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month < 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 10) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 2 : mp - 10;
  return { year: yoe + era * 400 + (month < 2 ? 1 : 0), month, day };
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
