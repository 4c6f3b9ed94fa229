import type { LedgerJournal, LedgerTable } from '../audit/audit.ledger.ts';
import type { IndexQuery, SearchEntry } from '../search/search.normalize.ts';
import type { DueProcessTx } from './ports.due-process.ts';

/**
 * The Store port: what the use cases need of a registry database. Owned by the core; SQLite and PostgreSQL
 * implement it (src/store/*). Times are epoch milliseconds; JSON columns are strings.
 */

export type SubjectKindRow = 'person' | 'organization';

/** A row of the public search index with its tier for the query asked (0 best; null: not a ranked match). */
export interface SearchHit extends SearchEntry {
  readonly tier: number | null;
}

/** Where a page of ranked search results ends: its last row's sort key. */
export interface SearchCursor {
  readonly tier: number;
  readonly len: number;
  readonly key: string;
  readonly id: number;
}

export interface SubjectRow {
  readonly id: number;
  readonly kind: SubjectKindRow;
  readonly usci: string | null;
  readonly id_hash: string | null;
  readonly name: string;
  readonly parent_id: number | null;
  readonly created_at: number;
}

export interface RelationRow {
  readonly org_id: number;
  readonly role: 'legal_representative' | 'actual_controller';
  readonly person_id: number;
}

/** A registry fact (DESIGN §2): what an organization or a person is called, and who stands in which relation. */
export type RegistryFactKind = 'name' | 'parent' | 'legal_representative' | 'actual_controller';

/**
 * One dated registry fact, appended and never updated: from `effective_at` the subject's `fact` is `value`
 * (a name) or `related_id` (the parent organization, or the person in the role; null: none from then on).
 */
export interface RegistryFactRow {
  /** The subject the fact is about: the organization (or the person, for a person's name). */
  readonly subject_id: number;
  readonly seq: number;
  readonly fact: RegistryFactKind;
  readonly value: string | null;
  readonly related_id: number | null;
  readonly effective_at: number;
  readonly recorded_at: number;
  /** Who recorded it (`token:<id>`, `cli`, `migration`…). */
  readonly actor: string;
  /** The source whose token recorded it, when a source did. */
  readonly source: string | null;
}

/** Who stood in a relation to an organization over [from, to): its parent, legal representative or actual controller. */
export interface RelationSpan {
  readonly org_id: number;
  readonly role: 'parent' | 'legal_representative' | 'actual_controller';
  /** The parent organization or the person. */
  readonly related_id: number;
  readonly from: number;
  /** Exclusive end; null while it still holds. */
  readonly to: number | null;
}

export interface SourceRow {
  readonly id: string;
  readonly name: string;
  /** JSON array of domains. */
  readonly domains: string;
  readonly created_at: number;
}

export interface RecordRow {
  readonly subject_id: number;
  readonly seq: number;
  readonly source: string;
  readonly record_id: string;
  readonly type: string;
  readonly occurred_at: number;
  readonly recorded_at: number;
  readonly legal_basis: string;
  /** JSON array of document references. */
  readonly evidence: string;
  readonly amount: number | null;
  readonly on_behalf_of: number | null;
  readonly culpability: string | null;
  readonly note: string | null;
  readonly content_hash: string;
}

/**
 * A record as a derivation reads it: every column but the evidence and the note, which nothing derived depends on
 * (the score, the lists, the marks and the decisions' inputs read the rest).
 */
export type LedgerRow = Omit<RecordRow, 'evidence' | 'note'>;

export type RecordEventKind = 'disputed' | 'upheld' | 'annulled' | 'corrected' | 'repaired';

export interface RecordEventRow {
  readonly subject_id: number;
  readonly seq: number;
  readonly source: string;
  readonly record_id: string;
  readonly kind: RecordEventKind;
  readonly at: number;
  readonly actor: string;
  readonly reason: string;
  /** JSON object: details of the event (a correction's new values, a case id…). */
  readonly data: string;
}

export interface DerivedRow {
  readonly subject_id: number;
  readonly score: number;
  readonly grade: string;
  readonly next_change_at: number | null;
  readonly computed_at: number;
  readonly rulebook_hash: string;
  /** JSON: list entries and measure spans (see app/derive.ts). */
  readonly state: string;
  /**
   * JSON: the explained score as of `computed_at`, valid until `next_change_at` under the same rulebook; stored by
   * the first read that computes it, cleared by every recomputation, also one that finds the projection unchanged
   * and leaves the rest of its row as it was (null: not stored yet).
   */
  readonly explained?: string | null;
  /**
   * What the projection was derived from, compared by `rebuild` with the ledger: per involved subject its last
   * record and event sequence numbers and counts, the rulebook set and the engine version (null: unknown).
   */
  readonly marks?: string | null;
}

