import { addDuration, type Duration, isZeroDuration, parseDuration } from '../domain/duration.ts';
import type { LedgerRecord } from './ledger.model.ts';
import type { RecordType, Severity } from './rulebook.model.ts';

/**
 * National publication tiers (NDRC Order No. 36, in force since 2026-04-01): severity decides whether and how long
 * a record is published. A record type may narrow its span with `publish: {min, max}` inside its tier; without it
 * the tier's default applies: minor → not published, general → 3 months to 1 year, serious → 1 to 3 years.
 * `min` is when publication may end early by repair; `max` is when it ends in any case.
 */
export interface PublicationTerms {
  readonly min: Duration;
  readonly max: Duration;
}

const d = (text: string): Duration => parseDuration(text).value!;

export interface Tier {
  readonly severity: Severity;
  /** The bounds a type's own `publish` must stay within. */
  readonly lowest: Duration;
  readonly highest: Duration;
  /** What applies when the type sets no `publish`. */
  readonly byDefault: PublicationTerms;
  readonly description: string;
}

export const PUBLICATION_TIERS: Readonly<Record<Severity, Tier>> = {
  minor: {
    severity: 'minor',
    lowest: d('P0D'),
    highest: d('P3M'),
    byDefault: { min: d('P0D'), max: d('P0D') },
    description: 'not published (at most 3 months)',
  },
  general: {
    severity: 'general',
    lowest: d('P3M'),
    highest: d('P1Y'),
    byDefault: { min: d('P3M'), max: d('P1Y') },
    description: 'published from 3 months up to 1 year',
  },
  serious: {
    severity: 'serious',
    lowest: d('P1Y'),
    highest: d('P3Y'),
    byDefault: { min: d('P1Y'), max: d('P3Y') },
    description: 'published from 1 up to 3 years',
  },
};

const length = (x: Duration) => addDuration(0, x);

/** Why `terms` break the tier of `severity`, for each of min and max; empty when they fit. */
export function tierProblems(
  severity: Severity,
  terms: { min?: Duration; max: Duration },
): { field: 'min' | 'max'; message: string }[] {
  const tier = PUBLICATION_TIERS[severity];
  const out: { field: 'min' | 'max'; message: string }[] = [];
  const range = `${tier.lowest.text}–${tier.highest.text}`;
  const check = (field: 'min' | 'max', x: Duration) => {
    if (length(x) < length(tier.lowest) || length(x) > length(tier.highest))
      out.push({
        field,
        message: `${x.text} is outside the ${severity} tier (${tier.description}): ${field} must lie within ${range}`,
      });
  };
  if (terms.min) check('min', terms.min);
  check('max', terms.max);
  if (terms.min && length(terms.min) > length(terms.max))
    out.push({ field: 'min', message: `must not exceed max (${terms.max.text})` });
  return out;
}

/** The publication terms of a type: its own `publish`, or its tier's default. */
export function publicationTerms(type: Pick<RecordType, 'severity' | 'publish'>): PublicationTerms {
  return type.publish ?? PUBLICATION_TIERS[type.severity].byDefault;
}

export interface PublicationSpan {
  /** Publication starts when the conduct occurred… */
  readonly from: number;
  /** …and ends, exclusive, at `max` after it. */
  readonly until: number;
  /** From when a repair may end publication early. */
  readonly repairableFrom: number;
}

/**
 * The span [occurred_at, occurred_at + max) in which a record of this type may be shown to the public, or undefined
 * when it is never published (not public, or a minor record without its own `publish`). Counting from
 * `occurred_at` means a record reported late is never published longer after the conduct than its tier allows.
 */
export function publicationSpan(
  type: Pick<RecordType, 'severity' | 'publish' | 'public'>,
  rec: Pick<LedgerRecord, 'occurredAt'>,
): PublicationSpan | undefined {
  if (!type.public) return undefined;
  const terms = publicationTerms(type);
  if (isZeroDuration(terms.max)) return undefined;
  return {
    from: rec.occurredAt,
    until: addDuration(rec.occurredAt, terms.max),
    repairableFrom: addDuration(rec.occurredAt, terms.min),
  };
}

/**
 * Whether a record may be shown to the public at `t`: inside its publication span, and not annulled, repaired
 * or suspended by then (as the registry knew it at `t`).
 */
export function isPublishedAt(
  type: Pick<RecordType, 'severity' | 'publish' | 'public'>,
  rec: Pick<LedgerRecord, 'occurredAt' | 'annulledAt' | 'repairedAt' | 'suspended'>,
  t: number,
): boolean {
  const span = publicationSpan(type, rec);
  if (!span || t < span.from || t >= span.until) return false;
  if (rec.annulledAt !== undefined && rec.annulledAt <= t) return false;
  if (rec.repairedAt !== undefined && rec.repairedAt <= t) return false;
  return !rec.suspended.some((s) => s.from <= t && t < s.to);
}
