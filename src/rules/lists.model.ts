import { addDuration, type Duration } from '../domain/duration.ts';
import type { ListDef, ListKind, Rulebook } from './rulebook.model.ts';

/** Why a subject is on a list: the records, the condition and its values, or an escalation. */
export type Grounds =
  | { readonly kind: 'records'; readonly records: readonly string[] }
  | { readonly kind: 'condition'; readonly condition: string; readonly score: number; readonly grade: string }
  | { readonly kind: 'escalation'; readonly from: string; readonly list: string };

export type ExitReason = 'max' | 'repair' | 'annulled' | 'suspended' | 'condition' | 'escalated' | 'open';

/**
 * A list entry — a decision (DESIGN §5). Membership at t is `since <= t < until` of a non-lapsed entry,
 * derived from the ledger and dates; a lapsed entry is a warning whose cause was gone when the notice ended.
 */
export interface ListEntry {
  readonly decision: string;
  readonly list: string;
  readonly kind: ListKind;
  readonly title: string;
  readonly grounds: Grounds;
  readonly rulebook: { readonly name: string; readonly version: string; readonly hash: string };
  readonly legalBasis: string;
  readonly warnedAt: number;
  readonly since: number;
  readonly until: number;
  readonly exit: ExitReason;
  readonly earliestRepair?: number;
  readonly lapsed: boolean;
  readonly public: boolean;
  /**
   * The decision this entry continues after its grounds were suspended (a dispute, an overdue review) and the
   * suspension ended: the subject was warned for the first one, so no new warning is given.
   */
  readonly resumes?: string;
  /** Why the entry ended early when its grounds stopped counting for a while (`exit: 'suspended'`). */
  readonly suspendedWhy?: string;
}

/** Black and warning lists are adverse: no entry before its notice, counted from when the registry knew. */
export function isAdverse(kind: ListKind): boolean {
  return kind !== 'red';
}

export function plus(t: number, d: Duration | undefined): number {
  return d ? addDuration(t, d) : t;
}

/** Builds a list entry (a decision) from its list, rulebook, grounds and dates. */
/** Makes a subject's list entries (an object, not a closure: a derivation makes one for every subject). */
export interface Make {
  make(
    l: ListDef,
    rb: Rulebook,
    g: Grounds,
    warnedAt: number,
    since: number,
    until: number,
    exit: ExitReason,
    lapsed: boolean,
    extra?: Pick<ListEntry, 'resumes' | 'suspendedWhy'>,
  ): ListEntry;
}
