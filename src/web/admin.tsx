import { parse } from 'yaml';
import {
  activateRulebook,
  checkRulebook,
  draftRulebook,
  publishRulebook,
  rulebookVersions,
  type VersionView,
} from '../app/governance/governance.rulebooks.ts';
import { whatIf } from '../app/governance/governance.whatif.ts';
import { Ingestor } from '../app/ingest/ingest.usecases.ts';
import type { AppContext } from '../app/ports/ports.context.ts';
import type { TokenRow } from '../app/ports/ports.store.ts';
import { createToken, listTokens, ROLES, revokeToken } from '../app/tokens/tokens.usecases.ts';
import { CredenceError, formatIssue } from '../domain/errors.ts';
import { diffDocuments, formatChange, type RulebookChange } from '../rules/diff.ts';
import { field, href, PAGE, queryOf, requireRole, sendPage, type View, type Web } from './shell/http.ts';
import { type MessageKey, sectorName } from './i18n/i18n.ts';
import { Csrf, day, Flash, Page, TableBox, Time } from './shell/layout.tsx';

/** Administration: sources, tokens, rulebook versions with their diff, and draft activation after its impact. */

export interface DiffLine {
  readonly op: ' ' | '+' | '-';
  readonly text: string;
  readonly a: number | null;
  readonly b: number | null;
}

/** A line diff (longest common subsequence after trimming the common head and tail). */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  const n = am.length;
  const m = bm.length;
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i * (m + 1) + j] =
        am[i] === bm[j]
          ? lcs[(i + 1) * (m + 1) + j + 1]! + 1
          : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!);
  const out: DiffLine[] = [];
  for (let k = 0; k < head; k++) out.push({ op: ' ', text: a[k]!, a: k + 1, b: k + 1 });
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && am[i] === bm[j]) {
      out.push({ op: ' ', text: am[i]!, a: head + i + 1, b: head + j + 1 });
      i++;
      j++;
    } else if (i < n && (j === m || lcs[(i + 1) * (m + 1) + j]! >= lcs[i * (m + 1) + j + 1]!)) {
      out.push({ op: '-', text: am[i]!, a: head + i + 1, b: null });
      i++;
    } else {
      out.push({ op: '+', text: bm[j]!, a: null, b: head + j + 1 });
      j++;
    }
  }
  for (let k = 0; k < tail; k++)
    out.push({
      op: ' ',
      text: a[a.length - tail + k]!,
      a: a.length - tail + k + 1,
      b: b.length - tail + k + 1,
    });
  return out;
}

/** Keeps changed lines with `context` lines around them; gaps become `null`. */
export function hunks(lines: readonly DiffLine[], context = 3): (DiffLine | null)[] {
  const keep = new Uint8Array(lines.length);
  lines.forEach((l, i) => {
    if (l.op === ' ') return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) keep[k] = 1;
  });
  const out: (DiffLine | null)[] = [];
  let gap = false;
  lines.forEach((l, i) => {
    if (keep[i]) {
      out.push(l);
      gap = false;
    } else if (!gap) {
      out.push(null);
      gap = true;
    }
  });
  return out;
}

export function Diff({ v, before, after, label }: { v: View; before: string; after: string; label: string }) {
  const { t } = v;
  const lines = lineDiff(before, after);
  const added = lines.filter((l) => l.op === '+').length;
  const removed = lines.filter((l) => l.op === '-').length;
  if (added + removed === 0) return <p>{t('admin.rb.diff.none')}</p>;
  return (
    <>
      <p>{t('admin.rb.diff.summary', { added, removed })}</p>
      <TableBox label={label}>
        <pre class="diff">
          {hunks(lines).map((l, i) =>
            l === null ? (
              <span key={i} class="gap">
                {'⋯\n'}
              </span>
            ) : (
              <span key={i} class={l.op === '+' ? 'add' : l.op === '-' ? 'del' : undefined}>
                {`${String(l.op === '+' ? l.b : l.a).padStart(4)} ${l.op} ${l.text}\n`}
              </span>
            ),
          )}
        </pre>
      </TableBox>
    </>
  );
}

