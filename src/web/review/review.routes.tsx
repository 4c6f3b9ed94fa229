import { refOf } from '../../app/derive/derive.files.ts';
import { decideCase, type Outcome } from '../../app/due-process/due-process.cases.ts';
import { activeRulebooks } from '../../app/governance/governance.rulebooks.ts';
import type { AppContext } from '../../app/ports/ports.context.ts';
import type { CaseRow } from '../../app/ports/ports.due-process.ts';
import { exportFile } from '../../app/queries/queries.export.ts';
import { CredenceError } from '../../domain/errors.ts';
import { field, PAGE, requireRole, sendPage, type Web } from '../shell/http.ts';
import { CasePage } from './review.case.tsx';
import { type QueueRow, ReviewPage } from './review.queue.tsx';

/** The reviewer console: the queues, a case, its decision (auditors read, reviewers decide). */

async function queueRows(ctx: AppContext, cases: readonly CaseRow[]): Promise<QueueRow[]> {
  const subjects = new Map(
    (await ctx.store.subjectsById([...new Set(cases.map((c) => Number(c.subject_id)))])).map((s) => [
      Number(s.id),
      s,
    ]),
  );
  return [...cases]
    .sort((a, b) => Number(a.opened_at) - Number(b.opened_at))
    .map((c) => {
      const s = subjects.get(Number(c.subject_id));
      return { c, subject: s?.name ?? '', ref: s ? refOf(s) : String(c.subject_id) };
    });
}

async function loadCase(ctx: AppContext, actx: AppContext, id: string) {
  const c = await ctx.store.caseById(id);
  if (!c) throw new CredenceError('case.not_found', `no case ${id}`);
  const [s] = await ctx.store.subjectsById([Number(c.subject_id)]);
  if (!s) throw new CredenceError('subject.not_found', `the subject of case ${id} is not registered`);
  const file = await exportFile(actx, refOf(s));
  const versions = await ctx.store.transaction((tx) => activeRulebooks(tx));
  const r = file.records.find((x) => x.source === c.source && x.id === c.record_id);
  const title = r ? (versions.latest.recordTypes.get(r.type)?.title ?? r.type) : '';
  return { c, file, title };
}

export function reviewRoutes(web: Web, ctx: AppContext): void {
  web.get('/review', PAGE, async (req, reply) => {
    requireRole(req, ['reviewer', 'auditor']);
    const [objections, repairs] = await Promise.all([
      ctx.store.openCases('objection', 500).then((cs) => queueRows(ctx, cs)),
      ctx.store.openCases('repair', 500).then((cs) => queueRows(ctx, cs)),
    ]);
    return sendPage(reply, <ReviewPage v={req.webView} objections={objections} repairs={repairs} />);
  });

  web.get('/review/case/:id', PAGE, async (req, reply) => {
    const user = requireRole(req, ['reviewer', 'auditor']);
    const { c, file, title } = await loadCase(ctx, req.webCtx, (req.params as { id: string }).id);
    return sendPage(
      reply,
      <CasePage v={req.webView} c={c} file={file} title={title} canDecide={user.role === 'reviewer'} />,
    );
  });

  web.post('/review/case/:id', PAGE, async (req, reply) => {
    requireRole(req, ['reviewer']);
    const id = (req.params as { id: string }).id;
    const outcome = field(req.body, 'outcome');
    const reasons = field(req.body, 'reasons');
    try {
      if (!['uphold', 'annul', 'approve', 'reject'].includes(outcome))
        throw new CredenceError('case.invalid_outcome', 'choose an outcome');
      await decideCase(req.webCtx, id, outcome as Outcome, reasons);
      return reply.redirect(`/review/case/${encodeURIComponent(id)}`, 303);
    } catch (e) {
      if (!(e instanceof CredenceError) || e.code === 'case.not_found') throw e;
      const { c, file, title } = await loadCase(ctx, req.webCtx, id);
      return sendPage(
        reply,
        <CasePage
          v={req.webView}
          c={c}
          file={file}
          title={title}
          canDecide
          error={e.message}
          reasons={reasons}
        />,
        e.code.endsWith('already_decided') ? 409 : 400,
      );
    }
  });
}
