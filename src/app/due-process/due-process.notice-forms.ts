// The stored forms of notice format 1 (rendered by due-process.notice-v1.ts): short keys, since they are stored
// once a notice. Like the renderer, they never change; a new form is a new format.
import type { Grounds } from '../../rules/lists.model.ts';

/** What a notice says: what happened, why, on what legal basis, what the recipient can do and by when. */
export interface NoticeBody {
  readonly title: string;
  /** The title in Chinese, when the rulebook gives the texts it names in Chinese. */
  readonly title_zh?: string;
  readonly legal_basis_zh?: string;
  readonly reasons: readonly string[];
  readonly legal_basis: string;
  readonly options: readonly {
    readonly action: string;
    readonly until?: string | null;
    readonly from?: string | null;
  }[];
  readonly refs: Readonly<Record<string, unknown>>;
}

/** An instant as stored: epoch milliseconds; null where JSON cannot hold it (an open end). */
export type Stored = number | null;

/** Grounds as stored: the records' keys alone when they are records, else the grounds as they are. */
export type StoredGrounds = readonly string[] | Exclude<Grounds, { kind: 'records' }>;

/** A record that costs points (`record.adverse`). */
export interface RecordV1 {
  readonly v: 1;
  readonly t: 'record';
  /** The rulebook version in force when the notice was written, by hash: the type's texts. */
  readonly rb: string;
  readonly s: string;
  readonly r: string;
  readonly ty: string;
  readonly o: Stored;
  /** The record's own legal basis. */
  readonly lb: string;
  readonly p: number;
  /** Counts until; objection until; repair from (only when the type can be repaired). */
  readonly cu: Stored;
  readonly ou: Stored;
  readonly rf?: Stored;
}

/** A list decision's warning, entry or exit (`list.<event>`; the event is the kind's second part). */
export interface ListV1 {
  readonly v: 1;
  readonly t: 'list';
  /** The rulebook version in force when the notice was written: Chinese texts, and the texts not stored. */
  readonly rb: string;
  readonly d: string;
  readonly l: string;
  /** The list's title and legal basis as the decision states them, only where the rulebook's differ. */
  readonly ti?: string;
  readonly lb?: string;
  readonly g: StoredGrounds;
  readonly s: Stored;
  readonly u: Stored;
  readonly er?: Stored;
  readonly ou?: Stored;
}

/** A list entry that reaches a person through a role (`bearer.<event>`). */
export interface BearerV1 {
  readonly v: 1;
  readonly t: 'bearer';
  readonly rb: string;
  /** The organization as named in the notice, the role, the measures borne. */
  readonly o: string;
  readonly ro: string;
  readonly ms: readonly string[];
  readonly d: string;
  readonly l: string;
  readonly ti?: string;
  readonly lb?: string;
  readonly g: StoredGrounds;
  /** The entry's start; the bearer's own span; the event's instant. */
  readonly s: Stored;
  readonly fr: number;
  readonly un: Stored;
  readonly at: number;
  readonly ou?: Stored;
  readonly er?: number;
}

export interface GradeV1 {
  readonly v: 1;
  readonly t: 'grade';
  readonly rb: string;
  readonly f: string;
  readonly to: string;
  readonly sc: number;
  readonly ou: Stored;
}

/** Objections, repairs and corrections: their texts are made by the case's use case and stored as given. */
export interface CaseV1 {
  readonly v: 1;
  readonly t: 'case';
  readonly ti: string;
  readonly re: string;
  readonly rf: Readonly<Record<string, unknown>>;
}

export interface CorrectionV1 {
  readonly v: 1;
  readonly t: 'correction';
  readonly d: string;
  readonly m: string;
  /** When the decision stops standing. */
  readonly e: Stored;
  /** The decisions on which the measure still applies from then on; absent in corrections written before. */
  readonly k?: readonly string[];
}

/** An answer as a watch notice states it. */
export interface WatchedAnswer {
  readonly applies: boolean;
  readonly until: string | null;
  readonly decisions: readonly string[];
}

export interface WatchV1 {
  readonly v: 1;
  readonly t: 'watch';
  readonly s: string;
  readonly n: string;
  readonly w: string;
  readonly m: string;
  readonly b: WatchedAnswer;
  readonly a: WatchedAnswer;
  readonly c: string;
}

export type CompactV1 = RecordV1 | ListV1 | BearerV1 | GradeV1 | CaseV1 | CorrectionV1 | WatchV1;
