/**
 * Storage for monitoring: a consumer's watches over subjects and measures, the answer last notified for each
 * (subject, measure) of a watch, and the durable feed of changes. Tables that grow with the population are keyed
 * by subject first; the feed is keyed by its cursor.
 */

export interface WatchRow {
  readonly id: string;
  /** Who watches: the actor that created it (`token:<id>`); the feed and notices are for it alone. */
  readonly owner: string;
  /** The watcher as the watched subjects see it (the token's label and role). */
  readonly label: string;
  readonly purpose: string;
  /** JSON array of measure names. */
  readonly measures: string;
  readonly created_at: number;
  readonly expires_at: number;
  /** When the watcher ended it; null while it stands (until its expiry). */
  readonly deleted_at: number | null;
}

/** One watched (subject, measure) of a watch, with the answer last notified (the baseline at creation). */
export interface WatchSubjectRow {
  readonly subject_id: number;
  readonly watch_id: string;
  readonly measure: string;
  readonly applies: number;
  readonly until: number | null;
  /** JSON array of decision ids. */
  readonly decisions: string;
  readonly answered_at: number;
}

/** A watched answer that changed: one item of the feed, in cursor order, never updated. */
export interface WatchChangeRow {
  /** The cursor: increases with every change appended, in commit order. */
  readonly seq: number;
  readonly owner: string;
  readonly watch_id: string;
  readonly subject_id: number;
  readonly measure: string;
  readonly at: number;
  /** JSON: `{ before: {applies, until, decisions}, after: {…}, check, notice, subject }`. */
  readonly body: string;
}

export interface WatchesTx {
  insertWatch(row: WatchRow, subjects: readonly WatchSubjectRow[]): Promise<void>;
  /** The owner's watches, newest first (ended and expired ones too). */
  watchesOf(owner: string): Promise<WatchRow[]>;
  watchById(id: string): Promise<WatchRow | undefined>;
  endWatch(id: string, at: number): Promise<void>;
  /** The (subject, measure) rows of one watch. */
  watchSubjectsOf(watchId: string): Promise<WatchSubjectRow[]>;
  /**
   * The watched (subject, measure) rows of these subjects under watches standing at `now` (not ended, not
   * expired), with their watch: one indexed query, the derivation's hot path.
   */
  standingWatchesOn(
    subjectIds: readonly number[],
    now: number,
  ): Promise<{ row: WatchSubjectRow; watch: WatchRow }[]>;
  /** Every watch ever placed on a subject, with the measures watched on it (for the subject's file). */
  watchesOnSubject(subjectId: number): Promise<{ watch: WatchRow; measures: string[] }[]>;
  updateWatchAnswer(row: WatchSubjectRow): Promise<void>;
  /** Serialises appends to the feed across processes until commit, so that cursors commit in order. */
  lockWatchChanges(): Promise<void>;
  /** Appends changes; returns them with their cursors. */
  appendWatchChanges(rows: readonly Omit<WatchChangeRow, 'seq'>[]): Promise<WatchChangeRow[]>;
  /** The owner's changes after a cursor, in cursor order. */
  watchChangesAfter(owner: string, after: number, limit: number): Promise<WatchChangeRow[]>;
}

// The Store port includes these operations (an interface merged into ports.store.ts's Tx, kept in its own file).
declare module './ports.store.ts' {
  interface Tx extends WatchesTx {}
}
