import type { SubjectFacts, SubjectKind } from './rulebook.model.ts';

/** What the pure scorer needs of the ledger: records with their status history already folded in. */

export interface Interval {
  readonly from: number;
  /** Exclusive; Infinity while open. */
  readonly to: number;
}

/** A period in which a record does not count, and why. */
export interface Suspension extends Interval {
  readonly why?: 'disputed' | 'review_overdue';
}

/** The moment the registry first knew a record (see LedgerRecord.knownAt). */
export function knownAtOf(r: Pick<LedgerRecord, 'occurredAt' | 'knownAt'>): number {
  return Math.max(r.occurredAt, r.knownAt ?? r.occurredAt);
}

export interface LedgerRecord {
  /** Unique in the registry: `source/id`. */
  readonly key: string;
  /** The source's own id. */
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly occurredAt: number;
  /**
   * When the registry first knew the record as it now reads: when it was recorded, or when a correction changed
   * its type or date. No adverse list entry can be warned before then (DESIGN §5). Absent: known when it occurred.
   */
  readonly knownAt?: number;
  readonly amount?: number;
  readonly onBehalfOf?: string;
  readonly culpability?: string;
  readonly legalBasis: string;
  /** When a reviewer annulled it: it never counted (scores), and list entries it grounded end then. */
  readonly annulledAt?: number;
  /** When a repair was approved: it stops counting from then. */
  readonly repairedAt?: number;
  /** Periods in which it does not count: a dispute of a suspend_while_disputed type, an overdue review. */
  readonly suspended: readonly Suspension[];
}

export interface SubjectRef {
  /** The registry reference shown to people: the USCI for organizations, `P…` for persons. */
  readonly ref: string;
  readonly kind: SubjectKind;
  readonly facts: SubjectFacts;
}

/** One subject's file as the scorer sees it, with the other subjects whose records propagate to it. */
export interface SubjectFile {
  readonly subject: SubjectRef;
  readonly records: readonly LedgerRecord[];
  /** Branches (transitively): their own records count for this subject × branch_to_parent^depth. */
  readonly branches: readonly {
    readonly subject: SubjectRef;
    readonly depth: number;
    readonly path: readonly string[];
    readonly records: readonly LedgerRecord[];
  }[];
  /** Persons with records on behalf of this organization (all their records, for their history): only a person's
   * record counts for the organization it names (DESIGN §3.4). */
  readonly agents: readonly { readonly subject: SubjectRef; readonly records: readonly LedgerRecord[] }[];
}
