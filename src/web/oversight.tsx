import { type OversightStats, oversightStats } from '../app/oversight/oversight.usecases.ts';
import type { AppContext } from '../app/ports/ports.context.ts';
import { GradeShares, HBars, SERIES_COLOURS, StackedBars } from './charts.tsx';
import { PAGE, sendPage, type View, type Web } from './shell/http.ts';
import { type MessageKey, regionName, sectorName } from './i18n/i18n.ts';
import { day, Flash, Page, TableBox } from './shell/layout.tsx';

/** Oversight: the public summary for everyone, and per-source detail and the audit log's state for auditors. */

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10} %`);

export function OversightPage({ v, s, detail }: { v: View; s: OversightStats; detail: boolean }) {
  const { t } = v;
  const months = s.months.map((m) => ({ key: m.month, label: m.month }));
  const byMonth = new Map(s.months.map((m) => [m.month, m]));
  const kinds = ['black', 'red', 'warning'] as const;
  const exits = ['max', 'repair', 'annulled', 'condition', 'escalated'] as const;
  const decidedSources = s.by_source.filter((x) => x.overturn_rate !== null);
  const sectorRows = Object.entries(s.grades_by_sector)
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([k, counts]) => ({ label: sectorName(k, t), counts }));
  const regionRows = Object.entries(s.grades_by_region)
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([k, counts]) => ({ label: regionName(k, v.lang), counts }));
  const ttd = s.time_to_decision;
  return (
    <Page v={v} title={t('oversight.title')}>
      <h1>{t('oversight.title')}</h1>
      <p class="lead">{t('oversight.lead', { date: day(s.generated_at) })}</p>
      {!detail && <p class="hint">{t('oversight.public_note')}</p>}
      {detail && s.audit && (
        <Flash kind={s.audit.ok ? 'ok' : 'error'}>
          {s.audit.ok ? t('oversight.audit.ok', { n: s.audit.entries }) : t('oversight.audit.broken')}
        </Flash>
      )}
      <p>{t('oversight.subjects', { orgs: s.subjects.organizations, persons: s.subjects.persons })}</p>
      <dl class="stats">
        {kinds.map((k) => (
          <div key={k}>
            <dt>
              {t('oversight.listed_now')}: {t(`kind.${k}` as MessageKey)}
            </dt>
            <dd>{s.totals.listed_now[k] ?? 0}</dd>
          </div>
        ))}
      </dl>
      <div class="two-col">
        <StackedBars
          v={v}
          id="ch-listings"
          title={t('oversight.listings')}
          categories={months}
          series={kinds.map((k) => ({
            key: k,
            label: t(`kind.${k}` as MessageKey),
            colour: SERIES_COLOURS[k],
          }))}
          value={(m, k) => byMonth.get(m)?.listings[k] ?? 0}
        />
        <StackedBars
          v={v}
          id="ch-removals"
          title={t('oversight.removals')}
          categories={months}
          series={exits.map((k) => ({
            key: k,
            label: t(`exit.${k}` as MessageKey),
            colour: SERIES_COLOURS[k],
          }))}
          value={(m, k) => byMonth.get(m)?.removals[k] ?? 0}
        />
        <StackedBars
          v={v}
          id="ch-repairs"
          title={t('oversight.repairs')}
          categories={months}
          series={[{ key: 'repairs', label: t('case.status.approved'), colour: SERIES_COLOURS.repair }]}
          value={(m) => byMonth.get(m)?.repairs ?? 0}
        />
        <StackedBars
          v={v}
          id="ch-objections"
          title={t('oversight.objections')}
          categories={months}
          series={[
            { key: 'upheld', label: t('case.status.upheld'), colour: SERIES_COLOURS.upheld },
            { key: 'annulled', label: t('case.status.annulled'), colour: SERIES_COLOURS.annulled },
          ]}
          value={(m, k) => byMonth.get(m)?.objections[k as 'upheld' | 'annulled'] ?? 0}
        />
      </div>
      <section aria-labelledby="overturn-h">
        <h2 id="overturn-h">{t('oversight.overturn')}</h2>
        {decidedSources.length === 0 ? (
          <p>{t('oversight.overturn.none')}</p>
        ) : (
          <HBars
            id="ch-overturn"
            title={t('oversight.overturn')}
            caption={t('oversight.overturn.note')}
            rows={decidedSources.map((x) => ({
              label: x.source,
              value: x.overturn_rate ?? 0,
              text: `${pct(x.overturn_rate)} (${x.objections.annulled}/${x.objections.annulled + x.objections.upheld})`,
            }))}
            max={1}
            colour={SERIES_COLOURS.annulled}
            showTitle={false}
          />
        )}
      </section>
      <section aria-labelledby="ttd-h">
        <h2 id="ttd-h">{t('oversight.ttd')}</h2>
        <TableBox label={t('oversight.ttd')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('oversight.ttd.kind')}</th>
                <th scope="col">{t('oversight.ttd.decided')}</th>
                <th scope="col">{t('oversight.ttd.median')}</th>
                <th scope="col">{t('oversight.ttd.p90')}</th>
                <th scope="col">{t('oversight.ttd.late')}</th>
                <th scope="col">{t('oversight.ttd.open')}</th>
                <th scope="col">{t('oversight.ttd.overdue')}</th>
              </tr>
            </thead>
            <tbody>
              {(['objection', 'repair'] as const).map((k) => (
                <tr key={k}>
                  <th scope="row">{t(`case.kind.${k}` as MessageKey)}</th>
                  <td class="num">{ttd[k].decided}</td>
                  <td class="num">{ttd[k].median_days ?? '—'}</td>
                  <td class="num">{ttd[k].p90_days ?? '—'}</td>
                  <td class="num">{ttd[k].decided_late}</td>
                  <td class="num">{ttd[k].open}</td>
                  <td class="num">{ttd[k].open_overdue}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
        <StackedBars
          v={v}
          id="ch-ttd"
          title={t('oversight.ttd.chart')}
          categories={ttd.objection.buckets.map((b) => ({ key: b.label, label: b.label }))}
          series={[
            { key: 'objection', label: t('case.kind.objection'), colour: SERIES_COLOURS.annulled },
            { key: 'repair', label: t('case.kind.repair'), colour: SERIES_COLOURS.repair },
          ]}
          value={(b, k) => ttd[k as 'objection' | 'repair'].buckets.find((x) => x.label === b)?.count ?? 0}
        />
      </section>
      <section aria-labelledby="grades-h">
        <h2 id="grades-h">{t('oversight.grades')}</h2>
        <GradeShares
          v={v}
          id="ch-sector"
          title={t('oversight.by_sector')}
          rows={sectorRows}
          grades={s.grades}
        />
        <GradeShares
          v={v}
          id="ch-region"
          title={t('oversight.by_region')}
          rows={regionRows}
          grades={s.grades}
        />
      </section>
      {detail && (
        <section aria-labelledby="sources-h">
          <h2 id="sources-h">{t('oversight.sources')}</h2>
          <TableBox label={t('oversight.sources')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('oversight.col.source')}</th>
                  <th scope="col">{t('oversight.col.filed')}</th>
                  <th scope="col">{t('oversight.col.upheld')}</th>
                  <th scope="col">{t('oversight.col.annulled')}</th>
                  <th scope="col">{t('oversight.col.rate')}</th>
                  <th scope="col">{t('oversight.col.repairs')}</th>
                </tr>
              </thead>
              <tbody>
                {s.by_source.map((x) => (
                  <tr key={x.source}>
                    <th scope="row">{x.source}</th>
                    <td class="num">{x.objections.filed}</td>
                    <td class="num">{x.objections.upheld}</td>
                    <td class="num">{x.objections.annulled}</td>
                    <td class="num">{pct(x.overturn_rate)}</td>
                    <td class="num">
                      {x.repairs.approved} / {x.repairs.rejected} / {x.repairs.open}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
        </section>
      )}
      <p>
        <a href="/oversight.json">{t('oversight.json')}</a>
      </p>
    </Page>
  );
}

/**
 * Oversight numbers walk the whole population, so they are reused while nothing has been written (the audit
 * log's head is unchanged: every write appends to it) and the registry's clock is in the same minute.
 */
function cached(ctx: AppContext) {
  let last: { key: string; stats: Promise<OversightStats>; audit: boolean } | undefined;
  return async (audit: boolean): Promise<OversightStats> => {
    const key = `${(await ctx.store.getMeta('audit_head')) ?? ''}|${Math.floor(ctx.clock.now() / 60_000)}`;
    if (!last || last.key !== key || (audit && !last.audit)) {
      const stats = oversightStats(ctx, { verifyAuditLog: audit });
      last = { key, stats, audit };
      stats.catch(() => {
        last = undefined;
      });
    }
    return last.stats;
  };
}

export function oversightRoutes(web: Web, ctx: AppContext): void {
  const stats = cached(ctx);
  web.get('/oversight', PAGE, async (req, reply) => {
    const v = req.webView;
    const detail = v.user?.role === 'auditor' || v.user?.role === 'admin';
    return sendPage(reply, <OversightPage v={v} s={await stats(detail)} detail={detail} />);
  });
  web.get('/oversight.json', PAGE, async (req, reply) => {
    const detail = req.webView.user?.role === 'auditor';
    const s = await stats(detail);
    return reply.header('cache-control', 'no-store').send(detail ? s : { ...s, audit: null });
  });
}
