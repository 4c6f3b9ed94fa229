import type { Duration } from '../domain/duration.ts';

/** The immutable, compiled form of one rulebook version. Everything the scorer walks. */

export type SubjectKind = 'person' | 'organization';
export type Severity = 'minor' | 'general' | 'serious';
export type ListKind = 'black' | 'red' | 'warning';
export type MeasureKind = 'sanction' | 'reward';
export type Bearer = 'person' | 'organization' | 'legal_representative' | 'actual_controller';
export type Sign = 'negative' | 'positive';

export interface Grade {
  readonly grade: string;
  readonly min: number;
}

export interface RepairTerms {
  readonly after: Duration;
  readonly requires: readonly string[];
  readonly notIfRepeatedWithin?: Duration;
}

/**
 * The Chinese texts of a rulebook element (`title: {en: …, zh: …}` in the document); `title`, `legalBasis` and
 * `reason` stay the English (or only) text, so every reader of them keeps working. A plain string is both languages.
 */
export interface ZhTexts {
  readonly title?: string;
  readonly legalBasis?: string;
  readonly reason?: string;
}

/** A text of a rulebook element in a reader's language: Chinese when given, else the one text. */
export function textIn(
  el: { readonly zh?: ZhTexts } & Partial<Record<'title' | 'legalBasis' | 'reason', string>>,
  field: keyof ZhTexts,
  lang: string,
): string | undefined {
  return (lang.startsWith('zh') ? el.zh?.[field] : undefined) ?? el[field];
}

export interface RecordType {
  readonly name: string;
  readonly title: string;
  readonly zh?: ZhTexts;
  readonly domain: string;
  readonly subjects: readonly SubjectKind[];
  readonly severity: Severity;
  readonly points: number;
  readonly countsFor: Duration;
  readonly retention: Duration;
  readonly public: boolean;
  readonly suspendWhileDisputed: boolean;
  readonly repair?: RepairTerms;
  /** Its own publication span within its severity tier; absent: the tier's default (see publication.ts). */
  readonly publish?: { readonly min: Duration; readonly max: Duration };
}

/** What a rule's condition sees of the record being scored. */
export interface RecordFacts {
  readonly type: string;
  readonly domain: string;
  readonly severity: string;
  readonly amount: number;
  readonly has_amount: boolean;
  readonly source: string;
  readonly culpability: string;
}

/** What conditions see of the subject. */
export interface SubjectFacts {
  readonly kind: SubjectKind;
  readonly sector: string;
  readonly region: string;
}

/** `history.count(pattern, window[, sign])`, bound to one evaluation. */
export interface HistoryView {
  count(pattern: string, window: string, sign?: Sign): number;
}

export type RuleCondition = (ctx: {
  record: RecordFacts;
  subject: SubjectFacts;
  history: HistoryView;
}) => boolean;
export type StateCondition = (ctx: {
  score: number;
  grade: string;
  subject: SubjectFacts;
  history: HistoryView;
}) => boolean;
export type MeasureCondition = (ctx: {
  score: number;
  grade: string;
  subject: SubjectFacts;
  lists: Readonly<Record<string, boolean>>;
}) => boolean;

export interface Rule {
  readonly id: string;
  readonly when: string;
  readonly points: number;
  readonly reason: string;
  readonly zh?: ZhTexts;
  readonly test: RuleCondition;
  /** Set when the condition can only hold for records of this type (it starts `record.type == "X" &&`). */
  readonly onlyType?: string;
}

export interface Escalation {
  readonly to: string;
  readonly after: Duration;
  readonly notice?: Duration;
}

export interface ListDef {
  readonly name: string;
  readonly kind: ListKind;
  readonly title: string;
  readonly zh?: ZhTexts;
  readonly legalBasis?: string;
  readonly enterOn: readonly string[];
  readonly enterWhen?: {
    readonly source: string;
    readonly test: StateCondition;
    readonly windows: readonly Duration[];
  };
  readonly notice?: Duration;
  readonly min?: Duration;
  readonly max?: Duration;
  readonly hold?: Duration;
  readonly public: { readonly organization: boolean; readonly person: boolean };
  readonly escalate?: Escalation;
}

/** Which inputs besides the lists a measure condition names. */
export interface ConditionReads {
  readonly score: boolean;
  readonly grade: boolean;
  readonly subject: boolean;
}

export interface MeasureDef {
  readonly name: string;
  readonly kind: MeasureKind;
  readonly title: string;
  readonly zh?: ZhTexts;
  readonly appliesWhen: {
    readonly source: string;
    readonly test: MeasureCondition;
    readonly lists: readonly string[];
    /** The condition reads score or grade: any negative record can move it. */
    readonly usesState: boolean;
    /** What of the subject's state and facts the condition reads: its answer changes with nothing else but lists. */
    readonly reads: ConditionReads;
  };
  readonly appliesTo: readonly Bearer[];
  readonly domains: readonly string[];
  readonly legalBasis?: string;
  readonly max?: Duration;
}

export interface Memorandum {
  readonly id: string;
  readonly fromDomains: readonly string[];
  readonly toMeasures: readonly string[];
  readonly legalBasis: string;
}

export interface Rulebook {
  readonly name: string;
  readonly version: string;
  /** sha-256 of the source text: the identity of this version. */
  readonly hash: string;
  readonly effectiveFrom: number;
  readonly objectionWindow: Duration;
  readonly reviewDeadline: Duration;
  readonly scale: { readonly base: number; readonly min: number; readonly max: number };
  /** Highest first. */
  readonly grades: readonly Grade[];
  readonly recordTypes: ReadonlyMap<string, RecordType>;
  readonly rules: readonly Rule[];
  readonly lists: ReadonlyMap<string, ListDef>;
  /** Lists in an order where an escalation source comes before its target. */
  readonly listOrder: readonly string[];
  readonly measures: ReadonlyMap<string, MeasureDef>;
  readonly memoranda: readonly Memorandum[];
  readonly propagation?: { readonly branchToParent: number; readonly onBehalfOf: number };
  /** Windows used by history.count in list conditions: the times when a condition may change. */
  readonly source: string;
}

export function gradeOf(rb: Rulebook, score: number): string {
  for (const g of rb.grades) if (score >= g.min) return g.grade;
  return rb.grades[rb.grades.length - 1]?.grade ?? '';
}
