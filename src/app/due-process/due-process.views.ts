import { CredenceError } from '../../domain/errors.ts';
import { formatInstant } from '../../domain/time.ts';
import { audit } from '../audit/audit.log.ts';
import { refOf } from '../derive/derive.files.ts';
import type { AppContext } from '../ports/ports.context.ts';
import type { CaseKind, CaseRow, CaseStatus, NoticeRow } from '../ports/ports.due-process.ts';
import type { SubjectRow, Tx } from '../ports/ports.store.ts';
import {
  CHECKS_PAGE,
  CHECKS_PAGE_MAX,
  type ChecksPage,
  checksPageOf,
  decodeChecksCursor,
} from '../queries/queries.checks.ts';
import { exportFile, whoIs } from '../queries/queries.export.ts';
import { findSubject } from '../queries/queries.usecases.ts';
import {
  noticeRulebooks,
  noticeText,
  type RenderedNotice,
  type RulebookOf,
  renderedNotices,
} from './due-process.notice-render.ts';

/**
 * Due-process reads as integrators see them: subjects named by USCI or `P…` reference, people by the label and
 * role of their token, every time ISO 8601 — never an internal number or a bare token id.
 */

const iso = (t: number | null) => (t === null ? null : formatInstant(Number(t)));

export interface CaseView {
  readonly id: string;
  readonly kind: CaseKind;
  readonly subject: string;
  readonly record: { readonly source: string; readonly id: string };
  readonly status: CaseStatus;
  readonly opened_at: string;
  readonly deadline: string;
  /** Still open after its review deadline (the record then stops counting, DESIGN §5). */
  readonly overdue: boolean;
  /** The subject's statement, or the commitment letter and the evidence hashes. */
  readonly submission: Record<string, unknown>;
  readonly decided_at: string | null;
  readonly decided_by: string | null;
  readonly reasons: string | null;
}

async function caseViews(tx: Tx, rows: readonly CaseRow[], now: number): Promise<CaseView[]> {
  const ids = [...new Set(rows.map((c) => Number(c.subject_id)))];
  const refs = new Map((await tx.subjectsById(ids)).map((s) => [Number(s.id), refOf(s)]));
  const who = await whoIs(tx);
  return rows.map((c) => ({
    id: c.id,
    kind: c.kind,
    subject: refs.get(Number(c.subject_id)) ?? '',
    record: { source: c.source, id: c.record_id },
    status: c.status,
    opened_at: formatInstant(Number(c.opened_at)),
    deadline: formatInstant(Number(c.deadline)),
    overdue: c.status === 'open' && Number(c.deadline) < now,
    submission: JSON.parse(c.submission) as Record<string, unknown>,
    decided_at: iso(c.decided_at),
    decided_by: c.decided_by === null ? null : who(c.decided_by),
    reasons: c.reasons,
  }));
}

/** One case as the API shows it. */
export async function caseView(ctx: AppContext, row: CaseRow): Promise<CaseView> {
  const [v] = await ctx.store.transaction((tx) => caseViews(tx, [row], ctx.clock.now()));
  return v!;
}

/**
 * Reading a person's objections or repair applications (its statements, letters and evidence) is a read of its file
 * (DESIGN §6): one audit entry for each person whose cases are read, shown to the person under `looked`.
 */
export async function auditCaseReads(ctx: AppContext, tx: Tx, rows: readonly CaseRow[]): Promise<void> {
  const ids = [...new Set(rows.map((c) => Number(c.subject_id)))];
  if (ids.length === 0) return;
  for (const s of await tx.subjectsById(ids)) {
    if (s.kind !== 'person') continue;
    const cases = rows.filter((c) => Number(c.subject_id) === Number(s.id)).map((c) => c.id);
    await audit(tx, ctx, 'subject.read_cases', Number(s.id), { cases });
  }
}

/** A case by id, or `case.not_found`. */
export async function caseById(ctx: AppContext, id: string): Promise<CaseView> {
  return ctx.store.transaction(async (tx) => {
    const row = await tx.caseById(id);
    if (!row) throw new CredenceError('case.not_found', `no case ${id}`);
    await auditCaseReads(ctx, tx, [row]);
    const [v] = await caseViews(tx, [row], ctx.clock.now());
    return v!;
  });
}

/** A subject's objections or repair applications, oldest first. */
export async function casesOfSubject(ctx: AppContext, ref: string, kind: CaseKind): Promise<CaseView[]> {
  return ctx.store.transaction(async (tx) => {
    const s = await findSubject(ctx, tx, ref);
    const rows = (await tx.casesOf(Number(s.id))).filter((c) => c.kind === kind);
    await auditCaseReads(ctx, tx, rows);
    return caseViews(tx, rows, ctx.clock.now());
  });
}

export interface QueueQuery {
  readonly kind?: CaseKind;
  readonly status?: CaseStatus;
  readonly overdue?: boolean;
  readonly cursor?: string;
  readonly limit: number;
}

const encodeCursor = (c: CaseRow) => Buffer.from(`${Number(c.deadline)}|${c.id}`).toString('base64url');

function decodeCursor(text: string): { deadline: number; id: string } {
  const raw = Buffer.from(text, 'base64url').toString('utf8');
  const i = raw.indexOf('|');
  const deadline = Number(raw.slice(0, i));
  if (i <= 0 || !Number.isSafeInteger(deadline) || raw.length - i < 2)
    throw new CredenceError('input.invalid_cursor', `cursor "${text}" is not one this API gave out`, {
      issues: [{ path: 'cursor', message: 'pass the `next` value of the previous page unchanged' }],
    });
  return { deadline, id: raw.slice(i + 1) };
}