/** A subject's part of the ledger, counted by the database: what `rebuild` compares with the stored marks. */
export interface LedgerCount {
  readonly subject_id: number;
  readonly records_upto: number;
  readonly records: number;
  readonly events_upto: number;
  readonly events: number;
}

/** What `marksWindow` compares stored projections with. */
export interface MarksExpected {
  /** The marks of a subject without records or events; a subject's own counts follow it (see marksString). */
  readonly head: string;
  /** The rulebook version in force. */
  readonly rulebookHash: string;
  /** A projection whose next change is at or before this is due. */
  readonly now: number;
}

/** A window of subjects compared by `marksWindow`. */
export interface MarksWindow {
  readonly subjects: number;
  readonly last: number;
  readonly stale: readonly number[];
  readonly involving: readonly {
    readonly id: number;
    readonly marks: string;
    /** The subjects the derivation involves (itself included), with their counts. */
    readonly involved: readonly LedgerCount[];
  }[];
}

export interface DecisionRow {
  readonly subject_id: number;
  /** `<entry decision id>` for an entry, with `:warning` or `:exit` for those events. */
  readonly id: string;
  readonly list: string;
  readonly event: 'warning' | 'entry' | 'exit';
  readonly effective_at: number;
  readonly recorded_at: number;
  /** JSON: the full entry as derived when it was recorded. */
  readonly data: string;
}

export interface CheckRow {
  readonly subject_id: number;
  readonly seq: number;
  readonly measure: string;
  readonly asked_by: string;
  readonly asked_at: number;
  readonly at: number;
  readonly applies: number;
  readonly until: number | null;
  readonly decisions: string;
  /** JSON: what the answer was computed from (rulebook hashes, whose state, the date), for replay. */
  readonly inputs: string | null;
}

export interface RulebookRow {
  readonly hash: string;
  readonly name: string;
  readonly version: string;
  readonly effective_from: number;
  readonly source: string;
  readonly activated_at: number;
  readonly activated_by: string;
  /** draft: stored and readable, never used; published: used from its effective date. */
  readonly status: 'draft' | 'published';
  /** End of the public comment period (published versions); the version cannot take effect before it. */
  readonly comment_until: number | null;
  /** JSON list of changes from the version before. */
  readonly diff: string | null;
}

export interface AuditRow {
  readonly seq: number;
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly subject_id: number | null;
  readonly detail: string;
  readonly prev_hash: string;
  readonly hash: string;
  /** JSON list of the ledger rows this entry commits (see app/audit/audit.ledger.ts); null when none. */
  readonly rows?: string | null;
}

/** Operations inside one transaction. Batch-shaped so that an import costs a few queries per chunk. */
export interface Tx extends DueProcessTx {
  /** Locks the subjects a write touches (PostgreSQL row locks; a no-op where writers are already serialised). */
  lockSubjects(ids: readonly number[]): Promise<void>;
  lockAudit(): Promise<void>;
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;

  insertRulebook(row: RulebookRow): Promise<void>;
  rulebooks(): Promise<RulebookRow[]>;
  /** Hash and status of every version, in activation order: cheap enough to ask on every request. */
  rulebookKeys(): Promise<{ hash: string; status: string }[]>;
  updateRulebook(
    hash: string,
    patch: Partial<Pick<RulebookRow, 'status' | 'comment_until' | 'diff' | 'activated_at' | 'activated_by'>>,
  ): Promise<void>;

  upsertSource(row: SourceRow): Promise<void>;
  sources(): Promise<SourceRow[]>;

