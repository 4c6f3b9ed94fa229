import type { HistoryCause, ScoreHistory } from '../app/queries/queries.history.ts';
import type { View } from './shell/http.ts';
import type { MessageKey } from './i18n/i18n.ts';
import { day, pts, TableBox } from './shell/layout.tsx';

/**
 * Charts as inline SVG rendered on the server: no script, no library. Each chart has a title and a summary
 * for screen readers, and its numbers in a table beside it.
 */

const INK = '#1f2328';
const MUTED = '#57606a';
const GRID = '#d0d7de';

/** Green to red, for grades from best to worst; distinguishable and dark enough on white. */
const GRADE_COLOURS = ['#0f5f2e', '#1a7f37', '#4d8f1f', '#9a6700', '#bc4c00', '#a40e26', '#6e0a1d'];
export function gradeColour(i: number): string {
  return GRADE_COLOURS[Math.min(i, GRADE_COLOURS.length - 1)]!;
}

export const SERIES_COLOURS = {
  black: '#24292f',
  red: '#cf222e',
  warning: '#bf8700',
  max: '#6e7781',
  repair: '#1a7f37',
  annulled: '#0969da',
  condition: '#8250df',
  escalated: '#bc4c00',
  open: '#d0d7de',
  upheld: '#57606a',
} as const;

function Swatch({ colour }: { colour: string }) {
  return (
    <svg width="12" height="12" aria-hidden="true" class="swatch">
      <rect width="12" height="12" fill={colour} />
    </svg>
  );
}

export function causeText(v: View, c: HistoryCause, publicView: boolean): string {
  const delta = pts(c.delta);
  if (publicView && !c.public) return v.t('cause.private', { delta });
  return v.t(`cause.${c.change}` as MessageKey, { delta, title: c.title, record: `${c.source}/${c.record}` });
}

