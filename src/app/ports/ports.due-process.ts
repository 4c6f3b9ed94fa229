/** Storage the due-process use cases need: cases (objections, repairs), notices, subscribers and the outbox. */

export type CaseKind = 'objection' | 'repair';
export type CaseStatus = 'open' | 'upheld' | 'annulled' | 'approved' | 'rejected';

export interface CaseRow {
  readonly subject_id: number;
  readonly id: string;
  readonly kind: CaseKind;
  readonly source: string;
  readonly record_id: string;
  readonly opened_at: number;
  readonly deadline: number;
  readonly status: CaseStatus;
  /** JSON: the subject's statement, or the commitment letter and evidence. */
  readonly submission: string;
  readonly decided_at: number | null;
  readonly decided_by: string | null;
  readonly reasons: string | null;
}

export interface NoticeRow {
  readonly subject_id: number;
  readonly id: string;
  /** `subject` or the consumer who was told something that has since changed. */
  readonly recipient: string;
  readonly kind: string;
  readonly created_at: number;
  /**
   * How `body` is stored: 0, the rendered body (title, reasons, legal basis, what the recipient can do and by
   * when; every row written before compact notices); 1, the compact form (due-process.notice-v1.ts), rendered
   * when read. Readers render through renderNotice, never parse `body` themselves.
   */
  readonly format: number;
  /** JSON, as `format` says; the audit ledger commits it as stored. */
  readonly body: string;
}

export interface SubscriberRow {
  readonly id: string;
  readonly url: string;
  readonly secret: string;
  /** Which recipients it receives: `*`, `subject`, or a consumer name. */
  readonly recipients: string;
  readonly created_at: number;
}

export interface OutboxRow {
  readonly id: string;
  readonly notice_id: string;
  readonly subject_id: number;
  readonly subscriber: string;
  readonly status: 'pending' | 'delivered' | 'dead';
  readonly attempts: number;
  readonly next_attempt_at: number;
  readonly last_error: string | null;
  readonly delivered_at: number | null;
}

export interface CasePageQuery {
  readonly kind?: CaseKind;
  readonly status?: CaseStatus;
  /** true: open cases past their deadline at `now`; false: every other case. */
  readonly overdue?: boolean;
  readonly now: number;
  /** The last (deadline, id) of the previous page. */
  readonly after?: { readonly deadline: number; readonly id: string };
  readonly limit: number;
}

export interface DueProcessTx {
  insertCase(row: CaseRow): Promise<void>;
  updateCase(
    subjectId: number,
    id: string,
    patch: Partial<Pick<CaseRow, 'status' | 'decided_at' | 'decided_by' | 'reasons'>>,
  ): Promise<void>;
  caseById(id: string): Promise<CaseRow | undefined>;
  casesOf(subjectId: number): Promise<CaseRow[]>;
  openCases(kind: CaseKind | undefined, limit: number): Promise<CaseRow[]>;
  /** A page of the reviewer's queue in (deadline, id) order, after a cursor; `overdue` compares with `now`. */
  casesPage(q: CasePageQuery): Promise<CaseRow[]>;
  /** Deletes the cases about a record (a purge), noting their removal for the audit chain; answers them. */
  deleteCasesOf(subjectId: number, source: string, recordId: string): Promise<CaseRow[]>;

  insertNotices(rows: readonly NoticeRow[]): Promise<NoticeRow[]>;
  noticesOf(subjectId: number): Promise<NoticeRow[]>;
  /** A notice by (subject, id): ids are unique per subject, and delivery must send that subject's notice. */
  noticeById(subjectId: number, id: string): Promise<NoticeRow | undefined>;
  /** Deletes a subject's notices by id (a purge), noting their removal for the audit chain. */
  deleteNotices(subjectId: number, ids: readonly string[]): Promise<void>;

  insertSubscriber(row: SubscriberRow): Promise<void>;
  subscribers(): Promise<SubscriberRow[]>;

  insertOutbox(rows: readonly OutboxRow[]): Promise<void>;
  dueOutbox(now: number, limit: number): Promise<OutboxRow[]>;
  updateOutbox(
    id: string,
    patch: Partial<
      Pick<OutboxRow, 'status' | 'attempts' | 'next_attempt_at' | 'last_error' | 'delivered_at'>
    >,
  ): Promise<void>;
  outbox(status: OutboxRow['status'] | undefined, limit: number): Promise<OutboxRow[]>;
}
