import { refOf } from '../app/derive/derive.files.ts';
import { decideCase, type Outcome } from '../app/due-process/due-process.cases.ts';
import { activeRulebooks } from '../app/governance/governance.rulebooks.ts';
import type { AppContext } from '../app/ports/ports.context.ts';
import type { CaseRow } from '../app/ports/ports.due-process.ts';
import { exportFile } from '../app/queries/queries.usecases.ts';
import { CredenceError } from '../domain/errors.ts';
import { field, PAGE, requireRole, sendPage, type View, type Web } from './shell/http.ts';
import type { MessageKey } from './i18n/i18n.ts';
import { Csrf, day, Flash, GradeBadge, Page, pts, TableBox, Time } from './shell/layout.tsx';
import type { SubjectFile } from './me.tsx';

/** The reviewer console: queues of objections and repair applications, oldest first; the case page; decisions. */

interface QueueRow {
  readonly c: CaseRow;
  readonly subject: string;
  readonly ref: string;
}

function Queue({ v, id, title, rows }: { v: View; id: string; title: string; rows: readonly QueueRow[] }) {
  const { t } = v;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>
        {title} <span class="count">({rows.length})</span>
      </h2>
      {rows.length === 0 ? (
        <p>{t('review.none')}</p>
      ) : (
        <TableBox label={title}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('case.col.id')}</th>
                <th scope="col">{t('review.subject')}</th>
                <th scope="col">{t('case.col.record')}</th>
                <th scope="col">{t('case.col.opened')}</th>
                <th scope="col">{t('case.col.deadline')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ c, subject, ref }) => {
                const overdue = Number(c.deadline) < v.now;
                return (
                  <tr key={c.id} class={overdue ? 'overdue' : undefined}>
                    <td>
                      <a
                        href={`/review/case/${encodeURIComponent(c.id)}`}
                        aria-label={t('review.open', { id: c.id })}
                      >
                        {c.id}
                      </a>
                    </td>
                    <td>
                      {subject} <code>{ref}</code>
                    </td>
                    <td>
                      <code>
                        {c.source}/{c.record_id}
                      </code>
                    </td>
                    <td>
                      <Time t={Number(c.opened_at)} />
                    </td>
                    <td>
                      <Time t={Number(c.deadline)} />
                      {overdue && <span class="tag tag-alert"> {t('review.overdue')}</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableBox>
      )}
    </section>
  );
}

export function ReviewPage({
  v,
  objections,
  repairs,
}: {
  v: View;
  objections: readonly QueueRow[];
  repairs: readonly QueueRow[];
}) {
  const { t } = v;
  return (
    <Page v={v} title={t('review.title')}>
      <h1>{t('review.title')}</h1>
      <p class="lead">{t('review.lead')}</p>
      <Queue v={v} id="objections-h" title={t('review.objections')} rows={objections} />
      <Queue v={v} id="repairs-h" title={t('review.repairs')} rows={repairs} />
    </Page>
  );
}

