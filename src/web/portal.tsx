import type { ComponentChildren } from 'preact';
import { decodeState } from '../app/derive/derive.usecases.ts';
import { activeRulebooks } from '../app/governance/governance.rulebooks.ts';
import type { AppContext } from '../app/ports/ports.context.ts';
import { type ScoreHistory, scoreHistory } from '../app/queries/queries.history.ts';
import { listView, type ScoreView, scoreOf } from '../app/queries/queries.usecases.ts';
import { CredenceError } from '../domain/errors.ts';
import { checkUsci, regionOf, sectorOf, type UsciCheck } from '../domain/usci.ts';
import { activeAt, type ListEntry } from '../rules/lists.ts';
import type { Rulebook } from '../rules/rulebook.model.ts';
import type { RulebookSet } from '../rules/versions.ts';
import { ScoreChart } from './charts.tsx';
import { href, PAGE, queryOf, sendPage, type View, type Web } from './shell/http.ts';
import { durationText, type MessageKey, regionName, sectorName } from './i18n/i18n.ts';
import { day, Flash, GradeBadge, Page, TableBox, Time } from './shell/layout.tsx';

/** The public portal: search by name or USCI, an organization's page, the public black and red lists. */

type EntryView = ReturnType<typeof listView>;

const PAGE_SIZE = 20;

/** Does the query look like an attempt at a USCI (rather than a name)? */
export function looksLikeUsci(q: string): boolean {
  return !/\s/.test(q) && q.length >= 15 && q.length <= 20 && (q.match(/\d/g)?.length ?? 0) >= 6;
}

export function usciProblem(v: View, check: Extract<UsciCheck, { ok: false }>): string {
  const { t } = v;
  if (check.expected === '18 characters')
    return t('usci.length', { n: Number.parseInt(check.found, 10) || check.found });
  if (check.message.includes('upper-case'))
    return t('usci.lower', { pos: check.position, found: check.found, expected: check.expected });
  if (check.expected.length > 1) return t('usci.alphabet', { pos: check.position, found: check.found });
  return t(check.position === 17 ? 'usci.check17' : 'usci.check18', {
    found: check.found,
    expected: check.expected,
  });
}

export function UsciError({
  v,
  code,
  check,
}: {
  v: View;
  code: string;
  check: Extract<UsciCheck, { ok: false }>;
}) {
  const chars = Array.from(code);
  return (
    <Flash kind="error">
      <p>{v.t('usci.invalid', { code })}</p>
      <p class="usci-chars" aria-hidden="true">
        {chars.map((c, i) =>
          i + 1 === check.position ? <mark key={i}>{c}</mark> : <span key={i}>{c}</span>,
        )}
        {check.position > chars.length && <mark>␣</mark>}
      </p>
      <p class="usci-problem">{usciProblem(v, check)}</p>
    </Flash>
  );
}

function SearchForm({ v, q }: { v: View; q: string }) {
  const { t } = v;
  return (
    <search>
      <form method="get" action="/" class="search">
        <label for="q">{t('search.label')}</label>
        <div class="search-row">
          <input
            id="q"
            name="q"
            type="search"
            value={q}
            aria-describedby="q-hint"
            autocomplete="off"
            spellcheck={false}
          />
          <button type="submit">{t('search.submit')}</button>
        </div>
        <p class="hint" id="q-hint">
          {t('search.hint')}
        </p>
      </form>
    </search>
  );
}

