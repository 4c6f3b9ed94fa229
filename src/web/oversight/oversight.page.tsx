import type { OversightStats } from '../../app/oversight/oversight.usecases.ts';
import { SERIES_COLOURS } from '../../app/reports/reports.charts.ts';
import { Flash, Section } from '../components/blocks.tsx';
import { GradeShares, HBars, StackedBars } from '../components/charts.tsx';
import { day } from '../components/format.tsx';
import { Table } from '../components/table.tsx';
import { type MessageKey, regionName, sectorName } from '../i18n/i18n.ts';
import type { View } from '../shell/http.ts';
import { Page } from '../shell/layout.tsx';

/** Oversight: the public summary for everyone, and per-source detail and the audit log's state for auditors. */

const TTD_COLUMNS = [
  'oversight.ttd.kind',
  'oversight.ttd.decided',
  'oversight.ttd.median',
  'oversight.ttd.p90',
  'oversight.ttd.late',
  'oversight.ttd.open',
  'oversight.ttd.overdue',
] as const;

const SOURCE_COLUMNS = [
  'oversight.col.source',
  'oversight.col.filed',
  'oversight.col.upheld',
  'oversight.col.annulled',
  'oversight.col.rate',
  'oversight.col.repairs',
] as const;

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
      <Section id="overturn-h" title={t('oversight.overturn')}>
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
      </Section>
      <Section id="ttd-h" title={t('oversight.ttd')}>
        <Table label={t('oversight.ttd')} head={TTD_COLUMNS.map((k) => t(k))}>
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
        </Table>
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
      </Section>
      <Section id="grades-h" title={t('oversight.grades')}>
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
      </Section>
      {detail && (
        <Section id="sources-h" title={t('oversight.sources')}>
          <Table label={t('oversight.sources')} head={SOURCE_COLUMNS.map((k) => t(k))}>
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
          </Table>
        </Section>
      )}
      <p>
        <a href="/oversight.json">{t('oversight.json')}</a>
      </p>
    </Page>
  );
}
