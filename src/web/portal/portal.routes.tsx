import type { AppContext } from '../../app/ports/ports.context.ts';
import { scoreHistory } from '../../app/queries/queries.history.ts';
import { scoreOf } from '../../app/queries/queries.usecases.ts';
import { publicProfile } from '../../app/search/search.profile.ts';
import { type SearchPage, searchOrganizations } from '../../app/search/search.usecases.ts';
import { CredenceError } from '../../domain/errors.ts';
import { parseInstant } from '../../domain/time.ts';
import { checkUsci } from '../../domain/usci.ts';
import { Flash } from '../components/blocks.tsx';
import type { EntryView } from '../components/entry.tsx';
import { entryIn, recordTypeTitle } from '../components/rulebook-texts.ts';
import { durationText } from '../i18n/i18n.ts';
import { PAGE, queryOf, sendPage, type Web } from '../shell/http.ts';
import { publicEntries, publicRecords, recordTitles, versionOf, versionsOf } from './portal.data.ts';
import { ListsPage } from './portal.lists.tsx';
import { OrgPage } from './portal.organization.tsx';
import { HomePage, looksLikeUsci, UsciError } from './portal.search.tsx';

/** The public portal: search by name or USCI, an organization's page, the public black and red lists. */

const PAGE_SIZE = 20;

export function portalRoutes(web: Web, ctx: AppContext): void {
  web.get('/', PAGE, async (req, reply) => {
    const v = req.webView;
    const query = queryOf(req);
    const q = (query.q ?? '').trim();
    if (!q) return sendPage(reply, <HomePage v={v} q="" />);
    if (looksLikeUsci(q)) {
      // a registered code is shown even if it fails the checksum (pilot-era codes on the exception list)
      const [s] = await ctx.store.subjectsByUsci([q.toUpperCase()]);
      if (s?.kind === 'organization') return reply.redirect(`/org/${s.usci}`, 303);
    }
    let page: SearchPage;
    try {
      page = await ctx.store.transaction((tx) =>
        searchOrganizations(tx, q, { cursor: query.cursor, limit: PAGE_SIZE }),
      );
    } catch (e) {
      if (!(e instanceof CredenceError)) throw e;
      return sendPage(reply, <HomePage v={v} q={q} problem={<Flash kind="error">{e.message}</Flash>} />, 400);
    }
    if (page.items.length === 0 && looksLikeUsci(q)) {
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
    return sendPage(
      reply,
      <HomePage
        v={v}
        q={q}
        results={page.items.map((s) => ({ usci: s.usci, name: s.name, match: s.match }))}
        next={page.next}
      />,
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
    const asked = queryOf(req).at;
    const at = asked ? parseInstant(asked) : undefined;
    if (asked && at === undefined)
      throw new CredenceError('input.invalid_date', `at "${asked}" is not a date (YYYY-MM-DD)`);
    const [score, history, versions, profile] = await Promise.all([
      scoreOf(actx, s.usci!, at),
      scoreHistory(actx, s.usci!),
      versionsOf(ctx),
      publicProfile(actx, s.usci!, { at, lang: v.lang === 'zh-CN' ? 'zh' : 'en' }),
    ]);
    const isPublic = (e: EntryView) =>
      versionOf(versions, e.rulebook.hash).lists.get(e.list)?.public.organization === true;
    const rb = versions.at(at ?? v.now);
    return sendPage(
      reply,
      <OrgPage
        v={v}
        name={s.name}
        usci={s.usci!}
        score={score}
        lists={score.lists.filter(isPublic).map((e) => entryIn(versions, e, v.lang))}
        warnings={score.warnings.filter(isPublic).map((e) => entryIn(versions, e, v.lang))}
        records={(await publicRecords(actx, s.usci!, at ?? v.now)).map((r) => ({
          ...r,
          title: recordTypeTitle(versions, r.type, v.lang, r.title),
        }))}
        history={history}
        recordTitle={await recordTitles(ctx, [Number(s.id)], versions, v.lang)}
        contest={v.t('org.contest', { window: durationText(rb.objectionWindow.text, v.lang) })}
        profile={profile}
        asOf={asked ? profile.at : undefined}
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
