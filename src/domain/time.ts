// Instants are epoch milliseconds in UTC. Parsing is strict on purpose: Date.parse accepts many
// zone-less and locale-shaped strings whose meaning depends on the host, which a registry must not.

/** One calendar day in milliseconds (UTC has no daylight-saving shifts). */
export const DAY = 86_400_000;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses `YYYY-MM-DD` (00:00 UTC) or an ISO 8601 date-time with a zone (`Z` or `±HH:MM`); undefined if malformed. */
export function parseInstant(text: string): number | undefined {
  if (typeof text !== 'string') return undefined;
  const d = DATE_ONLY.exec(text);
  if (d) return utc(Number(d[1]), Number(d[2]), Number(d[3]));
  const t = DATE_TIME.exec(text);
  if (!t) return undefined;
  const day = utc(Number(t[1]), Number(t[2]), Number(t[3]));
  if (day === undefined) return undefined;
  const h = Number(t[4]);
  const min = Number(t[5]);
  const s = t[6] === undefined ? 0 : Number(t[6]);
  // Sub-millisecond digits are dropped, not rounded, so an instant never moves into the next second.
  const ms = t[7] === undefined ? 0 : Number(t[7].slice(0, 3).padEnd(3, '0'));
  // No leap second (:60) and no 24:00: both have other spellings and would make equality ambiguous.
  if (h > 23 || min > 59 || s > 59) return undefined;
  const offset = zoneOffsetMinutes(t[8]!);
  if (offset === undefined) return undefined;
  return day + ((h * 60 + min - offset) * 60 + s) * 1000 + ms;
}

function zoneOffsetMinutes(zone: string): number | undefined {
  if (zone === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const h = Number(zone.slice(1, 3));
  const m = Number(zone.slice(4, 6));
  if (h > 23 || m > 59) return undefined;
  return sign * (h * 60 + m);
}

function utc(year: number, month: number, day: number): number | undefined {
  if (month < 1 || month > 12 || day < 1) return undefined;
  const d = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  d.setUTCFullYear(year, month - 1, day);
  // A day past the end of the month rolls over; a real date survives the round trip.
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return d.getTime();
}

/** Formats an instant as ISO 8601 UTC, e.g. `2027-03-01T00:00:00.000Z`. */
export function formatInstant(ms: number): string {
  // the same instant is often formatted many times in a row (every check of a group is asked at one moment)
  if (ms === lastFormatted.ms) return lastFormatted.text;
  const text = new Date(ms).toISOString();
  lastFormatted.ms = ms;
  lastFormatted.text = text;
  return text;
}
const lastFormatted = { ms: Number.NaN, text: '' };

/** Formats the UTC calendar date of an instant, e.g. `2027-03-01`. */
export function formatDate(ms: number): string {
  const iso = new Date(ms).toISOString();
  // Cut at the T rather than at 10 characters: years past 9999 are written with six digits and a sign.
  return iso.slice(0, iso.indexOf('T'));
}
