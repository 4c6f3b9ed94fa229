// Notices as they are read and delivered: one function turns a stored row into the body it says, whatever the
// format it was written in. Format 0 rows (written before notices were stored compactly) hold their rendered
// body and are served as stored; format 1 rows render through due-process.notice-v1.ts.
import { CredenceError } from '../../domain/errors.ts';
import type { RulebookOf } from '../../rules/versions.ts';
import { activeRulebooks } from '../governance/governance.rulebooks.ts';
import type { NoticeRow } from '../ports/ports.due-process.ts';
import type { Tx } from '../ports/ports.store.ts';
import type { CompactV1, NoticeBody } from './due-process.notice-forms.ts';
import { renderV1, Unrenderable } from './due-process.notice-v1.ts';

/** The newest format this version renders, the one the builders write (due-process.notices.ts). */
export const NOTICE_FORMAT = 1;

/** The stored rendered body of a format-0 row; a compact one starts with its format instead. */
const COMPACT_PREFIX = '{"v":';

export type { RulebookOf };

export type Rendered =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly code: string; readonly message: string };

/**
 * The body of a stored notice as JSON text, byte for byte what it said when it was written; or why it cannot be
 * rendered (an unknown format, a format column that disagrees with the body, a rulebook version the registry
 * does not hold). The format column and the body's own `v` must agree: the body is committed to the audit
 * ledger, the column is not, so an edited column is refused rather than believed.
 */
export function renderNotice(row: NoticeRow, rulebookOf: RulebookOf): Rendered {
  const format = Number(row.format);
  try {
    if (format === 0) {
      if (row.body.startsWith(COMPACT_PREFIX))
        throw new Unrenderable(
          'notice.format_mismatch',
          'the row is marked format 0 but its body is compact',
        );
      return { ok: true, text: row.body };
    }
    if (format !== NOTICE_FORMAT)
      throw new Unrenderable(
        'notice.format_unknown',
        `notice format ${row.format} is not known to this version`,
      );
    let c: CompactV1;
    try {
      c = JSON.parse(row.body) as CompactV1;
    } catch {
      throw new Unrenderable('notice.malformed', 'the stored body is not JSON');
    }
    if (c === null || typeof c !== 'object' || c.v !== format)
      throw new Unrenderable(
        'notice.format_mismatch',
        `the row is marked format ${format} but its body says ${String((c as { v?: unknown } | null)?.v)}`,
      );
    return { ok: true, text: JSON.stringify(renderV1(c, row.kind, rulebookOf)) };
  } catch (e) {
    if (e instanceof Unrenderable) return { ok: false, code: e.code, message: e.message };
    throw e;
  }
}

/**
 * The body a reader shows for a notice that cannot be rendered: plainly marked as such (title, `refs.unrenderable`
 * with the reason's code) and carrying the stored form, never a guess at the text.
 */
export function unrenderableBody(row: NoticeRow, failure: { code: string; message: string }): NoticeBody {
  return {
    title: `This notice cannot be shown: ${failure.message}`,
    reasons: [`notice ${row.id} (${row.kind}) could not be rendered: ${failure.code}`],
    legal_basis: '',
    options: [],
    refs: { unrenderable: failure.code, format: Number(row.format), stored: row.body },
  };
}

/** The body's JSON text for readers of a subject's file: rendered, or the marked stand-in. */
export function noticeText(row: NoticeRow, rulebookOf: RulebookOf): string {
  const r = renderNotice(row, rulebookOf);
  return r.ok ? r.text : JSON.stringify(unrenderableBody(row, r));
}

/** The rulebook versions of the registry by hash; none when no version was ever activated. */
export async function noticeRulebooks(tx: Tx): Promise<RulebookOf> {
  try {
    return (await activeRulebooks(tx)).byHash;
  } catch (e) {
    if (e instanceof CredenceError && e.code === 'rulebook.none_active') return () => undefined;
    throw e;
  }
}

/** A notice as readers see it: the stored row with its body rendered, whatever format it was stored in. */
export type RenderedNotice = Omit<NoticeRow, 'format'>;

/** Stored rows with their bodies rendered (or marked unrenderable), for readers that show them. */
export async function renderedNotices(tx: Tx, rows: readonly NoticeRow[]): Promise<RenderedNotice[]> {
  if (rows.length === 0) return [];
  const of = await noticeRulebooks(tx);
  return rows.map((n) => ({
    subject_id: n.subject_id,
    id: n.id,
    recipient: n.recipient,
    kind: n.kind,
    created_at: n.created_at,
    body: noticeText(n, of),
  }));
}
