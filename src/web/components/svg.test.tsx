import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { gradeSharesChart, hBarsChart } from '../../app/reports/reports.charts.ts';
import { type El, markup } from '../../app/reports/reports.markup.ts';
import { toVNode } from './svg.tsx';

/** The same text up to how an empty shape is closed (`<rect/>` in a report, `<rect></rect>` from Preact). */
const same = (s: string) => s.replace(/<(rect|line|circle|path|polyline)([^>]*)\/>/g, '<$1$2></$1>');

describe('charts on the pages', () => {
  it('a page draws a chart with the very elements a report writes out', () => {
    const charts: El[] = [
      gradeSharesChart({
        id: 'g',
        title: 'By sector',
        rows: [{ label: 'enterprise & co', counts: { A: 3, B: 1 } }],
        grades: ['A', 'B'],
      }),
      hBarsChart({
        id: 'o',
        title: 'Overturned',
        rows: [{ label: 'tax', value: 0.5, text: '50 %' }],
        max: 1,
        colour: '#0969da',
      }),
    ];
    for (const c of charts) assert.equal(same(markup(c)), renderToString(toVNode(c)));
  });
});