/** The score over time as a step line, grade bands as dashed lines, and numbered markers at the events. */
export function ScoreChart({
  v,
  id,
  title,
  history,
  publicView,
}: {
  v: View;
  id: string;
  title: string;
  history: ScoreHistory;
  publicView: boolean;
}) {
  const { t } = v;
  const W = 720;
  const H = 260;
  const L = 48;
  const R = 70;
  const TOP = 14;
  const B = 30;
  const t0 = Date.parse(history.from);
  const t1 = Date.parse(history.to);
  const pts0 = history.points;
  const scores = pts0.map((p) => p.score);
  const lo = Math.min(...scores);
  const hi = Math.max(...scores);
  const pad = Math.max(25, (hi - lo) * 0.15);
  let yLo = Math.max(history.scale.min, lo - pad);
  let yHi = Math.min(history.scale.max, hi + pad);
  if (yHi - yLo < 80) {
    yLo = Math.max(history.scale.min, yLo - 40);
    yHi = Math.min(history.scale.max, yHi + 40);
  }
  const x = (ms: number) => L + ((ms - t0) / Math.max(1, t1 - t0)) * (W - L - R);
  const y = (s: number) => TOP + ((yHi - s) / Math.max(1, yHi - yLo)) * (H - TOP - B);
  let d = '';
  pts0.forEach((p, i) => {
    const px = x(Date.parse(p.at)).toFixed(1);
    const py = y(p.score).toFixed(1);
    d += i === 0 ? `M${px},${py}` : `H${px}V${py}`;
  });
  d += `H${x(t1).toFixed(1)}`;
  const events = pts0.filter((p) => p.causes.length > 0);
  const ticks: number[] = [];
  const start = new Date(t0);
  for (let yr = start.getUTCFullYear(); yr <= new Date(t1).getUTCFullYear(); yr++) {
    for (const m of [0, 6]) {
      const ms = Date.UTC(yr, m, 1);
      if (ms >= t0 && ms <= t1) ticks.push(ms);
    }
  }
  const bands = history.grades.filter((g) => g.min > yLo && g.min < yHi);
  const first = pts0[0]!;
  const last = pts0[pts0.length - 1]!;
  const summary = t('chart.summary', {
    from: day(history.from),
    to: day(history.to),
    first: first.score,
    firstDate: day(first.at),
    last: last.score,
    grade: last.grade,
  });
  return (
    <figure class="chart" aria-label={title}>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        class="chart-svg"
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{summary}</desc>
        <rect x={L} y={TOP} width={W - L - R} height={H - TOP - B} fill="#f6f8fa" />
        {bands.map((g) => (
          <g key={g.grade}>
            <line
              x1={L}
              x2={W - R}
              y1={y(g.min)}
              y2={y(g.min)}
              stroke={GRID}
              stroke-dasharray="4 4"
              stroke-width="1"
            />
            <text x={W - R + 6} y={y(g.min) + 4} font-size="12" fill={MUTED}>
              {`${g.grade} ≥ ${g.min}`}
            </text>
          </g>
        ))}
        {[yLo, yHi].map((s) => (
          <text key={s} x={L - 6} y={y(s) + 4} font-size="12" fill={MUTED} text-anchor="end">
            {Math.round(s)}
          </text>
        ))}
        {ticks.map((ms) => (
          <g key={ms}>
            <line x1={x(ms)} x2={x(ms)} y1={H - B} y2={H - B + 4} stroke={MUTED} />
            <text x={x(ms)} y={H - B + 17} font-size="12" fill={MUTED} text-anchor="middle">
              {day(ms).slice(0, 7)}
            </text>
          </g>
        ))}
        <line x1={L} x2={W - R} y1={H - B} y2={H - B} stroke={MUTED} />
        <path d={d} fill="none" stroke="#0a3069" stroke-width="2.5" />
        {events.map((p, i) => {
          const px = x(Date.parse(p.at));
          const py = y(p.score);
          return (
            <g key={p.at}>
              <circle cx={px} cy={py} r="5" fill="#ffffff" stroke="#0a3069" stroke-width="2" />
              <text x={px} y={py - 9} font-size="11" fill={INK} text-anchor="middle">
                {i + 1}
              </text>
            </g>
          );
        })}
      </svg>
      <h3 class="chart-sub">{t('chart.events')}</h3>
      {events.length === 0 ? (
        <p>{t('chart.no_events')}</p>
      ) : (
        <ol class="events">
          {events.map((p) => (
            <li key={p.at}>
              <time dateTime={day(p.at)}>{day(p.at)}</time> → <strong>{p.score}</strong> ({p.grade}):{' '}
              {p.causes.map((c) => causeText(v, c, publicView)).join('; ')}
            </li>
          ))}
        </ol>
      )}
      <details>
        <summary>{t('chart.table')}</summary>
        <TableBox label={title}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('chart.date')}</th>
                <th scope="col">{t('chart.score')}</th>
                <th scope="col">{t('chart.grade')}</th>
                <th scope="col">{t('chart.event')}</th>
              </tr>
            </thead>
            <tbody>
              {pts0.map((p) => (
                <tr key={p.at}>
                  <td>{day(p.at)}</td>
                  <td>{p.score}</td>
                  <td>{p.grade}</td>
                  <td>{p.causes.map((c) => causeText(v, c, publicView)).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      </details>
    </figure>
  );
}

export interface Series {
  readonly key: string;
  readonly label: string;
  readonly colour: string;
}

function Legend({ series }: { series: readonly Series[] }) {
  return (
    <ul class="legend">
      {series.map((s) => (
        <li key={s.key}>
          <Swatch colour={s.colour} /> {s.label}
        </li>
      ))}
    </ul>
  );
}

function niceMax(n: number): number {
  if (n <= 5) return Math.max(1, n);
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= n) return m * p;
  return n;
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
  const W = 720;
  const H = 220;
  const L = 40;
  const R = 10;
  const TOP = 12;
  const B = 28;
  const totals = categories.map((c) => series.reduce((s, x) => s + value(c.key, x.key), 0));
  const max = niceMax(Math.max(0, ...totals));
  const band = (W - L - R) / Math.max(1, categories.length);
  const bw = Math.max(2, band * 0.7);
  const y = (n: number) => TOP + ((max - n) / max) * (H - TOP - B);
  const every = Math.ceil(categories.length / 8);
  const grand = totals.reduce((s, x) => s + x, 0);
  const summary = `${title}: ${series
    .map((s) => `${s.label} ${categories.reduce((sum, c) => sum + value(c.key, s.key), 0)}`)
    .join(', ')} (${v.t('oversight.total')} ${grand}).`;
  return (
    <figure class="chart" aria-labelledby={`${id}-cap`}>
      <figcaption id={`${id}-cap`}>{title}</figcaption>
      {caption && <p class="hint">{caption}</p>}
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`} class="chart-svg">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{summary}</desc>
        {[0, max / 2, max].filter(Number.isInteger).map((n) => (
          <g key={n}>
            <line x1={L} x2={W - R} y1={y(n)} y2={y(n)} stroke={GRID} />
            <text x={L - 6} y={y(n) + 4} font-size="12" fill={MUTED} text-anchor="end">
              {n}
            </text>
          </g>
        ))}
        {categories.map((c, i) => {
          let acc = 0;
          const x0 = L + i * band + (band - bw) / 2;
          return (
            <g key={c.key}>
              {series.map((s) => {
                const n = value(c.key, s.key);
                if (n <= 0) return null;
                const top = y(acc + n);
                const h = y(acc) - top;
                acc += n;
                return <rect key={s.key} x={x0} y={top} width={bw} height={h} fill={s.colour} />;
              })}
              {i % every === 0 && (
                <text x={x0 + bw / 2} y={H - B + 17} font-size="11" fill={MUTED} text-anchor="middle">
                  {c.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <Legend series={series} />
      <details>
        <summary>{v.t('chart.table')}</summary>
        <TableBox label={title}>
          <table>
            <thead>
              <tr>
                <th scope="col">{v.t('oversight.month')}</th>
                {series.map((s) => (
                  <th scope="col" key={s.key}>
                    {s.label}
                  </th>
                ))}
                <th scope="col">{v.t('oversight.total')}</th>
              </tr>
            </thead>
            <tbody>
              {categories.map((c, i) => (
                <tr key={c.key}>
                  <th scope="row">{c.label}</th>
                  {series.map((s) => (
                    <td key={s.key}>{value(c.key, s.key)}</td>
                  ))}
                  <td>{totals[i]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
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
  const W = 720;
  const L = 190;
  const R = 120;
  const rowH = 26;
  const H = rows.length * rowH + 8;
  const m = max > 0 ? max : 1;
  return (
    <figure class="chart" aria-label={title}>
      {showTitle && <figcaption>{title}</figcaption>}
      {caption && <p class="hint">{caption}</p>}
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`} class="chart-svg">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{rows.map((r) => `${r.label}: ${r.text}`).join('; ')}</desc>
        {rows.map((r, i) => {
          const w = Math.max(0, (r.value / m) * (W - L - R));
          const top = 4 + i * rowH;
          return (
            <g key={r.label}>
              <text x={L - 8} y={top + 16} font-size="12" fill={INK} text-anchor="end">
                {r.label.length > 28 ? `${r.label.slice(0, 27)}…` : r.label}
              </text>
              <rect x={L} y={top + 3} width={w} height={rowH - 8} fill={colour} />
              <text x={L + w + 6} y={top + 16} font-size="12" fill={INK}>
                {r.text}
              </text>
            </g>
          );
        })}
      </svg>
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
  const W = 720;
  const L = 170;
  const R = 60;
  const rowH = 26;
  const H = rows.length * rowH + 8;
  const series = grades.map((g, i) => ({ key: g, label: g, colour: gradeColour(i) }));
  return (
    <figure class="chart" aria-labelledby={`${id}-cap`}>
      <figcaption id={`${id}-cap`}>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`} class="chart-svg">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>
          {rows
            .map((r) => `${r.label}: ${grades.map((g) => `${g} ${r.counts[g] ?? 0}`).join(', ')}`)
            .join('; ')}
        </desc>
        {rows.map((r, i) => {
          const total = grades.reduce((s, g) => s + (r.counts[g] ?? 0), 0);
          const top = 4 + i * rowH;
          let acc = 0;
          return (
            <g key={r.label}>
              <text x={L - 8} y={top + 16} font-size="12" fill={INK} text-anchor="end">
                {r.label}
              </text>
              {series.map((s) => {
                const n = r.counts[s.key] ?? 0;
                if (n === 0 || total === 0) return null;
                const x0 = L + (acc / total) * (W - L - R);
                const w = (n / total) * (W - L - R);
                acc += n;
                return <rect key={s.key} x={x0} y={top + 3} width={w} height={rowH - 8} fill={s.colour} />;
              })}
              <text x={W - R + 6} y={top + 16} font-size="12" fill={INK}>
                {`n=${total}`}
              </text>
            </g>
          );
        })}
      </svg>
      <Legend series={series} />
      <details>
        <summary>{v.t('chart.table')}</summary>
        <TableBox label={title}>
          <table>
            <thead>
              <tr>
                <td />
                {grades.map((g) => (
                  <th scope="col" key={g}>
                    {g}
                  </th>
                ))}
                <th scope="col">{v.t('oversight.total')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.label}>
                  <th scope="row">{r.label}</th>
                  {grades.map((g) => (
                    <td key={g}>{r.counts[g] ?? 0}</td>
                  ))}
                  <td>{grades.reduce((s, g) => s + (r.counts[g] ?? 0), 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      </details>
    </figure>
  );
}