export function HomePage({
  v,
  q,
  results,
  next,
  problem,
}: {
  v: View;
  q: string;
  results?: readonly { usci: string; name: string }[] | undefined;
  next?: string | null | undefined;
  problem?: ComponentChildren;
}) {
  const { t } = v;
  return (
    <Page v={v} title={q ? t('search.results', { q }) : t('home.title')}>
      <h1>{t('home.title')}</h1>
      <p class="lead">{t('home.lead')}</p>
      <SearchForm v={v} q={q} />
      {problem}
      {results && (
        <section aria-labelledby="results-h">
          <h2 id="results-h">{t('search.results', { q })}</h2>
          {results.length === 0 ? (
            <p>{t('search.none', { q })}</p>
          ) : (
            <ul class="results">
              {results.map((r) => (
                <li key={r.usci}>
                  <a href={`/org/${r.usci}`}>{r.name}</a> <code>{r.usci}</code>
                </li>
              ))}
            </ul>
          )}
          {next && (
            <p>
              <a href={href('/', { q, after: next })}>{t('search.more')}</a>
            </p>
          )}
        </section>
      )}
      {!results && (
        <section aria-labelledby="lists-h" class="cards">
          <h2 id="lists-h">{t('home.lists')}</h2>
          <ul>
            <li>
              <a href="/lists/black">{t('nav.black')}</a> — {t('home.lists.black')}
            </li>
            <li>
              <a href="/lists/red">{t('nav.red')}</a> — {t('home.lists.red')}
            </li>
            <li>
              <a href="/oversight">{t('nav.oversight')}</a> — {t('home.oversight')}
            </li>
          </ul>
          <p class="hint">{t('home.persons')}</p>
        </section>
      )}
    </Page>
  );
}

/** The reason of a list entry in words. `recordTitle` names a grounding record (`source/id`). */
export function groundsText(v: View, e: EntryView, recordTitle: (key: string) => string): string {
  const g = e.grounds;
  if (g.kind === 'records') return v.t('grounds.records', { records: g.records.map(recordTitle).join('; ') });
  if (g.kind === 'condition')
    return v.t('grounds.condition', { score: g.score, grade: g.grade, condition: g.condition });
  return v.t('grounds.escalation', { list: g.list });
}

export function exitText(v: View, exit: string): string {
  return v.t(`exit.${exit}` as MessageKey);
}

/** One list entry as a definition list: what, why, on what basis, from and until when, and how to contest. */
export function EntryCard({
  v,
  e,
  recordTitle,
  contest,
}: {
  v: View;
  e: EntryView;
  recordTitle: (key: string) => string;
  contest?: string | undefined;
}) {
  const { t } = v;
  return (
    <article class={`entry entry-${e.kind}`}>
      <h3>
        {e.title} <span class="tag">{t(`kind.${e.kind}` as MessageKey)}</span>
      </h3>
      <dl class="facts">
        <dt>{t('entry.reason')}</dt>
        <dd>{groundsText(v, e, recordTitle)}</dd>
        <dt>{t('entry.legal_basis')}</dt>
        <dd>{e.legal_basis}</dd>
        {e.warned_at && e.warned_at !== e.since && (
          <>
            <dt>{t('entry.notified')}</dt>
            <dd>
              <Time t={e.warned_at} />
            </dd>
          </>
        )}
        <dt>{t('entry.since')}</dt>
        <dd>
          <Time t={e.since} />
        </dd>
        <dt>{t('entry.until')}</dt>
        <dd>{e.until ? <Time t={e.until} /> : t('entry.no_end')}</dd>
        {e.earliest_repair && (
          <>
            <dt>{t('entry.repair_from')}</dt>
            <dd>
              <Time t={e.earliest_repair} />
            </dd>
          </>
        )}
        <dt>{t('entry.decision')}</dt>
        <dd>
          <code>{e.decision}</code> · {t('entry.rulebook')} {e.rulebook.name} {e.rulebook.version}
        </dd>
        {contest && (
          <>
            <dt>{t('entry.contest')}</dt>
            <dd>{contest}</dd>
          </>
        )}
      </dl>
    </article>
  );
}

interface PublicRecord {
  readonly key: string;
  readonly title: string;
  readonly type: string;
  readonly occurred: number;
  readonly points: number;
  readonly until: string | null;
  readonly legal_basis: string;
}