/** The changes of a version as the rulebook layer computes them (field by field), then the full text diff. */
export function Changes({
  v,
  changes,
  before,
  after,
  label,
}: {
  v: View;
  changes: readonly RulebookChange[];
  before: string;
  after: string;
  label: string;
}) {
  const { t } = v;
  return (
    <>
      {changes.length === 0 ? (
        <p>{t('admin.rb.no_changes')}</p>
      ) : (
        <ul class="changes">
          {changes.map((c) => (
            <li key={c.path} class={`change-${c.kind}`}>
              <code>{formatChange(c)}</code>
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary>{t('admin.rb.text_diff')}</summary>
        <Diff v={v} before={before} after={after} label={label} />
      </details>
    </>
  );
}

function versionStatus(v: View, r: VersionView): string {
  if (r.status === 'draft') return v.t('admin.rb.draft');
  if (r.in_comment) return v.t('admin.rb.in_comment', { date: day(r.comment_until) });
  return v.t('admin.rb.published');
}

function tokenState(tk: TokenRow, now: number): MessageKey {
  if (tk.revoked_at !== null && tk.revoked_at <= now) return 'admin.token.revoked';
  if (tk.expires_at !== null && tk.expires_at <= now) return 'admin.token.expired';
  return 'admin.token.active';
}

export function AdminPage({
  v,
  sources,
  tokens,
  rulebooks,
  draft,
  flash,
  error,
  issues,
  newToken,
}: {
  v: View;
  sources: readonly { id: string; name: string; domains: string }[];
  tokens: readonly TokenRow[];
  rulebooks: readonly VersionView[];
  draft: string;
  flash?: string | undefined;
  error?: string | undefined;
  issues?: readonly string[] | undefined;
  newToken?: { role: string; token: string } | undefined;
}) {
  const { t } = v;
  return (
    <Page v={v} title={t('admin.title')}>
      <h1>{t('admin.title')}</h1>
      {flash && <Flash kind="ok">{flash}</Flash>}
      {error && <Flash kind="error">{error}</Flash>}
      {newToken && (
        <div class="flash flash-ok new-token" role="status">
          <p>{t('admin.token.shown_once', { role: newToken.role })}</p>
          <p>
            <code id="new-token" class="hash">
              {newToken.token}
            </code>{' '}
            <button type="button" class="js-only" data-copy="new-token">
              {t('admin.token.copy')}
            </button>
          </p>
        </div>
      )}
      <section aria-labelledby="rb-h">
        <h2 id="rb-h">{t('admin.rulebooks')}</h2>
        <TableBox label={t('admin.rulebooks')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin.rb.version')}</th>
                <th scope="col">{t('admin.rb.status')}</th>
                <th scope="col">{t('admin.rb.effective')}</th>
                <th scope="col">{t('admin.rb.activated')}</th>
                <th scope="col">{t('admin.rb.by')}</th>
                <th scope="col">{t('admin.rb.hash')}</th>
                <th scope="col">{t('admin.rb.diff')}</th>
              </tr>
            </thead>
            <tbody>
              {rulebooks.map((r) => (
                <tr key={r.hash}>
                  <td>
                    {r.name} {r.version}
                  </td>
                  <td>{versionStatus(v, r)}</td>
                  <td>
                    <Time t={r.effective_from} />
                  </td>
                  <td>
                    <Time t={r.published_at} />
                  </td>
                  <td>{r.published_by}</td>
                  <td>
                    <code>{r.hash.slice(0, 12)}</code>
                  </td>
                  <td>
                    <a href={href('/admin/rulebooks/diff', { hash: r.hash })}>
                      {t('admin.rb.changes_link', { n: r.changes.length, version: r.version })}
                    </a>
                    {r.status === 'draft' && (
                      <form method="post" action="/admin/rulebooks/impact" class="inline">
                        <Csrf v={v} />
                        <input type="hidden" name="hash" value={r.hash} />{' '}
                        <button type="submit" class="small">
                          {t('admin.rb.impact', { version: r.version })}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
        <h3 id="draft-h">{t('admin.draft')}</h3>
        <p>{t('admin.draft.lead')}</p>
        {issues && issues.length > 0 && (
          <div class="flash flash-error" role="alert">
            <p>{t('admin.draft.invalid', { n: issues.length })}</p>
            <ul>
              {issues.map((i) => (
                <li key={i}>
                  <code>{i}</code>
                </li>
              ))}
            </ul>
          </div>
        )}
        <form method="post" action="/admin/rulebooks/impact" class="stack">
          <Csrf v={v} />
          <div class="field">
            <label for="draft">{t('admin.draft.text')}</label>
            <textarea id="draft" name="text" rows={14} class="code" spellcheck={false} required>
              {draft}
            </textarea>
          </div>
          <button type="submit">{t('admin.draft.submit')}</button>
        </form>
      </section>
      <section aria-labelledby="tokens-h">
        <h2 id="tokens-h">{t('admin.tokens')}</h2>
        <TableBox label={t('admin.tokens')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin.token.role')}</th>
                <th scope="col">{t('admin.token.label')}</th>
                <th scope="col">{t('admin.token.for')}</th>
                <th scope="col">{t('admin.token.created')}</th>
                <th scope="col">{t('admin.token.state')}</th>
                <td />
              </tr>
            </thead>
            <tbody>
              {tokens.map((tk) => {
                const state = tokenState(tk, v.now);
                return (
                  <tr key={tk.id}>
                    <td>{tk.role}</td>
                    <td>{tk.label}</td>
                    <td>{tk.source ?? (tk.subject_id !== null ? `#${tk.subject_id}` : '')}</td>
                    <td>
                      <Time t={tk.created_at} />
                    </td>
                    <td>{t(state)}</td>
                    <td>
                      {state === 'admin.token.active' && (
                        <form
                          method="post"
                          action={`/admin/tokens/${encodeURIComponent(tk.id)}/revoke`}
                          class="inline"
                        >
                          <Csrf v={v} />
                          <button
                            type="submit"
                            class="small"
                            aria-label={t('admin.token.revoke_label', { id: tk.id.slice(0, 8) })}
                          >
                            {t('admin.token.revoke')}
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableBox>
        <h3>{t('admin.token.new')}</h3>
        <form method="post" action="/admin/tokens" class="grid-form">
          <Csrf v={v} />
          <div class="field">
            <label for="tk-role">{t('admin.token.role')}</label>
            <select id="tk-role" name="role" required>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="tk-label">{t('admin.token.label')}</label>
            <input id="tk-label" name="label" />
          </div>
          <div class="field">
            <label for="tk-source">{t('admin.token.source')}</label>
            <input id="tk-source" name="source" />
          </div>
          <div class="field">
            <label for="tk-subject">{t('admin.token.subject')}</label>
            <input id="tk-subject" name="subject" autocomplete="off" />
          </div>
          <div class="field">
            <label for="tk-expires">{t('admin.token.expires')}</label>
            <input id="tk-expires" name="expires" placeholder="P90D" />
          </div>
          <div class="field">
            <button type="submit">{t('admin.token.submit')}</button>
          </div>
        </form>
      </section>
      <section aria-labelledby="sources-h">
        <h2 id="sources-h">{t('admin.sources')}</h2>
        <TableBox label={t('admin.sources')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin.source.id')}</th>
                <th scope="col">{t('admin.source.name')}</th>
                <th scope="col">{t('admin.source.domains')}</th>
              </tr>
            </thead>
            <tbody>
              {sources.map((s) => (
                <tr key={s.id}>
                  <td>
                    <code>{s.id}</code>
                  </td>
                  <td>{s.name}</td>
                  <td>{(JSON.parse(s.domains) as string[]).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
        <h3>{t('admin.source.add')}</h3>
        <form method="post" action="/admin/sources" class="grid-form">
          <Csrf v={v} />
          <div class="field">
            <label for="src-id">{t('admin.source.id')}</label>
            <input id="src-id" name="id" required pattern="[A-Za-z0-9][A-Za-z0-9._\-]*" />
          </div>
          <div class="field">
            <label for="src-name">{t('admin.source.name')}</label>
            <input id="src-name" name="name" required />
          </div>
          <div class="field">
            <label for="src-domains">{t('admin.source.domains')}</label>
            <input id="src-domains" name="domains" required aria-describedby="src-domains-hint" />
            <p class="hint" id="src-domains-hint">
              {t('admin.source.domains.hint')}
            </p>
          </div>
          <div class="field">
            <button type="submit">{t('admin.source.submit')}</button>
          </div>
        </form>
      </section>
    </Page>
  );
}

type Impact = Awaited<ReturnType<typeof whatIf>>;

function TallyTable({
  v,
  label,
  rows,
  name,
}: {
  v: View;
  label: string;
  rows: readonly [string, { subjects: number; changed_grade: number; changed_list: number }][];
  name: (k: string) => string;
}) {
  const { t } = v;
  return (
    <TableBox label={label}>
      <table>
        <thead>
          <tr>
            <td />
            <th scope="col">{t('admin.impact.subjects')}</th>
            <th scope="col">{t('admin.impact.changed_grade')}</th>
            <th scope="col">{t('admin.impact.changed_list')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([k, x]) => (
            <tr key={k} class={x.changed_grade + x.changed_list > 0 ? 'changed' : undefined}>
              <th scope="row">{name(k)}</th>
              <td class="num">{x.subjects}</td>
              <td class="num">{x.changed_grade}</td>
              <td class="num">{x.changed_list}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableBox>
  );
}

export function ImpactPage({
  v,
  impact,
  text,
  current,
  changes,
  stored,
  grades,
}: {
  v: View;
  impact: Impact;
  text: string;
  current: string;
  changes: readonly RulebookChange[];
  stored: boolean;
  grades: readonly string[];
}) {
  const { t } = v;
  const fmtLists = (m: Record<string, number>) =>
    Object.entries(m)
      .map(([l, n]) => `${l} ${n}`)
      .join(', ') || t('admin.impact.none');
  const byGrade = grades
    .filter((g) => impact.by_grade[g])
    .map((g) => [g, impact.by_grade[g]!] as [string, Impact['by_grade'][string]]);
  const bySector = Object.entries(impact.by_sector).sort((a, b) => b[1].subjects - a[1].subjects);
  return (
    <Page v={v} title={t('admin.impact.title', { name: impact.draft.name, version: impact.draft.version })}>
      <p class="crumbs">
        <a href="/admin">{t('admin.title')}</a>
      </p>
      <h1>{t('admin.impact.title', { name: impact.draft.name, version: impact.draft.version })}</h1>
      <p class="lead" role="status">
        {t('admin.impact.lead', {
          date: day(impact.at),
          n: impact.subjects,
          grade: impact.changed_grade,
          list: impact.changed_list,
        })}
      </p>
      <div class="two-col">
        <section aria-labelledby="bygrade-h">
          <h2 id="bygrade-h">{t('admin.impact.by_grade')}</h2>
          <TallyTable v={v} label={t('admin.impact.by_grade')} rows={byGrade} name={(k) => k} />
        </section>
        <section aria-labelledby="bysector-h">
          <h2 id="bysector-h">{t('admin.impact.by_sector')}</h2>
          <TallyTable
            v={v}
            label={t('admin.impact.by_sector')}
            rows={bySector}
            name={(k) => sectorName(k, t)}
          />
        </section>
      </div>
      <section aria-labelledby="trans-h">
        <h2 id="trans-h">{t('admin.impact.transitions')}</h2>
        {impact.transitions.every((x) => x.from === x.to) ? (
          <p>{t('admin.impact.no_transitions')}</p>
        ) : (
          <TableBox label={t('admin.impact.transitions')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('admin.impact.from')}</th>
                  <th scope="col">{t('admin.impact.to')}</th>
                  <th scope="col">{t('admin.impact.count')}</th>
                </tr>
              </thead>
              <tbody>
                {impact.transitions
                  .filter((x) => x.from !== x.to)
                  .map((x) => (
                    <tr key={`${x.from}-${x.to}`}>
                      <td>{x.from}</td>
                      <td>{x.to}</td>
                      <td class="num">{x.count}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </TableBox>
        )}
        <p>{t('admin.impact.entries', { list: fmtLists(impact.list_entries) })}</p>
        <p>{t('admin.impact.exits', { list: fmtLists(impact.list_exits) })}</p>
      </section>
      <section aria-labelledby="diff-h">
        <h2 id="diff-h">{t('admin.rb.diff')}</h2>
        <Changes v={v} changes={changes} before={current} after={text} label={t('admin.rb.diff')} />
      </section>
      <section aria-labelledby="act-h">
        <h2 id="act-h">{t('admin.impact.decide')}</h2>
        <p class="hint">{t('admin.impact.confirm')}</p>
        <details>
          <summary>{t('admin.draft.text')}</summary>
          <pre class="diff">{text}</pre>
        </details>
        <div class="actions-row">
          <form method="post" action="/admin/rulebooks/activate" data-confirm={t('admin.impact.confirm')}>
            <Csrf v={v} />
            <input type="hidden" name="text" value={text} />
            <button type="submit" class="danger">
              {t('admin.impact.activate', { name: impact.draft.name, version: impact.draft.version })}
            </button>
          </form>
          <form method="post" action="/admin/rulebooks/publish" class="publish">
            <Csrf v={v} />
            <input type="hidden" name="text" value={text} />
            <label for="period">{t('admin.publish.period')}</label>
            <input id="period" name="period" value="P30D" size={8} />
            <button type="submit">{t('admin.publish')}</button>
          </form>
          {!stored && (
            <form method="post" action="/admin/rulebooks/draft">
              <Csrf v={v} />
              <input type="hidden" name="text" value={text} />
              <button type="submit" class="secondary">
                {t('admin.draft.save')}
              </button>
            </form>
          )}
        </div>
      </section>
    </Page>
  );
}

export function DiffPage({
  v,
  version,
  before,
}: {
  v: View;
  version: VersionView & { source: string };
  before: string;
}) {
  const { t } = v;
  const title = t('admin.rb.diff.title', { name: version.name, version: version.version });
  return (
    <Page v={v} title={title}>
      <p class="crumbs">
        <a href="/admin">{t('admin.title')}</a>
      </p>
      <h1>{title}</h1>
      <p>
        {versionStatus(v, version)} · {t('admin.rb.effective')} <Time t={version.effective_from} /> ·{' '}
        <code>{version.hash.slice(0, 12)}</code>
      </p>
      <Changes v={v} changes={version.changes} before={before} after={version.source} label={title} />
    </Page>
  );
}

async function adminData(ctx: AppContext) {
  const [sources, tokens, rulebooks, rows] = await Promise.all([
    ctx.store.sources(),
    listTokens(ctx),
    rulebookVersions(ctx),
    ctx.store.rulebooks(),
  ]);
  const latest = [...rows].reverse().find((r) => (r.status ?? 'published') === 'published');
  return { sources, tokens: [...tokens].reverse(), rulebooks, latestText: latest?.source ?? '' };
}

export function adminRoutes(web: Web, ctx: AppContext): void {
  const page = async (
    v: View,
    extra: {
      flash?: string;
      error?: string;
      issues?: readonly string[];
      newToken?: { role: string; token: string };
      draft?: string;
    } = {},
  ) => {
    const d = await adminData(ctx);
    return (
      <AdminPage
        v={v}
        sources={d.sources}
        tokens={d.tokens}
        rulebooks={d.rulebooks}
        draft={extra.draft ?? d.latestText}
        flash={extra.flash}
        error={extra.error}
        issues={extra.issues}
        newToken={extra.newToken}
      />
    );
  };

  web.get('/admin', PAGE, async (req, reply) => {
    requireRole(req, ['admin']);
    const v = req.webView;
    const q = queryOf(req);
    const flash = q.activated
      ? v.t('admin.activated', { name: q.activated, version: q.version ?? '' })
      : q.published
        ? v.t('admin.published', { name: q.published, version: q.version ?? '', date: q.until ?? '' })
        : q.drafted
          ? v.t('admin.drafted', { name: q.drafted, version: q.version ?? '' })
          : q.saved
            ? v.t('admin.saved')
            : q.revoked
              ? v.t('admin.revoked')
              : undefined;
    return sendPage(reply, await page(v, flash ? { flash } : {}));
  });

  web.post('/admin/sources', PAGE, async (req, reply) => {
    requireRole(req, ['admin']);
    const domains = field(req.body, 'domains')
      .split(/[,\s]+/)
      .filter(Boolean);
    const [r] = await new Ingestor(req.webCtx).apply([
      { kind: 'source', id: field(req.body, 'id'), name: field(req.body, 'name'), domains },
    ]);
    if (r?.ok) return reply.redirect('/admin?saved=1', 303);
    return sendPage(reply, await page(req.webView, { error: r?.message ?? 'rejected' }), 400);
  });

  web.post('/admin/tokens', PAGE, async (req, reply) => {
    requireRole(req, ['admin']);
    const b = req.body;
    const opt = (k: string) => field(b, k) || undefined;
    try {
      const role = field(b, 'role');
      const source = opt('source');
      const subjectRef = opt('subject');
      const expires = opt('expires');
      const label = opt('label');
      const tk = await createToken(req.webCtx, {
        role,
        ...(source ? { source } : {}),
        ...(subjectRef ? { subjectRef } : {}),
        ...(expires ? { expires } : {}),
        ...(label ? { label } : {}),
      });
      return sendPage(reply, await page(req.webView, { newToken: { role, token: tk.token } }), 201);
    } catch (e) {
      if (!(e instanceof CredenceError)) throw e;
      return sendPage(reply, await page(req.webView, { error: e.message }), 400);
    }
  });

  web.post('/admin/tokens/:id/revoke', PAGE, async (req, reply) => {
    requireRole(req, ['admin']);
    await revokeToken(req.webCtx, (req.params as { id: string }).id);
    return reply.redirect('/admin?revoked=1', 303);
  });

  web.get('/admin/rulebooks/diff', PAGE, async (req, reply) => {
    requireRole(req, ['admin', 'auditor']);
    const q = queryOf(req);
    const rows = await ctx.store.rulebooks();
    const versions = await rulebookVersions(ctx);
    const version = versions.find((r) => r.hash === q.hash) ?? versions[0];
    const row = rows.find((r) => r.hash === version?.hash);
    if (!version || !row) throw new CredenceError('rulebook.not_found', 'no such rulebook version');
    // the text diff is against the version the stored changes were computed from: the one in force before it
    const before =
      rows
        .filter(
          (r) =>
            r.hash !== row.hash &&
            (r.status ?? 'published') === 'published' &&
            Number(r.effective_from) <= Number(row.effective_from),
        )
        .sort((a, b) => Number(a.effective_from) - Number(b.effective_from))
        .pop()?.source ?? '';
    return sendPage(
      reply,
      <DiffPage v={req.webView} version={{ ...version, source: row.source }} before={before} />,
    );
  });

  const draftText = async (body: unknown): Promise<{ text: string; stored: boolean }> => {
    const hash = field(body, 'hash');
    if (hash) {
      const row = (await ctx.store.rulebooks()).find((r) => r.hash === hash);
      if (!row) throw new CredenceError('rulebook.not_found', `no rulebook version ${hash}`);
      return { text: row.source, stored: true };
    }
    const text = `${field(body, 'text').replace(/\r\n/g, '\n')}\n`;
    const stored = (await ctx.store.rulebooks()).some((r) => r.source === text);
    return { text, stored };
  };

  web.post('/admin/rulebooks/impact', PAGE, async (req, reply) => {
    requireRole(req, ['admin']);
    const v = req.webView;
    const { text, stored } = await draftText(req.body);
    const r = checkRulebook(text);
    if (!r.value)
      return sendPage(reply, await page(v, { issues: r.issues.map(formatIssue), draft: text }), 400);
    const impact = await whatIf(req.webCtx, r.value);
    const rows = (await ctx.store.rulebooks()).filter((x) => (x.status ?? 'published') === 'published');
    const current = rows[rows.length - 1]?.source ?? '';
    return sendPage(
      reply,
      <ImpactPage
        v={v}
        impact={impact}
        text={text}
        current={current}
        changes={diffDocuments(parse(current), parse(text))}
        stored={stored}
        grades={r.value.grades.map((g) => g.grade)}
      />,
    );
  });

  /** Activation, publication for comment and saving a draft all go through the rulebook layer. */
  const lifecycle = (
    path: string,
    run: (actx: AppContext, text: string, body: unknown) => Promise<Record<string, string>>,
  ) =>
    web.post(path, PAGE, async (req, reply) => {
      requireRole(req, ['admin']);
      const { text } = await draftText(req.body);
      try {
        return reply.redirect(href('/admin', await run(req.webCtx, text, req.body)), 303);
      } catch (e) {
        if (!(e instanceof CredenceError)) throw e;
        return sendPage(
          reply,
          await page(req.webView, { error: e.message, issues: e.issues.map(formatIssue), draft: text }),
          400,
        );
      }
    });
  lifecycle('/admin/rulebooks/activate', async (actx, text) => {
    const rb = await activateRulebook(actx, text);
    return { activated: rb.name, version: rb.version };
  });
  lifecycle('/admin/rulebooks/publish', async (actx, text, body) => {
    const r = await publishRulebook(actx, text, field(body, 'period') || 'P0D');
    return { published: r.rulebook.name, version: r.rulebook.version, until: day(r.commentUntil) };
  });
  lifecycle('/admin/rulebooks/draft', async (actx, text) => {
    const r = await draftRulebook(actx, text);
    return { drafted: r.rulebook.name, version: r.rulebook.version };
  });
}
