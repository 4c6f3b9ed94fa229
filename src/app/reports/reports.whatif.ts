import type { WhatIfReport } from '../governance/governance.whatif.ts';
import { barChart } from './reports.charts.ts';
import { type El, el, esc, markup, page } from './reports.markup.ts';

/** The what-if report as one self-contained HTML file with charts. */
export function whatIfHtml(r: WhatIfReport, grades: readonly string[]): string {
  const m = new Map(r.transitions.map((t) => [`${t.from}→${t.to}`, t.count]));
  const tallies = (t: Record<string, { subjects: number; changed_grade: number; changed_list: number }>) =>
    Object.entries(t)
      .sort((a, b) => b[1].subjects - a[1].subjects)
      .map(([label, v]) => ({ label, values: [v.changed_grade, v.changed_list] }));
  const lists = [...new Set([...Object.keys(r.list_entries), ...Object.keys(r.list_exits)])].map((l) => ({
    label: l,
    values: [r.list_entries[l] ?? 0, r.list_exits[l] ?? 0],
  }));
  const body = [
    `<h1>What-if: ${esc(r.draft.name)} ${esc(r.draft.version)}</h1>`,
    `<p class="note">Against the rulebook in force, as of ${esc(r.at.slice(0, 10))}. Draft hash ${esc(r.draft.hash)}. Nothing was changed in the registry.</p>`,
    `<p><strong>${r.subjects}</strong> subjects evaluated; <strong>${r.changed_grade}</strong> would change grade and <strong>${r.changed_list}</strong> would change list membership.</p>`,
    markup(
      matrixTable(
        'Grade transitions (rows: grade now, columns: grade under the draft)',
        grades,
        (f, t) => m.get(`${f}→${t}`) ?? 0,
      ),
    ),
    lists.length
      ? markup(
          barChart(
            'List entries and exits the draft would cause',
            lists,
            ['entries', 'exits'],
            ['#d1242f', '#1a7f37'],
          ),
        )
      : '<p>No list entries or exits.</p>',
    markup(
      barChart('By sector: subjects changing grade / changing list', tallies(r.by_sector), [
        'changing grade',
        'changing list',
      ]),
    ),
    markup(
      barChart(
        'By region (province code of the USCI): subjects changing grade / changing list',
        tallies(r.by_region),
        ['changing grade', 'changing list'],
      ),
    ),
    '<table><caption>Subjects most affected</caption><tr><th scope="col">subject</th><th scope="col">score now</th><th scope="col">under the draft</th><th scope="col">change</th></tr>',
    ...r.most_affected.map(
      (a) =>
        `<tr><td>${esc(a.subject)}</td><td>${a.from}</td><td>${a.to}</td><td>${a.delta > 0 ? '+' : ''}${a.delta}</td></tr>`,
    ),
    '</table>',
  ].join('\n');
  return page(`What-if ${r.draft.name} ${r.draft.version}`, body);
}

/** A from × to matrix as a table whose cells are shaded by count (readable without colour). */
function matrixTable(
  title: string,
  labels: readonly string[],
  cell: (from: string, to: string) => number,
): El {
  const max = Math.max(1, ...labels.flatMap((f) => labels.map((t) => cell(f, t))));
  const head = el(
    'tr',
    {},
    el('th', { scope: 'col' }, 'from \\ to'),
    labels.map((l) => el('th', { scope: 'col' }, l)),
  );
  const body = labels.map((f) =>
    el(
      'tr',
      {},
      el('th', { scope: 'row' }, f),
      labels.map((t) => {
        const n = cell(f, t);
        const a = n === 0 ? 0 : 0.12 + 0.6 * (n / max);
        const style = `background:rgba(31,111,235,${a.toFixed(2)});${f !== t && n > 0 ? 'font-weight:bold' : ''}`;
        return el('td', { style }, n || '');
      }),
    ),
  );
  return el('table', { class: 'matrix' }, el('caption', {}, title), head, body);
}