  insertSubject(row: Omit<SubjectRow, 'id'>): Promise<number>;
  /** Registers new subjects at once; their ids, in the order of the rows (as one insert after another). */
  insertSubjects(rows: readonly Omit<SubjectRow, 'id'>[]): Promise<number[]>;
  updateSubject(id: number, patch: { name?: string; parent_id?: number | null }): Promise<void>;
  subjectsByUsci(uscis: readonly string[]): Promise<SubjectRow[]>;
  subjectsByIdHash(hashes: readonly string[]): Promise<SubjectRow[]>;
  subjectsById(ids: readonly number[]): Promise<SubjectRow[]>;
  childrenOf(parentIds: readonly number[]): Promise<SubjectRow[]>;
  searchOrganizations(prefix: string, limit: number, after?: number): Promise<SubjectRow[]>;
  /**
   * The public search index (organizations only, kept current by insertSubject and updateSubject), ranked: exact
   * code, name prefix, name infix (or a former name, or part of the code), pinyin; a page after the cursor.
   */
  searchRanked(q: IndexQuery, after: SearchCursor | null, limit: number): Promise<SearchHit[]>;
  /** Index rows containing one of the pieces, in id order, with the tier each has in `searchRanked` (null: none). */
  searchPieces(q: IndexQuery, pieces: readonly string[], limit: number): Promise<SearchHit[]>;
  setRelation(row: RelationRow): Promise<void>;
  /** setRelation for each row, at once (for one organization and role, the last row given holds). */
  setRelations(rows: readonly RelationRow[]): Promise<void>;
  relationsOfOrgs(orgIds: readonly number[]): Promise<RelationRow[]>;
  relationsOfPersons(personIds: readonly number[]): Promise<RelationRow[]>;
  /** Appends registry facts to their subjects' ledgers (sequence numbers follow each subject's last). */
  appendRegistryFacts(rows: readonly Omit<RegistryFactRow, 'seq'>[]): Promise<void>;
  /** The registry facts about these subjects, in ledger order. */
  registryFactsOf(subjectIds: readonly number[]): Promise<RegistryFactRow[]>;
  /** The registry facts that name these subjects as parent or as a person in a role (the other side of a relation). */
  registryFactsNaming(subjectIds: readonly number[]): Promise<RegistryFactRow[]>;
  /** Every span of the organizations' relations (parent, legal representative, actual controller) over time. */
  relationSpansOfOrgs(orgIds: readonly number[]): Promise<RelationSpan[]>;
  /** Every span in which these subjects were named: persons in a role, organizations as a branch's parent. */
  relationSpansOfPersons(personIds: readonly number[]): Promise<RelationSpan[]>;
  /** The organizations' relations in force at `at` (`from <= at < to`), with their spans. */
  relationsAt(orgIds: readonly number[], at: number): Promise<RelationSpan[]>;
  /** The roles these persons held at `at`, with their spans. */
  rolesAt(personIds: readonly number[], at: number): Promise<RelationSpan[]>;
  subjectCount(): Promise<number>;
  subjectIdsAfter(after: number, limit: number): Promise<number[]>;

  recordsByKeys(keys: readonly { source: string; record_id: string }[]): Promise<RecordRow[]>;
  recordsOf(subjectIds: readonly number[]): Promise<RecordRow[]>;
  /** The same records as recordsOf, as a derivation reads them (LedgerRow), in the same order. */
  ledgerRowsOf(subjectIds: readonly number[]): Promise<LedgerRow[]>;
  agentsOf(orgIds: readonly number[]): Promise<{ org: number; agent: number }[]>;
  maxRecordSeq(subjectIds: readonly number[]): Promise<Map<number, number>>;
  insertRecords(rows: readonly RecordRow[]): Promise<void>;
  deleteRecord(subjectId: number, seq: number): Promise<void>;
  /** Deletes a record's status entries (a purge), noting their removal for the audit chain; answers how many. */
  deleteEventsOf(subjectId: number, source: string, recordId: string): Promise<number>;
  eventsOf(subjectIds: readonly number[]): Promise<RecordEventRow[]>;
  insertEvent(row: Omit<RecordEventRow, 'seq'>): Promise<void>;

