import { formatInstant } from '../../domain/time.ts';
import type { ScoreHistory } from '../queries/queries.history.ts';
import { type El, el } from './reports.markup.ts';

/**
 * The charts of Credence, drawn once as SVG elements (see reports.markup.ts): the web pages embed them (with a
 * legend, a title and the numbers in a table around them) and the self-contained HTML reports write them out.
 * No library, no script.
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

export interface Series {
  readonly key: string;
  readonly label: string;
  readonly colour: string;
}

/** The grades as series, best first, in the grade colours. */
export function gradeSeries(grades: readonly string[]): Series[] {
  return grades.map((g, i) => ({ key: g, label: g, colour: gradeColour(i) }));
}

/** A small colour square for a legend. */
export function swatch(colour: string): El {
  return el(
    'svg',
    { width: '12', height: '12', 'aria-hidden': 'true', class: 'swatch' },
    el('rect', { width: '12', height: '12', fill: colour }),
  );
}

/** An accessible chart: `role="img"`, named by its title and described by a summary. */
function figureSvg(id: string, w: number, h: number, title: string, desc: string, extra: object = {}) {
  return (...children: (El | El[] | null | false)[]) =>
    el(
      'svg',
      {
        viewBox: `0 0 ${w} ${h}`,
        role: 'img',
        'aria-labelledby': `${id}-t ${id}-d`,
        class: 'chart-svg',
        ...extra,
      },
      el('title', { id: `${id}-t` }, title),
      el('desc', { id: `${id}-d` }, desc),
      ...children,
    );
}

/** A group of SVG elements. */
const group = (...children: Parameters<typeof el>[2][]) => el('g', {}, ...children);

const month = (ms: number) => formatInstant(ms).slice(0, 7);

/** The points of a score history where something happened: numbered markers on the chart, in this order. */
export function scoreEvents(history: ScoreHistory): ScoreHistory['points'] {
  return history.points.filter((p) => p.causes.length > 0);
}

/** The score over time as a step line, grade bands as dashed lines, and numbered markers at the events. */
export function scoreChart(o: { id: string; title: string; desc: string; history: ScoreHistory }): El {
  const { history } = o;
  const [W, H, L, R, TOP, B] = [720, 260, 48, 70, 14, 30];
  const t0 = Date.parse(history.from);
  const t1 = Date.parse(history.to);
  const points = history.points;
  const scores = points.map((p) => p.score);
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
  points.forEach((p, i) => {
    const px = x(Date.parse(p.at)).toFixed(1);
    const py = y(p.score).toFixed(1);
    d += i === 0 ? `M${px},${py}` : `H${px}V${py}`;
  });
  d += `H${x(t1).toFixed(1)}`;
  const ticks: number[] = [];
  for (let yr = new Date(t0).getUTCFullYear(); yr <= new Date(t1).getUTCFullYear(); yr++) {
    for (const m of [0, 6]) {
      const ms = Date.UTC(yr, m, 1);
      if (ms >= t0 && ms <= t1) ticks.push(ms);
    }
  }
  const bands = history.grades.filter((g) => g.min > yLo && g.min < yHi);
  const label = { 'font-size': '12', fill: MUTED };
  const dashed = { stroke: GRID, 'stroke-dasharray': '4 4', 'stroke-width': '1' };
  return figureSvg(o.id, W, H, o.title, o.desc, { preserveAspectRatio: 'xMidYMid meet' })(
    el('rect', { x: L, y: TOP, width: W - L - R, height: H - TOP - B, fill: '#f6f8fa' }),
    bands.map((g) =>
      group(
        el('line', { x1: L, x2: W - R, y1: y(g.min), y2: y(g.min), ...dashed }),
        el('text', { x: W - R + 6, y: y(g.min) + 4, ...label }, `${g.grade} ≥ ${g.min}`),
      ),
    ),
    [yLo, yHi].map((s) =>
      el('text', { x: L - 6, y: y(s) + 4, ...label, 'text-anchor': 'end' }, Math.round(s)),
    ),
    ticks.map((ms) =>
      group(
        el('line', { x1: x(ms), x2: x(ms), y1: H - B, y2: H - B + 4, stroke: MUTED }),
        el('text', { x: x(ms), y: H - B + 17, ...label, 'text-anchor': 'middle' }, month(ms)),
      ),
    ),
    el('line', { x1: L, x2: W - R, y1: H - B, y2: H - B, stroke: MUTED }),
    el('path', { d, fill: 'none', stroke: '#0a3069', 'stroke-width': '2.5' }),
    scoreEvents(history).map((p, i) => {
      const [px, py] = [x(Date.parse(p.at)), y(p.score)];
      return group(
        el('circle', { cx: px, cy: py, r: '5', fill: '#ffffff', stroke: '#0a3069', 'stroke-width': '2' }),
        el('text', { x: px, y: py - 9, 'font-size': '11', fill: INK, 'text-anchor': 'middle' }, i + 1),
      );
    }),
  );
}