export function CasePage({
  v,
  c,
  file,
  title,
  canDecide,
  error,
  reasons,
}: {
  v: View;
  c: CaseRow;
  file: SubjectFile;
  title: string;
  canDecide: boolean;
  error?: string | undefined;
  reasons?: string | undefined;
}) {
  const { t } = v;
  const r = file.records.find((x) => x.source === c.source && x.id === c.record_id);
  const sub = JSON.parse(c.submission) as {
    statement?: string;
    letter?: { text: string; signed_by: string };
    evidence?: { kind: string; ref: string }[];
  };
  const outcomes: Outcome[] = c.kind === 'objection' ? ['uphold', 'annul'] : ['approve', 'reject'];
  const points = file.score.contributions
    .filter((x) => x.source === c.source && x.record === c.record_id)
    .reduce((s, x) => s + x.points, 0);
  return (
    <Page v={v} title={t('review.case', { id: c.id })}>
      <p class="crumbs">
        <a href="/review">{t('review.title')}</a>
      </p>
      <h1>
        {t('review.case', { id: c.id })} <span class="tag">{t(`case.kind.${c.kind}` as MessageKey)}</span>
      </h1>
      <dl class="facts wide">
        <dt>{t('review.subject')}</dt>
        <dd>
          {file.subject.name} <code>{file.subject.ref}</code>
        </dd>
        <dt>{t('case.col.opened')}</dt>
        <dd>
          <Time t={Number(c.opened_at)} />
        </dd>
        <dt>{t('case.col.deadline')}</dt>
        <dd>
          <Time t={Number(c.deadline)} />
          {c.status === 'open' && Number(c.deadline) < v.now && (
            <span class="tag tag-alert"> {t('review.overdue')}</span>
          )}
        </dd>
        <dt>{t('case.col.status')}</dt>
        <dd>{t(`case.status.${c.status}` as MessageKey)}</dd>
      </dl>
      <p>
        {t('review.subject_score', { score: file.score.score })} <GradeBadge grade={file.score.grade} />
      </p>
      <section aria-labelledby="record-h">
        <h2 id="record-h">{t('review.record')}</h2>
        {r ? (
          <>
            <dl class="facts">
              <dt>{t('rec.type')}</dt>
              <dd>
                {title} <code>{r.type}</code>
              </dd>
              <dt>{t('rec.id')}</dt>
              <dd>
                <code>
                  {r.source}/{r.id}
                </code>
              </dd>
              <dt>{t('rec.occurred')}</dt>
              <dd>
                <Time t={r.occurred_at} />
              </dd>
              <dt>{t('rec.points')}</dt>
              <dd>{points === 0 ? '—' : pts(points)}</dd>
              <dt>{t('rec.legal_basis')}</dt>
              <dd>{r.legal_basis}</dd>
              <dt>{t('review.record_evidence')}</dt>
              <dd>
                {r.evidence.map((e) => (
                  <code key={e} class="hash">
                    {e}
                  </code>
                ))}
              </dd>
            </dl>
            {r.status_history.length > 0 && (
              <>
                <h3>{t('review.history')}</h3>
                <ul>
                  {r.status_history.map((e, i) => (
                    <li key={i}>
                      <Time t={e.at} /> — {t(`status.${e.event}` as MessageKey)}: {e.reason}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        ) : (
          <p>
            <code>
              {c.source}/{c.record_id}
            </code>
          </p>
        )}
      </section>
      <section aria-labelledby="sub-h">
        {c.kind === 'objection' ? (
          <>
            <h2 id="sub-h">{t('review.statement')}</h2>
            <blockquote class="statement">{sub.statement}</blockquote>
          </>
        ) : (
          <>
            <h2 id="sub-h">{t('review.letter')}</h2>
            <blockquote class="statement">{sub.letter?.text}</blockquote>
            <p>{t('review.signed_by', { who: sub.letter?.signed_by ?? '' })}</p>
            <h3>{t('review.evidence')}</h3>
            <ul>
              {(sub.evidence ?? []).map((e) => (
                <li key={e.ref}>
                  {t(`material.${e.kind}` as MessageKey)}: <code class="hash">{e.ref}</code>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="decide-h">
        <h2 id="decide-h">{t('review.decide')}</h2>
        {c.status !== 'open' ? (
          <Flash kind="ok">
            {t('review.decided', {
              status: t(`case.status.${c.status}` as MessageKey),
              date: day(c.decided_at === null ? null : Number(c.decided_at)),
              by: c.decided_by ?? '',
            })}{' '}
            {c.reasons}
          </Flash>
        ) : canDecide ? (
          <form method="post" action={`/review/case/${encodeURIComponent(c.id)}`} class="stack">
            <Csrf v={v} />
            {error && <Flash kind="error">{error}</Flash>}
            <fieldset>
              <legend>{t('review.outcome')}</legend>
              {outcomes.map((o) => (
                <div class="choice" key={o}>
                  <input type="radio" id={`outcome-${o}`} name="outcome" value={o} required />
                  <label for={`outcome-${o}`}>{t(`outcome.${o}` as MessageKey)}</label>
                </div>
              ))}
            </fieldset>
            <div class="field">
              <label for="reasons">{t('review.reasons')}</label>
              <textarea id="reasons" name="reasons" rows={5} required aria-describedby="reasons-hint">
                {reasons ?? ''}
              </textarea>
              <p class="hint" id="reasons-hint">
                {t('review.reasons.hint')}
              </p>
            </div>
            <button type="submit">{t('review.submit')}</button>
          </form>
        ) : (
          <p>{t('review.read_only')}</p>
        )}
      </section>
    </Page>
  );
}

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
