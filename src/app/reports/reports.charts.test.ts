import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScoreHistory } from '../queries/queries.history.ts';
import { barChart, lineChart, scoreChart } from './reports.charts.ts';
import { markup } from './reports.markup.ts';

const cause = (record: string, delta: number) => ({
  record,
  source: 'court-authority',
  type: 'court.judgment_default',
  title: 'Judgment <default>',
  change: 'starts' as const,
  delta,
  public: true,
  path: 'self',
});

const history: ScoreHistory = {
  subject: '91350100M000100Y43',
  kind: 'organization',
  from: '2024-01-01T00:00:00Z',
  to: '2026-01-01T00:00:00Z',
  points: [
    { at: '2024-01-01T00:00:00Z', score: 1000, grade: 'A', causes: [] },
    { at: '2024-06-01T00:00:00Z', score: 950, grade: 'B', causes: [cause('C-1', -50)] },
    { at: '2025-06-01T00:00:00Z', score: 1000, grade: 'A', causes: [cause('C-1', 50)] },
  ],
  scale: { min: 0, max: 1000, base: 1000 },
  grades: [
    { grade: 'A', min: 960 },
    { grade: 'B', min: 900 },
  ],
  versions: [],
};

describe('the chart module', () => {
  it('numbers the events of a score history in order, one marker each', () => {
    const svg = markup(scoreChart({ id: 'h', title: 'History', desc: 'Score from 2024 to 2026', history }));
    assert.equal(svg.match(/<circle /g)?.length, 2);
    assert.deepEqual(
      [...svg.matchAll(/text-anchor="middle">(\d+)<\/text>/g)].map((m) => m[1]),
      ['1', '2'],
    );
    assert.match(svg, /^<svg viewBox="0 0 720 260" role="img" aria-labelledby="h-t h-d"/);
    assert.match(svg, /<desc id="h-d">Score from 2024 to 2026<\/desc>/);
  });

  it('a name in a report cannot break out of the markup', () => {
    const evil = '"><script>alert(1)</script><text x="';
    const html = [
      markup(barChart(evil, [{ label: evil, values: [3, 4] }], [evil])),
      markup(lineChart(evil, [{ name: evil, points: [[Date.UTC(2025, 0, 1), 1]] }], evil)),
    ].join('');
    assert.doesNotMatch(html, /<script/);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /aria-label="&quot;&gt;&lt;script&gt;/);
  });

  it('a chart without data says so instead of drawing an empty frame', () => {
    assert.equal(
      markup(lineChart('Mean score', [], 'score')),
      '<figure><figcaption>Mean score</figcaption><p>no data</p></figure>',
    );
  });
});
