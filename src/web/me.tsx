import { createHash } from 'node:crypto';
import { refOf } from '../app/derive/derive.files.ts';
import { applyForRepair, fileObjection } from '../app/due-process/due-process.cases.ts';
import { activeRulebooks } from '../app/governance/governance.rulebooks.ts';
import type { AppContext } from '../app/ports/ports.context.ts';
import { type ScoreHistory, scoreHistory } from '../app/queries/queries.history.ts';
import { exportFile } from '../app/queries/queries.usecases.ts';
import { listTokens } from '../app/tokens/tokens.usecases.ts';
import { addDuration } from '../domain/duration.ts';
import { CredenceError } from '../domain/errors.ts';
import type { RulebookSet } from '../rules/versions.ts';
import { ScoreChart } from './charts.tsx';
import { field, href, PAGE, queryOf, requireRole, sendPage, type View, type Web } from './shell/http.ts';
import type { MessageKey } from './i18n/i18n.ts';
import { Csrf, day, Flash, GradeBadge, Page, pts, TableBox, Time } from './shell/layout.tsx';
import { fileOf } from './shell/multipart.ts';
import { EntryCard, exitText } from './portal.tsx';

/** Subject self-service: my score explained, what will change, my records, notices, checks, objections, repair. */

export type SubjectFile = Awaited<ReturnType<typeof exportFile>>;
type RecordView = SubjectFile['records'][number];

function statusOf(r: RecordView, counting: boolean): MessageKey {
  const last = r.status_history[r.status_history.length - 1];
  if (last) return `status.${last.event}` as MessageKey;
  return counting ? 'status.active' : 'status.expired';
}

interface RecordActions {
  readonly object: boolean;
  readonly repair: boolean;
}

/** What the subject can do with each record now: object (inside the window) and apply for repair. */
export function actionsOf(file: SubjectFile, versions: RulebookSet, now: number): Map<string, RecordActions> {
  const out = new Map<string, RecordActions>();
  const cases = [...file.objections, ...file.repairs];
  for (const r of file.records) {
    const key = `${r.source}/${r.id}`;
    const events = new Set(r.status_history.map((e) => e.event));
    const gone = events.has('annulled') || events.has('repaired');
    const recorded = Date.parse(r.recorded_at ?? '');
    const rb = versions.at(recorded);
    const windowOpen = now <= addDuration(recorded, rb.objectionWindow);
    const type = versions.at(Date.parse(r.occurred_at ?? '')).recordTypes.get(r.type);
    const openObjection = file.objections.some((c) => c.record === key && c.status === 'open');
    const repairCase = cases.some(
      (c) => c.kind === 'repair' && c.record === key && (c.status === 'open' || c.status === 'approved'),
    );
    const repairable = file.score.repairable.some(
      (x) => x.record === r.id && x.type === r.type && Date.parse(x.from ?? '') <= now,
    );
    out.set(key, {
      object: !gone && windowOpen && !openObjection && (type?.points ?? 0) < 0,
      repair: !gone && repairable && !repairCase,
    });
  }
  return out;
}