  /** The subjects' projections, without their explained views (see derivedViewOf). */
  derivedOf(subjectIds: readonly number[]): Promise<DerivedRow[]>;
  /** One subject's projection with its explained view, if one is stored. */
  derivedViewOf(subjectId: number): Promise<DerivedRow | undefined>;
  upsertDerived(rows: readonly DerivedRow[]): Promise<void>;
  /** Clears the explained views of these subjects' projections (see DerivedRow.explained). */
  clearExplained(subjectIds: readonly number[]): Promise<void>;
  /** Stores the explained view of a projection, unless it was recomputed since `computedAt`. */
  storeExplained(subjectId: number, computedAt: number, explained: string): Promise<void>;
  /** Per subject with any: its records' and events' last sequence numbers and counts (one aggregate each). */
  ledgerCounts(subjectIds: readonly number[]): Promise<LedgerCount[]>;
  /** The records and events of these subjects, in all (each subject counted once): one count each. */
  ledgerSize(subjectIds: readonly number[]): Promise<number>;
  /**
   * `rebuild`'s comparison of the next `size` subjects after id `after` (in id order) with the ledger, made by the
   * database: how many subjects the window holds and its last id; the subjects whose projection must be
   * recomputed (`stale`: none stored, without marks, under another rulebook version than `expect.rulebookHash`,
   * due by `expect.now`, or whose marks are not `expect.head` followed by the subject's own counts — the
   * single-subject form of marksString); and the subjects whose marks can name others (parents of branches,
   * subjects named as on behalf of), not stale otherwise, with their stored marks and the counts of every subject
   * their derivation involves, for the caller to compare. Both lists in id order.
   */
  marksWindow(after: number, size: number, expect: MarksExpected): Promise<MarksWindow>;
  dueSubjects(until: number, limit: number, after: number): Promise<number[]>;
  /** Makes the subjects' projections due at `at` (unless due earlier already): the next read or tick derives them. */
  markDue(subjectIds: readonly number[], at: number): Promise<void>;

  insertDecisions(rows: readonly DecisionRow[]): Promise<number>;
  decisionsOf(subjectId: number): Promise<DecisionRow[]>;
  decisionIdsOf(subjectIds: readonly number[]): Promise<Set<string>>;
  decisionById(id: string): Promise<DecisionRow | undefined>;

  /** Records a check; returns its sequence number in the subject's file. */
  insertCheck(row: Omit<CheckRow, 'seq'>): Promise<number>;
  checksOf(subjectId: number): Promise<CheckRow[]>;
  checkBySeq(subjectId: number, seq: number): Promise<CheckRow | undefined>;
  /**
   * One page of the subject's checks, newest first: at most `limit` with a sequence number below `before` (the
   * newest when null). Reads only that page, by the (subject_id, seq) key.
   */
  checksPage(subjectId: number, before: number | null, limit: number): Promise<CheckRow[]>;
  /** How many checks the subject's file holds. */
  checkCount(subjectId: number): Promise<number>;

  lastAudit(): Promise<AuditRow | undefined>;
  insertAudit(row: AuditRow): Promise<void>;
  auditRange(afterSeq: number, limit: number): Promise<AuditRow[]>;
  /** The newest audit entries about a subject with one of these actions (reads of its file), newest first. */
  auditOfSubject(subjectId: number, actions: readonly string[], limit: number): Promise<AuditRow[]>;
  /** The ledger rows this transaction wrote that no audit entry has committed yet. */
  readonly ledger: LedgerJournal;
  /** A page of a ledger table in primary-key order, after the given key (verification reads every row). */
  ledgerPage(
    table: LedgerTable,
    after: readonly unknown[] | null,
    limit: number,
  ): Promise<Record<string, unknown>[]>;
}

export interface Store extends Tx {
  readonly engine: 'sqlite' | 'postgres';
  /** Runs fn in one transaction: all of it is applied, or none. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Runs fn in a transaction shared with the other grouped calls of the same event-loop turn (a bounded group),
   * in a savepoint of its own: if fn throws, only its own writes are undone and it rejects with its error; else
   * it resolves once the shared COMMIT has succeeded, and never when it failed. fn must use only the Tx given.
   */
  grouped<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * After a bulk write: the planner's statistics of the tables changed since their last ones by 1,000 rows and
   * `share` of the rows they had (a tenth by default, as autovacuum). PostgreSQL: ANALYZE; SQLite keeps none.
   */
  refreshStatistics(share?: number): Promise<readonly string[]>;
  close(): Promise<void>;
}

/** An API token: only its SHA-256 is stored; the token itself is shown once, when it is created. */
export interface TokenRow {
  id: string;
  role: string;
  source: string | null;
  subject_id: number | null;
  hash: string;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  label: string;
}

/** Token persistence, part of every transaction. */
export interface Tx {
  insertToken(row: TokenRow): Promise<void>;
  tokenByHash(hash: string): Promise<TokenRow | undefined>;
  tokens(): Promise<TokenRow[]>;
  /** Marks a token revoked at `at`; false when there is no such token. */
  revokeToken(id: string, at: number): Promise<boolean>;
}