function niceMax(n: number): number {
  if (n <= 5) return Math.max(1, n);
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= n) return m * p;
  return n;
}

/** Stacked columns over categories (e.g. months). */
export function stackedBarsChart(o: {
  id: string;
  title: string;
  desc: string;
  categories: readonly { key: string; label: string }[];
  series: readonly Series[];
  value: (category: string, series: string) => number;
}): El {
  const { categories, series, value } = o;
  const [W, H, L, R, TOP, B] = [720, 220, 40, 10, 12, 28];
  const totals = categories.map((c) => series.reduce((s, x) => s + value(c.key, x.key), 0));
  const max = niceMax(Math.max(0, ...totals));
  const band = (W - L - R) / Math.max(1, categories.length);
  const bw = Math.max(2, band * 0.7);
  const y = (n: number) => TOP + ((max - n) / max) * (H - TOP - B);
  const every = Math.ceil(categories.length / 8);
  return figureSvg(
    o.id,
    W,
    H,
    o.title,
    o.desc,
  )(
    [0, max / 2, max]
      .filter(Number.isInteger)
      .map((n) =>
        group(
          el('line', { x1: L, x2: W - R, y1: y(n), y2: y(n), stroke: GRID }),
          el('text', { x: L - 6, y: y(n) + 4, 'font-size': '12', fill: MUTED, 'text-anchor': 'end' }, n),
        ),
      ),
    categories.map((c, i) => {
      let acc = 0;
      const x0 = L + i * band + (band - bw) / 2;
      const rects = series.flatMap((s) => {
        const n = value(c.key, s.key);
        if (n <= 0) return [];
        const top = y(acc + n);
        const h = y(acc) - top;
        acc += n;
        return [el('rect', { x: x0, y: top, width: bw, height: h, fill: s.colour })];
      });
      const tick =
        i % every === 0 &&
        el(
          'text',
          { x: x0 + bw / 2, y: H - B + 17, 'font-size': '11', fill: MUTED, 'text-anchor': 'middle' },
          c.label,
        );
      return group(rects, tick);
    }),
  );
}

/** Horizontal bars, one per row, with the value written at the end of each bar. */
export function hBarsChart(o: {
  id: string;
  title: string;
  rows: readonly { label: string; value: number; text: string }[];
  max: number;
  colour: string;
}): El {
  const [W, L, R, rowH] = [720, 190, 120, 26];
  const m = o.max > 0 ? o.max : 1;
  const desc = o.rows.map((r) => `${r.label}: ${r.text}`).join('; ');
  return figureSvg(
    o.id,
    W,
    o.rows.length * rowH + 8,
    o.title,
    desc,
  )(
    o.rows.map((r, i) => {
      const w = Math.max(0, (r.value / m) * (W - L - R));
      const top = 4 + i * rowH;
      const text = { y: top + 16, 'font-size': '12', fill: INK };
      return group(
        el(
          'text',
          { x: L - 8, ...text, 'text-anchor': 'end' },
          r.label.length > 28 ? `${r.label.slice(0, 27)}…` : r.label,
        ),
        el('rect', { x: L, y: top + 3, width: w, height: rowH - 8, fill: o.colour }),
        el('text', { x: L + w + 6, ...text }, r.text),
      );
    }),
  );
}

/** Shares of each grade per row (sector, region) as 100 % bars. */
export function gradeSharesChart(o: {
  id: string;
  title: string;
  rows: readonly { label: string; counts: Readonly<Record<string, number>> }[];
  grades: readonly string[];
}): El {
  const { rows, grades } = o;
  const [W, L, R, rowH] = [720, 170, 60, 26];
  const desc = rows
    .map((r) => `${r.label}: ${grades.map((g) => `${g} ${r.counts[g] ?? 0}`).join(', ')}`)
    .join('; ');
  return figureSvg(
    o.id,
    W,
    rows.length * rowH + 8,
    o.title,
    desc,
  )(
    rows.map((r, i) => {
      const total = grades.reduce((s, g) => s + (r.counts[g] ?? 0), 0);
      const top = 4 + i * rowH;
      const text = { y: top + 16, 'font-size': '12', fill: INK };
      let acc = 0;
      const rects = gradeSeries(grades).flatMap((s) => {
        const n = r.counts[s.key] ?? 0;
        if (n === 0 || total === 0) return [];
        const x0 = L + (acc / total) * (W - L - R);
        const w = (n / total) * (W - L - R);
        acc += n;
        return [el('rect', { x: x0, y: top + 3, width: w, height: rowH - 8, fill: s.colour })];
      });
      return group(
        el('text', { x: L - 8, ...text, 'text-anchor': 'end' }, r.label),
        rects,
        el('text', { x: W - R + 6, ...text }, `n=${total}`),
      );
    }),
  );
}

