import { barChart, lineChart } from '../app/reports/reports.charts.ts';
import { esc, markup, page } from '../app/reports/reports.markup.ts';
import { type Dynamics, dynamicsText, percentile } from './dynamics.ts';

/** The simulation's dynamics as a self-contained HTML report with charts. */
export function dynamicsHtml(d: Dynamics, years: number, params: Record<string, unknown>): string {
  const share = (n: number) => (d.subjects ? (100 * n) / d.subjects : 0);
  const buckets = [30, 90, 180, 365, 730, 1095, 1825];
  const hist = buckets.map((b, i) => ({
    label: `≤ ${b} d`,
    values: [d.entryDays.filter((x) => x <= b && (i === 0 || x > buckets[i - 1]!)).length],
  }));
  hist.push({
    label: `> ${buckets[buckets.length - 1]} d`,
    values: [d.entryDays.filter((x) => x > buckets[buckets.length - 1]!).length],
  });
  const low = (m: Record<string, { subjects: number; low: number }>) =>
    Object.entries(m)
      .filter(([, v]) => v.subjects >= 10)
      .sort((a, b) => b[1].low / b[1].subjects - a[1].low / a[1].subjects)
      .slice(0, 12)
      .map(([label, v]) => ({
        label: `${label} (${v.subjects})`,
        values: [Math.round((1000 * v.low) / v.subjects) / 10],
      }));
  const body = [
    `<h1>Simulated dynamics over ${years} year(s)</h1>`,
    `<p class="note">Parameters: ${esc(JSON.stringify(params))}. Synthetic data; deterministic for its seed.</p>`,
    `<pre>${esc(dynamicsText(d, years))}</pre>`,
    ...[
      lineChart(
        'Share of subjects on a black list (%), quarter by quarter',
        [
          { name: 'on a black list', points: d.timeline.map((c) => [c.at, share(c.blackListed)]) },
          { name: 'in the two lowest grades', points: d.timeline.map((c) => [c.at, share(c.lowGrade)]) },
        ],
        '%',
      ),
      lineChart(
        'Mean score',
        [{ name: 'mean score', points: d.timeline.map((c) => [c.at, c.meanScore]) }],
        'score',
        false,
      ),
      barChart(
        `How long black-list entries lasted in practice (median ${percentile(d.entryDays, 50)} days)`,
        hist,
        ['entries'],
      ),
      barChart(
        `Share in the two lowest grades at the end, by sector (%; overall ${share(d.lowOverall).toFixed(1)}%)`,
        low(d.lowBySector),
        ['% low grade'],
      ),
      barChart(
        'Share in the two lowest grades at the end, by region (province code; %)',
        low(d.lowByRegion),
        ['% low grade'],
      ),
    ].map(markup),
  ].join('\n');
  return page('Credence simulation', body);
}