export function MePage({
  v,
  file,
  history,
  actions,
  titles,
  checkers,
  flash,
}: {
  v: View;
  file: SubjectFile;
  history: ScoreHistory;
  actions: ReadonlyMap<string, RecordActions>;
  titles: (type: string) => string;
  checkers: ReadonlyMap<string, string>;
  flash?: string | undefined;
}) {
  const { t } = v;
  const s = file.score;
  const counting = new Set(s.contributions.map((c) => `${c.source}/${c.record}`));
  const pointsOf = (key: string) =>
    s.contributions.filter((c) => `${c.source}/${c.record}` === key).reduce((sum, c) => sum + c.points, 0);
  const recordTitle = (key: string) => {
    const r = file.records.find((x) => `${x.source}/${x.id}` === key);
    return r ? `${titles(r.type)} (${key})` : key;
  };
  const notices = file.notices.filter((n) => n.recipient === 'subject').reverse();
  const past = file.list_history.filter((e) => e.until !== null && Date.parse(e.until) <= v.now);
  const contestFor = (key: string) => {
    const a = actions.get(key);
    return a;
  };
  return (
    <Page v={v} title={t('me.title')}>
      <h1>{t('me.title')}</h1>
      {flash && <Flash kind="ok">{flash}</Flash>}
      <section class="summary" aria-labelledby="score-h">
        <h2 id="score-h">{t('me.score')}</h2>
        <p class="big-score">
          <GradeBadge grade={s.grade} /> <strong class="score">{s.score}</strong>{' '}
          <span class="who-am-i">
            {file.subject.name} · <code>{file.subject.ref}</code>
          </span>
        </p>
      </section>
      <section aria-labelledby="why-h">
        <h2 id="why-h">{t('me.why')}</h2>
        <p>{t('me.base', { base: s.base })}</p>
        {s.contributions.length === 0 ? (
          <p>{t('me.no_contributions')}</p>
        ) : (
          <ul class="explain">
            {s.contributions.map((c) => (
              <li
                key={`${c.source}/${c.record}/${c.rule ?? ''}/${c.path}`}
                class={c.points < 0 ? 'neg' : 'pos'}
              >
                {t('me.contribution', {
                  points: pts(c.points),
                  reason: c.reason,
                  record: `${c.source}/${c.record}`,
                  until: day(c.until),
                })}
                {c.path !== 'self' ? t('me.contribution.path', { path: c.path }) : ''}
              </li>
            ))}
          </ul>
        )}
        {s.clamped && <p>{t('me.clamped', { from: s.clamped.from, to: s.clamped.to })}</p>}
      </section>
      <section aria-labelledby="next-h">
        <h2 id="next-h">{t('me.next')}</h2>
        <ul>
          <li>
            {s.next_grade_change
              ? t('me.next.grade', {
                  from: s.next_grade_change.from,
                  to: s.next_grade_change.to,
                  date: day(s.next_grade_change.at),
                  score: s.next_grade_change.score,
                  because: s.next_grade_change.because.join('; '),
                })
              : t('me.next.none')}
          </li>
          {s.next_change_at && <li>{t('me.next.change', { date: day(s.next_change_at) })}</li>}
          {s.repairable.map((r) => (
            <li key={r.record}>
              {t('me.repairable', {
                record: r.record,
                type: titles(r.type),
                date: day(r.from),
                requires: r.requires.map((m) => t(`material.${m}` as MessageKey)).join(', '),
              })}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="lists-h">
        <h2 id="lists-h">{t('me.lists')}</h2>
        {s.lists.length === 0 && s.warnings.length === 0 && <p>{t('me.lists.none')}</p>}
        {[...s.lists, ...s.warnings].map((e) => {
          const grounds = e.grounds.kind === 'records' ? e.grounds.records : [];
          return (
            <div key={e.decision}>
              <EntryCard v={v} e={e} recordTitle={recordTitle} />
              <p class="actions">
                {grounds.map((k) => {
                  const a = contestFor(k);
                  const [source, ...rest] = k.split('/');
                  const id = rest.join('/');
                  return (
                    <span key={k}>
                      {a?.object && (
                        <a class="button" href={href('/me/object', { source, id })}>
                          {t('me.object')}: {id}
                        </a>
                      )}{' '}
                      {a?.repair && (
                        <a class="button" href={href('/me/repair', { source, id })}>
                          {t('me.repair')}: {id}
                        </a>
                      )}
                    </span>
                  );
                })}
              </p>
            </div>
          );
        })}
        {past.length > 0 && (
          <>
            <h3>{t('me.list_history')}</h3>
            <ul>
              {past.map((e) => (
                <li key={e.decision}>
                  {e.title}: <Time t={e.since} /> → <Time t={e.until} /> —{' '}
                  {t('entry.ended', { date: day(e.until), why: exitText(v, e.exit) })}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="records-h">
        <h2 id="records-h">{t('me.records')}</h2>
        {file.records.length === 0 ? (
          <p>{t('me.records.none')}</p>
        ) : (
          <TableBox label={t('me.records')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('rec.type')}</th>
                  <th scope="col">{t('rec.id')}</th>
                  <th scope="col">{t('rec.occurred')}</th>
                  <th scope="col">{t('rec.points')}</th>
                  <th scope="col">{t('rec.status')}</th>
                  <th scope="col">{t('rec.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {[...file.records].reverse().map((r) => {
                  const key = `${r.source}/${r.id}`;
                  const a = actions.get(key);
                  const p = pointsOf(key);
                  return (
                    <tr key={key}>
                      <td>{titles(r.type)}</td>
                      <td>
                        <code>{key}</code>
                      </td>
                      <td>
                        <Time t={r.occurred_at} />
                      </td>
                      <td class="num">{counting.has(key) ? pts(p) : '—'}</td>
                      <td>{t(statusOf(r, counting.has(key)))}</td>
                      <td>
                        {a?.object && (
                          <a href={href('/me/object', { source: r.source, id: r.id })}>
                            {t('me.object')}
                            <span class="visually-hidden"> {key}</span>
                          </a>
                        )}{' '}
                        {a?.repair && (
                          <a href={href('/me/repair', { source: r.source, id: r.id })}>
                            {t('me.repair')}
                            <span class="visually-hidden"> {key}</span>
                          </a>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableBox>
        )}
      </section>
      <section aria-labelledby="cases-h">
        <h2 id="cases-h">{t('me.cases')}</h2>
        {file.objections.length + file.repairs.length === 0 ? (
          <p>{t('me.cases.none')}</p>
        ) : (
          <TableBox label={t('me.cases')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('case.col.id')}</th>
                  <th scope="col">{t('case.col.kind')}</th>
                  <th scope="col">{t('case.col.record')}</th>
                  <th scope="col">{t('case.col.opened')}</th>
                  <th scope="col">{t('case.col.deadline')}</th>
                  <th scope="col">{t('case.col.status')}</th>
                  <th scope="col">{t('case.col.reasons')}</th>
                </tr>
              </thead>
              <tbody>
                {[...file.objections, ...file.repairs]
                  .sort((a, b) => (b.opened_at ?? '').localeCompare(a.opened_at ?? ''))
                  .map((c) => (
                    <tr key={c.id}>
                      <td>
                        <code>{c.id}</code>
                      </td>
                      <td>{t(`case.kind.${c.kind}` as MessageKey)}</td>
                      <td>
                        <code>{c.record}</code>
                      </td>
                      <td>
                        <Time t={c.opened_at} />
                      </td>
                      <td>
                        <Time t={c.deadline} />
                      </td>
                      <td>{t(`case.status.${c.status}` as MessageKey)}</td>
                      <td>{c.reasons ?? ''}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </TableBox>
        )}
      </section>
      <section aria-labelledby="history-h">
        <h2 id="history-h">{t('me.history')}</h2>
        <ScoreChart v={v} id="my-history" title={t('me.history')} history={history} publicView={false} />
      </section>
      <section aria-labelledby="notices-h">
        <h2 id="notices-h">{t('me.notices')}</h2>
        {notices.length === 0 ? (
          <p>{t('me.notices.none')}</p>
        ) : (
          <TableBox label={t('me.notices')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('notice.col.date')}</th>
                  <th scope="col">{t('notice.col.title')}</th>
                  <th scope="col">{t('notice.col.options')}</th>
                </tr>
              </thead>
              <tbody>
                {notices.map((n) => {
                  const body = n as unknown as {
                    title?: string;
                    reasons?: string[];
                    legal_basis?: string;
                    options?: { action: string; until?: string | null; from?: string | null }[];
                  };
                  return (
                    <tr key={n.id}>
                      <td>
                        <Time t={n.created_at} />
                      </td>
                      <td>
                        <strong>{body.title}</strong>
                        {body.reasons && body.reasons.length > 0 && <div>{body.reasons.join(' ')}</div>}
                        {body.legal_basis && <div class="hint">{body.legal_basis}</div>}
                      </td>
                      <td>
                        <ul class="plain">
                          {(body.options ?? []).map((o) => (
                            <li key={o.action}>
                              {o.action}
                              {o.until ? ` (${t('notice.until', { date: day(o.until) })})` : ''}
                              {o.from ? ` (${t('notice.from', { date: day(o.from) })})` : ''}
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableBox>
        )}
      </section>
      <section aria-labelledby="checks-h">
        <h2 id="checks-h">{t('me.checks')}</h2>
        {file.checks.length === 0 ? (
          <p>{t('me.checks.none')}</p>
        ) : (
          <TableBox label={t('me.checks')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('me.check.when')}</th>
                  <th scope="col">{t('me.check.who')}</th>
                  <th scope="col">{t('me.check.measure')}</th>
                  <th scope="col">{t('me.check.answer')}</th>
                </tr>
              </thead>
              <tbody>
                {[...file.checks].reverse().map((c, i) => (
                  <tr key={i}>
                    <td>
                      <Time t={c.asked_at} />
                    </td>
                    <td>{checkers.get(c.asked_by) ?? c.asked_by}</td>
                    <td>
                      <code>{c.measure}</code>
                    </td>
                    <td>
                      {c.applies
                        ? c.until
                          ? t('me.check.applies', { until: day(c.until) })
                          : t('me.check.applies_open')
                        : t('me.check.not')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
        )}
      </section>
      <section aria-labelledby="export-h">
        <h2 id="export-h">{t('me.export')}</h2>
        <p>{t('me.export.lead')}</p>
        <p>
          <a class="button" href="/me/export.json" download>
            {t('me.export')}
          </a>
        </p>
      </section>
    </Page>
  );
}

function RecordSummary({ v, r, title }: { v: View; r: RecordView; title: string }) {
  const { t } = v;
  return (
    <dl class="facts">
      <dt>{t('rec.type')}</dt>
      <dd>{title}</dd>
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
      <dt>{t('rec.legal_basis')}</dt>
      <dd>{r.legal_basis}</dd>
      <dt>{t('rec.evidence')}</dt>
      <dd>
        {r.evidence.map((e) => (
          <code key={e} class="hash">
            {e}
          </code>
        ))}
      </dd>
    </dl>
  );
}

export function ObjectPage({
  v,
  r,
  title,
  error,
  statement,
}: {
  v: View;
  r: RecordView;
  title: string;
  error?: string | undefined;
  statement?: string | undefined;
}) {
  const { t } = v;
  const key = `${r.source}/${r.id}`;
  return (
    <Page v={v} title={t('object.title', { record: key })} narrow>
      <p class="crumbs">
        <a href="/me">{t('nav.me')}</a>
      </p>
      <h1>{t('object.title', { record: key })}</h1>
      <RecordSummary v={v} r={r} title={title} />
      <p>{t('object.lead')}</p>
      {error && <Flash kind="error">{error}</Flash>}
      <form method="post" action="/me/object" class="stack">
        <Csrf v={v} />
        <input type="hidden" name="source" value={r.source} />
        <input type="hidden" name="id" value={r.id} />
        <div class="field">
          <label for="statement">{t('object.statement')}</label>
          <textarea id="statement" name="statement" rows={6} required aria-describedby="statement-hint">
            {statement ?? ''}
          </textarea>
          <p class="hint" id="statement-hint">
            {t('object.statement.hint')}
          </p>
        </div>
        <button type="submit">{t('object.submit')}</button>
      </form>
    </Page>
  );
}

export function RepairPage({
  v,
  r,
  title,
  requires,
  error,
  values,
}: {
  v: View;
  r: RecordView;
  title: string;
  requires: readonly string[];
  error?: string | undefined;
  values?: Record<string, string>;
}) {
  const { t } = v;
  const key = `${r.source}/${r.id}`;
  const materials = requires.filter((m) => m !== 'commitment_letter');
  return (
    <Page v={v} title={t('repair.title', { record: key })} narrow>
      <p class="crumbs">
        <a href="/me">{t('nav.me')}</a>
      </p>
      <h1>{t('repair.title', { record: key })}</h1>
      <RecordSummary v={v} r={r} title={title} />
      <p>{t('repair.lead')}</p>
      <p>
        {t('repair.requires', { requires: requires.map((m) => t(`material.${m}` as MessageKey)).join(', ') })}
      </p>
      {error && <Flash kind="error">{error}</Flash>}
      <form method="post" action="/me/repair" class="stack" enctype="multipart/form-data">
        <Csrf v={v} />
        <input type="hidden" name="source" value={r.source} />
        <input type="hidden" name="id" value={r.id} />
        <div class="field">
          <label for="letter">{t('repair.letter')}</label>
          <textarea id="letter" name="letter" rows={6} required minLength={20} aria-describedby="letter-hint">
            {values?.letter ?? ''}
          </textarea>
          <p class="hint" id="letter-hint">
            {t('repair.letter.hint')}
          </p>
        </div>
        <div class="field">
          <label for="signed_by">{t('repair.signed_by')}</label>
          <input
            id="signed_by"
            name="signed_by"
            required
            value={values?.signed_by ?? ''}
            aria-describedby="signed-hint"
          />
          <p class="hint" id="signed-hint">
            {t('repair.signed_by.hint')}
          </p>
        </div>
        {materials.map((m) => (
          <fieldset key={m}>
            <legend>{t('repair.evidence', { material: t(`material.${m}` as MessageKey) })}</legend>
            <div class="field">
              <label for={`file_${m}`}>{t('repair.file')}</label>
              <input id={`file_${m}`} name={`file_${m}`} type="file" aria-describedby="file-hint" />
            </div>
            <div class="field">
              <label for={`ref_${m}`}>{t('repair.ref')}</label>
              <input
                id={`ref_${m}`}
                name={`ref_${m}`}
                value={values?.[`ref_${m}`] ?? ''}
                pattern="sha256:[0-9a-fA-F]{64}"
                spellcheck={false}
                autocomplete="off"
              />
            </div>
          </fieldset>
        ))}
        <p class="hint" id="file-hint">
          {t('repair.file.hint')}
        </p>
        <button type="submit">{t('repair.submit')}</button>
      </form>
    </Page>
  );
}

/** The signed-in subject's registry reference. */
async function myRef(ctx: AppContext, subjectId: number | null): Promise<string> {
  if (subjectId === null) throw new CredenceError('auth.forbidden', 'this token names no subject');
  const [s] = await ctx.store.subjectsById([subjectId]);
  if (!s) throw new CredenceError('subject.not_found', 'the subject of this token is no longer registered');
  return refOf(s);
}

function titlesOf(versions: RulebookSet) {
  return (type: string) => versions.latest.recordTypes.get(type)?.title ?? type;
}

async function recordOf(ctx: AppContext, ref: string, source: string, id: string) {
  const file = await exportFile(ctx, ref);
  const r = file.records.find((x) => x.source === source && x.id === id);
  if (!r) throw new CredenceError('record.not_found', `record ${source}/${id} is not in your file`);
  return { file, r };
}

export function sha256Ref(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

export function meRoutes(web: Web, ctx: AppContext): void {
  const versionsOf = () => ctx.store.transaction((tx) => activeRulebooks(tx));

  web.get('/me', PAGE, async (req, reply) => {
    const v = req.webView;
    const user = requireRole(req, ['subject']);
    const ref = await myRef(ctx, user.subjectId);
    const [file, history, versions, tokens] = await Promise.all([
      exportFile(req.webCtx, ref),
      scoreHistory(req.webCtx, ref),
      versionsOf(),
      listTokens(ctx),
    ]);
    const checkers = new Map(
      tokens.map((tk) => [`token:${tk.id}`, tk.label ? `${tk.label} (${tk.role})` : tk.role]),
    );
    const filed = queryOf(req).filed;
    let flash: string | undefined;
    if (filed) {
      const c = [...file.objections, ...file.repairs].find((x) => x.id === filed);
      if (c)
        flash = v.t(c.kind === 'objection' ? 'me.done.objection' : 'me.done.repair', {
          id: c.id,
          date: day(c.deadline),
        });
    }
    return sendPage(
      reply,
      <MePage
        v={v}
        file={file}
        history={history}
        actions={actionsOf(file, versions, v.now)}
        titles={titlesOf(versions)}
        checkers={checkers}
        flash={flash}
      />,
    );
  });

  web.get('/me/export.json', PAGE, async (req, reply) => {
    const user = requireRole(req, ['subject']);
    const ref = await myRef(ctx, user.subjectId);
    const file = await exportFile(req.webCtx, ref);
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="credence-file-${ref}.json"`)
      .header('cache-control', 'no-store')
      .send(JSON.stringify(file, null, 2));
  });

  web.get('/me/object', PAGE, async (req, reply) => {
    const v = req.webView;
    const user = requireRole(req, ['subject']);
    const q = queryOf(req);
    const ref = await myRef(ctx, user.subjectId);
    const { r } = await recordOf(req.webCtx, ref, q.source ?? '', q.id ?? '');
    const versions = await versionsOf();
    return sendPage(reply, <ObjectPage v={v} r={r} title={titlesOf(versions)(r.type)} />);
  });

  web.post('/me/object', PAGE, async (req, reply) => {
    const v = req.webView;
    const user = requireRole(req, ['subject']);
    const ref = await myRef(ctx, user.subjectId);
    const source = field(req.body, 'source');
    const id = field(req.body, 'id');
    const statement = field(req.body, 'statement');
    try {
      const c = await fileObjection(req.webCtx, ref, { source, id }, statement);
      return reply.redirect(href('/me', { filed: c.id }), 303);
    } catch (e) {
      if (!(e instanceof CredenceError)) throw e;
      const { r } = await recordOf(req.webCtx, ref, source, id);
      const versions = await versionsOf();
      return sendPage(
        reply,
        <ObjectPage v={v} r={r} title={titlesOf(versions)(r.type)} error={e.message} statement={statement} />,
        e.code.endsWith('already_open') ? 409 : 400,
      );
    }
  });

  const requiresOf = (versions: RulebookSet, r: RecordView) =>
    versions.at(Date.parse(r.occurred_at ?? '')).recordTypes.get(r.type)?.repair?.requires ??
    versions.latest.recordTypes.get(r.type)?.repair?.requires ??
    [];

  web.get('/me/repair', PAGE, async (req, reply) => {
    const v = req.webView;
    const user = requireRole(req, ['subject']);
    const q = queryOf(req);
    const ref = await myRef(ctx, user.subjectId);
    const { r } = await recordOf(req.webCtx, ref, q.source ?? '', q.id ?? '');
    const versions = await versionsOf();
    return sendPage(
      reply,
      <RepairPage v={v} r={r} title={titlesOf(versions)(r.type)} requires={requiresOf(versions, r)} />,
    );
  });

  web.post('/me/repair', PAGE, async (req, reply) => {
    const v = req.webView;
    const user = requireRole(req, ['subject']);
    const ref = await myRef(ctx, user.subjectId);
    const body = req.body;
    const source = field(body, 'source');
    const id = field(body, 'id');
    const { r } = await recordOf(req.webCtx, ref, source, id);
    const versions = await versionsOf();
    const requires = requiresOf(versions, r);
    const values: Record<string, string> = {
      letter: field(body, 'letter'),
      signed_by: field(body, 'signed_by'),
    };
    const evidence: { kind: string; ref: string }[] = [];
    for (const m of requires.filter((x) => x !== 'commitment_letter')) {
      // the file's bytes are hashed here and dropped: only the hash enters the registry
      const f = fileOf(body, `file_${m}`);
      const typed = field(body, `ref_${m}`);
      values[`ref_${m}`] = typed;
      if (f && f.data.length > 0) evidence.push({ kind: m, ref: sha256Ref(f.data) });
      else if (typed) evidence.push({ kind: m, ref: typed.toLowerCase() });
    }
    try {
      const c = await applyForRepair(
        req.webCtx,
        ref,
        { source, id },
        { text: values.letter!, signed_by: values.signed_by! },
        evidence,
      );
      return reply.redirect(href('/me', { filed: c.id }), 303);
    } catch (e) {
      if (!(e instanceof CredenceError)) throw e;
      return sendPage(
        reply,
        <RepairPage
          v={v}
          r={r}
          title={titlesOf(versions)(r.type)}
          requires={requires}
          error={e.message}
          values={values}
        />,
        e.code.endsWith('already_applied') ? 409 : 400,
      );
    }
  });
}