export function OrgPage({
  v,
  name,
  usci,
  score,
  lists,
  warnings,
  records,
  history,
  recordTitle,
  contest,
}: {
  v: View;
  name: string;
  usci: string;
  score: ScoreView;
  lists: readonly EntryView[];
  warnings: readonly EntryView[];
  records: readonly PublicRecord[];
  history: ScoreHistory;
  recordTitle: (key: string) => string;
  contest: string;
}) {
  const { t } = v;
  return (
    <Page v={v} title={name}>
      <p class="crumbs">
        <a href="/">{t('nav.search')}</a>
      </p>
      <h1>{name}</h1>
      <section class="summary" aria-label={t('org.grade')}>
        <dl class="facts wide">
          <dt>{t('org.usci')}</dt>
          <dd>
            <code>{usci}</code>
          </dd>
          <dt>{t('org.sector')}</dt>
          <dd>{sectorName(sectorOf(usci), t)}</dd>
          <dt>{t('org.region')}</dt>
          <dd>{regionName(regionOf(usci), v.lang)}</dd>
          <dt>{t('org.grade')}</dt>
          <dd>
            <GradeBadge grade={score.grade} />
          </dd>
          <dt>{t('org.score')}</dt>
          <dd>
            <strong class="score">{score.score}</strong>
          </dd>
          <dt>{t('org.rulebook')}</dt>
          <dd>
            {score.rulebook.name} {score.rulebook.version}
          </dd>
        </dl>
        <p class="hint">
          {t('org.scale', { min: history.scale.min, max: history.scale.max, base: history.scale.base })}{' '}
          {t('org.persons_note')}
        </p>
      </section>
      <section aria-labelledby="lists-h">
        <h2 id="lists-h">{t('org.lists')}</h2>
        {lists.length === 0 ? (
          <p>{t('org.lists.none')}</p>
        ) : (
          lists.map((e) => (
            <EntryCard key={e.decision} v={v} e={e} recordTitle={recordTitle} contest={contest} />
          ))
        )}
        {warnings.length > 0 && (
          <>
            <h3>{t('org.warnings')}</h3>
            {warnings.map((e) => (
              <EntryCard key={e.decision} v={v} e={e} recordTitle={recordTitle} contest={contest} />
            ))}
          </>
        )}
      </section>
      <section aria-labelledby="records-h">
        <h2 id="records-h">{t('org.records')}</h2>
        {records.length === 0 ? (
          <p>{t('org.records.none')}</p>
        ) : (
          <TableBox label={t('org.records')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('rec.type')}</th>
                  <th scope="col">{t('rec.id')}</th>
                  <th scope="col">{t('rec.occurred')}</th>
                  <th scope="col">{t('rec.points')}</th>
                  <th scope="col">{t('rec.until')}</th>
                  <th scope="col">{t('rec.legal_basis')}</th>
                </tr>
              </thead>
              <tbody>
                {records.map((r) => (
                  <tr key={r.key}>
                    <td>{r.title}</td>
                    <td>
                      <code>{r.key}</code>
                    </td>
                    <td>
                      <Time t={r.occurred} />
                    </td>
                    <td class="num">{r.points < 0 ? `−${Math.abs(r.points)}` : `+${r.points}`}</td>
                    <td>
                      <Time t={r.until} />
                    </td>
                    <td>{r.legal_basis}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
        )}
        <p class="hint">{t('org.records.note')}</p>
      </section>
      <section aria-labelledby="history-h">
        <h2 id="history-h">{t('org.history')}</h2>
        <ScoreChart v={v} id="history" title={t('org.history')} history={history} publicView />
      </section>
    </Page>
  );
}

interface ListedSubject {
  readonly id: number;
  readonly name: string;
  readonly usci: string | null;
  readonly sector: string;
  readonly region: string;
  readonly entry: ListEntry;
}

/**
 * Public entries in force now on the lists of the given names, newest first. Walks every subject's projection
 * (fine for a municipal registry; a store index of list membership would serve a national one).
 */
export async function publicEntries(ctx: AppContext, lists: ReadonlySet<string>): Promise<ListedSubject[]> {
  const now = ctx.clock.now();
  const out: ListedSubject[] = [];
  let after = 0;
  for (;;) {
    const ids = await ctx.store.subjectIdsAfter(after, 1000);
    if (ids.length === 0) break;
    after = ids[ids.length - 1]!;
    const hits: { id: number; entry: ListEntry }[] = [];
    for (const d of await ctx.store.derivedOf(ids)) {
      for (const e of activeAt(decodeState(d.state).entries, now))
        if (e.public && lists.has(e.list)) hits.push({ id: Number(d.subject_id), entry: e });
    }
    if (hits.length === 0) continue;
    const subjects = new Map(
      (await ctx.store.subjectsById([...new Set(hits.map((h) => h.id))])).map((s) => [Number(s.id), s]),
    );
    for (const h of hits) {
      const s = subjects.get(h.id);
      if (!s) continue;
      const org = s.kind === 'organization' && s.usci;
      out.push({
        id: h.id,
        name: s.name,
        usci: org ? s.usci : null,
        sector: org ? sectorOf(s.usci!) : 'person',
        region: org ? regionOf(s.usci!) : '',
        entry: h.entry,
      });
    }
  }
  return out.sort((a, b) => b.entry.since - a.entry.since || a.name.localeCompare(b.name));
}

export function ListsPage({
  v,
  title,
  lead,
  lists,
  filters,
  rows,
  total,
  page,
  pages,
  regions,
  sectors,
  recordTitle,
}: {
  v: View;
  title: string;
  lead: string;
  lists: readonly { name: string; title: string }[];
  filters: Record<string, string>;
  rows: readonly ListedSubject[];
  total: number;
  page: number;
  pages: number;
  regions: readonly string[];
  sectors: readonly string[];
  recordTitle: (key: string) => string;
}) {
  const { t } = v;
  const base = v.here.split('?')[0]!;
  const pageHref = (p: number) => href(base, { ...filters, page: p > 1 ? p : undefined });
  return (
    <Page v={v} title={title}>
      <h1>{title}</h1>
      <p class="lead">{lead}</p>
      <form method="get" action={base} class="filters" aria-label={t('lists.filter')}>
        {lists.length > 1 && (
          <div class="field">
            <label for="f-list">{t('lists.filter.list')}</label>
            <select id="f-list" name="list">
              <option value="">{t('lists.filter.any')}</option>
              {lists.map((l) => (
                <option key={l.name} value={l.name} selected={filters.list === l.name}>
                  {l.title}
                </option>
              ))}
            </select>
          </div>
        )}
        <div class="field">
          <label for="f-q">{t('lists.filter.q')}</label>
          <input id="f-q" name="q" type="search" value={filters.q ?? ''} />
        </div>
        <div class="field">
          <label for="f-region">{t('lists.filter.region')}</label>
          <select id="f-region" name="region">
            <option value="">{t('lists.filter.any')}</option>
            {regions.map((r) => (
              <option key={r} value={r} selected={filters.region === r}>
                {regionName(r, v.lang)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-sector">{t('lists.filter.sector')}</label>
          <select id="f-sector" name="sector">
            <option value="">{t('lists.filter.any')}</option>
            {sectors.map((s) => (
              <option key={s} value={s} selected={filters.sector === s}>
                {sectorName(s, t)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('lists.filter.apply')}</button>
      </form>
      <p role="status">
        {t('lists.count', { n: total })}
        {pages > 1 ? ` · ${t('lists.page', { page, pages })}` : ''}
      </p>
      {rows.length === 0 ? (
        <p>{t('lists.none')}</p>
      ) : (
        <TableBox label={title}>
          <table class="list-table">
            <thead>
              <tr>
                <th scope="col">{t('lists.col.name')}</th>
                <th scope="col">{t('lists.col.usci')}</th>
                <th scope="col">{t('entry.list')}</th>
                <th scope="col">{t('entry.reason')}</th>
                <th scope="col">{t('entry.since')}</th>
                <th scope="col">{t('entry.until')}</th>
                <th scope="col">{t('entry.legal_basis')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const e = listView(r.entry);
                return (
                  <tr key={`${r.id}-${e.decision}`}>
                    <td>
                      {r.usci ? (
                        <a href={`/org/${r.usci}`}>{r.name}</a>
                      ) : (
                        <>
                          {r.name} <span class="tag">{t('lists.person')}</span>
                        </>
                      )}
                    </td>
                    <td>{r.usci ? <code>{r.usci}</code> : '—'}</td>
                    <td>{e.title}</td>
                    <td>{groundsText(v, e, r.usci ? recordTitle : (k) => recordTitle(k).split(' (')[0]!)}</td>
                    <td>
                      <Time t={e.since} />
                    </td>
                    <td>{e.until ? <Time t={e.until} /> : t('entry.no_end')}</td>
                    <td class="basis">{e.legal_basis}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableBox>
      )}
      {pages > 1 && (
        <nav class="pager" aria-label={t('lists.pages')}>
          {page > 1 && (
            <a href={pageHref(page - 1)} rel="prev">
              {t('lists.prev')}
            </a>
          )}
          {Array.from({ length: pages }, (_, i) => i + 1)
            .filter((p) => p === 1 || p === pages || Math.abs(p - page) <= 2)
            .map((p) => (
              <a key={p} href={pageHref(p)} aria-current={p === page ? 'page' : undefined}>
                {p}
              </a>
            ))}
          {page < pages && (
            <a href={pageHref(page + 1)} rel="next">
              {t('lists.next')}
            </a>
          )}
        </nav>
      )}
    </Page>
  );
}

async function versionsOf(ctx: AppContext): Promise<RulebookSet> {
  return ctx.store.transaction((tx) => activeRulebooks(tx));
}

function versionOf(versions: RulebookSet, hash: string): Rulebook {
  return versions.versions.find((v) => v.hash === hash) ?? versions.latest;
}

/** Names a record (`source/id`) by its type's title, for the reasons of list entries. */
async function recordTitles(ctx: AppContext, subjectIds: readonly number[], versions: RulebookSet) {
  const titles = new Map<string, string>();
  for (const r of await ctx.store.recordsOf(subjectIds)) {
    const title = versions.latest.recordTypes.get(r.type)?.title ?? r.type;
    titles.set(
      `${r.source}/${r.record_id}`,
      `${title} (${r.source}/${r.record_id}, ${day(Number(r.occurred_at))})`,
    );
  }
  return (key: string) => titles.get(key) ?? key;
}

export function portalRoutes(web: Web, ctx: AppContext): void {
  web.get('/', PAGE, async (req, reply) => {
    const v = req.webView;
    const query = queryOf(req);
    const q = (query.q ?? '').trim();
    if (!q) return sendPage(reply, <HomePage v={v} q="" />);
    if (looksLikeUsci(q)) {
      // a registered code is shown even if it fails the checksum (pilot-era codes on the exception list)
      const [s] = await ctx.store.subjectsByUsci([q]);
      if (s?.kind === 'organization') return reply.redirect(`/org/${q}`, 303);
      const check = checkUsci(q);
      if (!check.ok)
        return sendPage(
          reply,
          <HomePage v={v} q={q} problem={<UsciError v={v} code={q} check={check} />} />,
          400,
        );
      return sendPage(
        reply,
        <HomePage v={v} q={q} problem={<Flash kind="error">{v.t('usci.not_found', { usci: q })}</Flash>} />,
        404,
      );
    }
    const after = Number(query.after ?? 0);
    const rows = await ctx.store.searchOrganizations(q, PAGE_SIZE + 1, Number.isFinite(after) ? after : 0);
    const page = rows.slice(0, PAGE_SIZE);
    const next = rows.length > PAGE_SIZE ? String(Number(page[page.length - 1]!.id)) : null;
    return sendPage(
      reply,
      <HomePage v={v} q={q} results={page.map((s) => ({ usci: s.usci ?? '', name: s.name }))} next={next} />,
    );
  });

  web.get('/org/:usci', PAGE, async (req, reply) => {
    const v = req.webView;
    const usci = (req.params as { usci: string }).usci.trim();
    const [s] = await ctx.store.subjectsByUsci([usci]);
    const check = checkUsci(usci);
    if (!check.ok && s?.kind !== 'organization')
      return sendPage(
        reply,
        <HomePage v={v} q={usci} problem={<UsciError v={v} code={usci} check={check} />} />,
        400,
      );
    if (s?.kind !== 'organization')
      throw new CredenceError('subject.not_found', v.t('usci.not_found', { usci }));
    const actx = req.webCtx;
    const [score, history, versions] = await Promise.all([
      scoreOf(actx, usci),
      scoreHistory(actx, usci),
      versionsOf(ctx),
    ]);
    const isPublic = (e: EntryView) =>
      versionOf(versions, e.rulebook.hash).lists.get(e.list)?.public.organization === true;
    const rb = versions.at(v.now);
    const recordTitle = await recordTitles(ctx, [Number(s.id)], versions);
    const rows = new Map(
      (await ctx.store.recordsOf([Number(s.id)])).map((r) => [`${r.source}/${r.record_id}`, r]),
    );
    const records: PublicRecord[] = [];
    for (const c of score.contributions) {
      if (c.rule !== null || c.path !== 'self') continue;
      const type = rb.recordTypes.get(c.type);
      if (!type?.public) continue;
      const key = `${c.source}/${c.record}`;
      const row = rows.get(key);
      if (!row) continue;
      records.push({
        key,
        title: type.title,
        type: c.type,
        occurred: Number(row.occurred_at),
        points: score.contributions
          .filter((x) => x.record === c.record && x.source === c.source && x.path === 'self')
          .reduce((sum, x) => sum + x.points, 0),
        until: c.until,
        legal_basis: row.legal_basis,
      });
    }
    records.sort((a, b) => b.occurred - a.occurred);
    return sendPage(
      reply,
      <OrgPage
        v={v}
        name={s.name}
        usci={usci}
        score={score}
        lists={score.lists.filter(isPublic)}
        warnings={score.warnings.filter(isPublic)}
        records={records}
        history={history}
        recordTitle={recordTitle}
        contest={v.t('org.contest', { window: durationText(rb.objectionWindow.text, v.lang) })}
      />,
    );
  });

  web.get('/lists/:name', PAGE, async (req, reply) => {
    const v = req.webView;
    const { t } = v;
    const name = (req.params as { name: string }).name;
    const versions = await versionsOf(ctx);
    const defs = [...versions.latest.lists.values()];
    const kind = name === 'black' || name === 'red' ? name : undefined;
    const chosen = kind ? defs.filter((d) => d.kind === kind) : defs.filter((d) => d.name === name);
    if (chosen.length === 0) throw new CredenceError('list.not_found', t('error.not_found'));
    const query = queryOf(req);
    const filters: Record<string, string> = {};
    for (const k of ['list', 'q', 'region', 'sector']) if (query[k]) filters[k] = query[k]!;
    const names = new Set(
      chosen
        .filter((d) => !filters.list || d.name === filters.list || chosen.length === 1)
        .map((d) => d.name),
    );
    const all = await publicEntries(ctx, new Set(chosen.map((d) => d.name)));
    const q = filters.q?.toLowerCase();
    const rows = all.filter(
      (r) =>
        names.has(r.entry.list) &&
        (!q || r.name.toLowerCase().includes(q) || r.usci?.includes(q.toUpperCase())) &&
        (!filters.region || r.region === filters.region) &&
        (!filters.sector || r.sector === filters.sector),
    );
    const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    const page = Math.min(pages, Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1));
    const shown = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    const recordTitle = await recordTitles(
      ctx,
      shown.map((r) => r.id),
      versions,
    );
    const title = kind
      ? t(kind === 'black' ? 'lists.black.title' : 'lists.red.title')
      : (chosen[0]?.title ?? name);
    const lead = kind === 'red' ? t('lists.red.lead') : t('lists.black.lead');
    return sendPage(
      reply,
      <ListsPage
        v={v}
        title={title}
        lead={lead}
        lists={chosen.map((d) => ({ name: d.name, title: d.title }))}
        filters={filters}
        rows={shown}
        total={rows.length}
        page={page}
        pages={pages}
        regions={[...new Set(all.map((r) => r.region).filter(Boolean))].sort()}
        sectors={[...new Set(all.map((r) => r.sector))].sort()}
        recordTitle={recordTitle}
      />,
    );
  });
}
