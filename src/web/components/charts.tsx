import {
  gradeSeries,
  gradeSharesChart,
  hBarsChart,
  type Series,
  stackedBarsChart,
  swatch,
} from '../../app/reports/reports.charts.ts';
import type { View } from '../shell/http.ts';
import { Svg } from './svg.tsx';
import { Table } from './table.tsx';

/**
 * The oversight charts on a page: each drawn by the chart module (app/reports), in a figure with its caption,
 * a legend, and its numbers in a table for those who do not see the picture.
 */

function Legend({ series }: { series: readonly Series[] }) {
  return (
    <ul class="legend">
      {series.map((s) => (
        <li key={s.key}>
          <Svg node={swatch(s.colour)} /> {s.label}
        </li>
      ))}
    </ul>
  );
}

/** Stacked columns over categories (e.g. months), with a legend and the numbers in a table. */
export function StackedBars({
  v,
  id,
  title,
  categories,
  series,
  value,
  caption,
}: {
  v: View;
  id: string;
  title: string;
  categories: readonly { key: string; label: string }[];
  series: readonly Series[];
  value: (category: string, series: string) => number;
  caption?: string;
}) {
  const totals = categories.map((c) => series.reduce((s, x) => s + value(c.key, x.key), 0));
  const grand = totals.reduce((s, x) => s + x, 0);
  const desc = `${title}: ${series
    .map((s) => `${s.label} ${categories.reduce((sum, c) => sum + value(c.key, s.key), 0)}`)
    .join(', ')} (${v.t('oversight.total')} ${grand}).`;
  return (
    <figure class="chart" aria-labelledby={`${id}-cap`}>
      <figcaption id={`${id}-cap`}>{title}</figcaption>
      {caption && <p class="hint">{caption}</p>}
      <Svg node={stackedBarsChart({ id, title, desc, categories, series, value })} />
      <Legend series={series} />
      <details>
        <summary>{v.t('chart.table')}</summary>
        <Table
          label={title}
          head={[v.t('oversight.month'), ...series.map((s) => s.label), v.t('oversight.total')]}
        >
          {categories.map((c, i) => (
            <tr key={c.key}>
              <th scope="row">{c.label}</th>
              {series.map((s) => (
                <td key={s.key}>{value(c.key, s.key)}</td>
              ))}
              <td>{totals[i]}</td>
            </tr>
          ))}
        </Table>
      </details>
    </figure>
  );
}

/** Horizontal bars, one per row, with the value written at the end of each bar. */
export function HBars({
  id,
  title,
  rows,
  max,
  colour,
  caption,
  showTitle = true,
}: {
  id: string;
  title: string;
  rows: readonly { label: string; value: number; text: string }[];
  max: number;
  colour: string;
  caption?: string;
  showTitle?: boolean;
}) {
  return (
    <figure class="chart" aria-label={title}>
      {showTitle && <figcaption>{title}</figcaption>}
      {caption && <p class="hint">{caption}</p>}
      <Svg node={hBarsChart({ id, title, rows, max, colour })} />
    </figure>
  );
}

/** Shares of each grade per row (sector, region) as 100 % bars, with the counts in a table. */
export function GradeShares({
  v,
  id,
  title,
  rows,
  grades,
}: {
  v: View;
  id: string;
  title: string;
  rows: readonly { label: string; counts: Readonly<Record<string, number>> }[];
  grades: readonly string[];
}) {
  const count = (r: (typeof rows)[number], g: string) => r.counts[g] ?? 0;
  return (
    <figure class="chart" aria-labelledby={`${id}-cap`}>
      <figcaption id={`${id}-cap`}>{title}</figcaption>
      <Svg node={gradeSharesChart({ id, title, rows, grades })} />
      <Legend series={gradeSeries(grades)} />
      <details>
        <summary>{v.t('chart.table')}</summary>
        <Table label={title} head={[null, ...grades, v.t('oversight.total')]}>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              {grades.map((g) => (
                <td key={g}>{count(r, g)}</td>
              ))}
              <td>{grades.reduce((s, g) => s + count(r, g), 0)}</td>
            </tr>
          ))}
        </Table>
      </details>
    </figure>
  );
}