const REPORT_COLOURS = ['#1f6feb', '#d1242f', '#8250df', '#1a7f37'];
const REPORT_SVG = { width: '100%', 'font-family': 'system-ui, sans-serif' };
const reportFigure = (title: string, ...children: (El | string)[]) =>
  el('figure', {}, el('figcaption', {}, title), ...children);

/** For the reports: horizontal bars, one per label; each bar may have several stacked parts. */
export function barChart(
  title: string,
  rows: readonly { label: string; values: readonly number[] }[],
  legend: readonly string[],
  colors = REPORT_COLOURS,
): El {
  const max = Math.max(1, ...rows.map((r) => r.values.reduce((a, b) => a + b, 0)));
  const [rowH, labelW, barW] = [22, 170, 420];
  const colour = (j: number) => colors[j % colors.length];
  const bars = rows.flatMap((r, i) => {
    let x = labelW;
    const y = 28 + i * rowH;
    const mid = { y: y + rowH / 2 + 1 };
    const parts = r.values.map((v, j) => {
      const w = (v / max) * barW;
      const rect = el(
        'rect',
        { x: x.toFixed(1), y, width: w.toFixed(1), height: rowH - 6, fill: colour(j) },
        el('title', {}, `${legend[j] ?? ''}: ${v}`),
      );
      x += w;
      return rect;
    });
    const total = r.values.reduce((a, b) => a + b, 0);
    return [
      el('text', { x: labelW - 6, ...mid, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, r.label),
      ...parts,
      el('text', { x: x + 4, ...mid, 'dominant-baseline': 'middle' }, total),
    ];
  });
  const key = legend.flatMap((l, j) => [
    el('rect', { x: labelW + j * 150, y: '6', width: '10', height: '10', fill: colour(j) }),
    el('text', { x: labelW + j * 150 + 14, y: '15' }, l),
  ]);
  const viewBox = `0 0 ${labelW + barW + 80} ${rows.length * rowH + 40}`;
  const svgAttrs = { role: 'img', 'aria-label': title, viewBox, ...REPORT_SVG, 'font-size': '12' };
  return reportFigure(title, el('svg', svgAttrs, key, bars));
}

/** For the reports: a line chart of one or more series over time (x: epoch ms). */
export function lineChart(
  title: string,
  series: readonly { name: string; points: readonly [number, number][] }[],
  yLabel: string,
  fromZero = true,
  colors = ['#1f6feb', '#d1242f', '#1a7f37', '#8250df'],
): El {
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return reportFigure(title, el('p', {}, 'no data'));
  const [x0, x1] = [Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0]))];
  const lo = Math.min(...all.map((p) => p[1]));
  const hi = Math.max(...all.map((p) => p[1]));
  const [y0, y1] = fromZero
    ? [Math.min(0, lo), Math.max(1, hi)]
    : [lo - Math.max(1, (hi - lo) * 0.1), hi + Math.max(1, (hi - lo) * 0.1)];
  const [W, H] = [640, 240];
  const px = (x: number) => 50 + ((x - x0) / Math.max(1, x1 - x0)) * (W - 70);
  const py = (y: number) => H - 30 - ((y - y0) / Math.max(1e-9, y1 - y0)) * (H - 50);
  const colour = (i: number) => colors[i % colors.length];
  const lines = series.map((s, i) => {
    const points = s.points.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ');
    return el(
      'polyline',
      { fill: 'none', stroke: colour(i), 'stroke-width': '2', points },
      el('title', {}, s.name),
    );
  });
  const ticks = [y0, (y0 + y1) / 2, y1].map((y) =>
    el('text', { x: '44', y: py(y), 'text-anchor': 'end', 'dominant-baseline': 'middle' }, Math.round(y)),
  );
  const dates = [x0, x1].map((x, i) =>
    el(
      'text',
      { x: px(x), y: H - 10, 'text-anchor': i ? 'end' : 'start' },
      new Date(x).toISOString().slice(0, 10),
    ),
  );
  const key = series.flatMap((s, i) => [
    el('rect', { x: 60 + i * 160, y: '4', width: '10', height: '10', fill: colour(i) }),
    el('text', { x: 74 + i * 160, y: '13' }, s.name),
  ]);
  const axis = { stroke: '#888' };
  const svgAttrs = {
    role: 'img',
    'aria-label': title,
    viewBox: `0 0 ${W} ${H}`,
    ...REPORT_SVG,
    'font-size': '11',
  };
  return reportFigure(
    title,
    el(
      'svg',
      svgAttrs,
      el('line', { x1: '50', y1: H - 30, x2: W - 20, y2: H - 30, ...axis }),
      el('line', { x1: '50', y1: '20', x2: '50', y2: H - 30, ...axis }),
      el('text', { x: '8', y: '14' }, yLabel),
      key,
      ticks,
      dates,
      lines,
    ),
  );
}