/** The reviewer's queue: cases by deadline (most urgent first), filtered, a page at a time. */
export async function caseQueue(
  ctx: AppContext,
  q: QueueQuery,
): Promise<{ items: CaseView[]; next: string | null }> {
  const now = ctx.clock.now();
  const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
  return ctx.store.transaction(async (tx) => {
    const rows = await tx.casesPage({
      ...(q.kind ? { kind: q.kind } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(q.overdue === undefined ? {} : { overdue: q.overdue }),
      ...(after ? { after } : {}),
      now,
      limit: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    await auditCaseReads(ctx, tx, page);
    return {
      items: await caseViews(tx, page, now),
      next: rows.length > q.limit && last ? encodeCursor(last) : null,
    };
  });
}

export interface NoticeView {
  readonly id: string;
  /** `subject`, or the consumer told of a correction (by its token's label and role). */
  readonly recipient: string;
  readonly kind: string;
  readonly created_at: string;
  readonly title: string;
  readonly reasons: string[];
  readonly legal_basis: string;
  readonly options: { action: string; until?: string | null; from?: string | null }[];
  readonly refs: Readonly<Record<string, unknown>>;
}

type NoticeText = Omit<NoticeView, 'id' | 'recipient' | 'kind' | 'created_at'>;

function noticeView(n: NoticeRow, who: (actor: string) => string, rulebookOf: RulebookOf): NoticeView {
  // rendered as written, whatever format the row is stored in
  const body = JSON.parse(noticeText(n, rulebookOf)) as NoticeText;
  return {
    id: n.id,
    recipient: n.recipient === 'subject' ? 'subject' : who(n.recipient),
    kind: n.kind,
    created_at: formatInstant(Number(n.created_at)),
    title: body.title,
    reasons: body.reasons ?? [],
    legal_basis: body.legal_basis ?? '',
    options: body.options ?? [],
    refs: body.refs ?? {},
  };
}

/** Reading a person's notices is a read of its file (DESIGN §6): audited, and shown to the person under `looked`. */
async function auditNoticesRead(ctx: AppContext, tx: Tx, s: SubjectRow): Promise<void> {
  if (s.kind === 'person') await audit(tx, ctx, 'subject.read_notices', Number(s.id), {});
}

/** Every notice in a subject's file as stored, each rendered as it was written (the command line's `notices`). */
export async function renderedNoticesOf(ctx: AppContext, ref: string): Promise<RenderedNotice[]> {
  return ctx.store.transaction(async (tx) => {
    const s = await findSubject(ctx, tx, ref);
    await auditNoticesRead(ctx, tx, s);
    return renderedNotices(tx, await tx.noticesOf(Number(s.id)));
  });
}

/**
 * The notices in a subject's file, newest first. The subject itself sees those addressed to it (as its own pages
 * show them); staff also see the corrections sent to consumers who checked the subject.
 */
export async function noticesOfSubject(
  ctx: AppContext,
  ref: string,
  opts: { onlyToSubject: boolean },
): Promise<NoticeView[]> {
  return ctx.store.transaction(async (tx) => {
    const s = await findSubject(ctx, tx, ref);
    await auditNoticesRead(ctx, tx, s);
    const who = await whoIs(tx);
    const rulebookOf = await noticeRulebooks(tx);
    return (await tx.noticesOf(Number(s.id)))
      .filter((n) => !opts.onlyToSubject || n.recipient === 'subject')
      .sort((a, b) => Number(b.created_at) - Number(a.created_at) || a.id.localeCompare(b.id))
      .map((n) => noticeView(n, who, rulebookOf));
  });
}

/**
 * A page of the checks in a subject's file, newest first, from the cursor the previous page (or the file's
 * `checks_next`) gave; none: the newest. Reading a person's checks is a read of its file: it is audited and shown
 * to the person under `looked`.
 */
export async function checksOfSubject(
  ctx: AppContext,
  ref: string,
  q: { readonly cursor?: string | undefined; readonly limit?: number | undefined },
): Promise<ChecksPage & { subject: string }> {
  const limit = q.limit ?? CHECKS_PAGE;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > CHECKS_PAGE_MAX)
    throw new CredenceError('input.out_of_range', `limit must be an integer from 1 to ${CHECKS_PAGE_MAX}`, {
      issues: [{ path: 'limit', message: `an integer from 1 to ${CHECKS_PAGE_MAX}` }],
    });
  const before = q.cursor === undefined || q.cursor === '' ? null : decodeChecksCursor(q.cursor);
  return ctx.store.transaction(async (tx) => {
    const s = await findSubject(ctx, tx, ref);
    const id = Number(s.id);
    const page = await checksPageOf(tx, id, await whoIs(tx), { before, limit });
    if (s.kind === 'person') await audit(tx, ctx, 'subject.read_checks', id, { before, limit });
    return { subject: refOf(s), ...page };
  });
}

/**
 * The subject's whole file (exportFile) with every actor named as people know it: status entries, registry facts
 * and the recipients of notices by their token's label and role.
 */
export async function exportForApi(ctx: AppContext, ref: string) {
  const file = await exportFile(ctx, ref);
  const who = await ctx.store.transaction((tx) => whoIs(tx));
  return {
    ...file,
    records: file.records.map((r) => ({
      ...r,
      status_history: r.status_history.map((h) => ({ ...h, by: who(h.by) })),
    })),
    registry_facts: file.registry_facts.map((f) => ({ ...f, by: who(f.by) })),
    notices: file.notices.map((n) => ({
      ...n,
      recipient: n.recipient === 'subject' ? 'subject' : who(n.recipient),
    })),
    objections: file.objections.map((c) => ({
      ...c,
      decided_by: c.decided_by === null ? null : who(c.decided_by),
    })),
    repairs: file.repairs.map((c) => ({
      ...c,
      decided_by: c.decided_by === null ? null : who(c.decided_by),
    })),
  };
}
