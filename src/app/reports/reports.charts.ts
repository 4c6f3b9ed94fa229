/** Small server-side SVG charts for self-contained reports: no library, no script. */

export function esc(s: unknown): string {
  return String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** Horizontal bars, one per label; each bar may have several stacked parts. */
export function barChart(
  title: string,
  rows: readonly { label: string; values: readonly number[] }[],
  legend: readonly string[],
  colors = ['#1f6feb', '#d1242f', '#8250df', '#1a7f37'],
): string {
  const max = Math.max(1, ...rows.map((r) => r.values.reduce((a, b) => a + b, 0)));
  const rowH = 22;
  const labelW = 170;
  const barW = 420;
  const h = rows.length * rowH + 40;
  const bars = rows
    .map((r, i) => {
      let x = labelW;
      const y = 28 + i * rowH;
      const parts = r.values
        .map((v, j) => {
          const w = (v / max) * barW;
          const rect = `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${rowH - 6}" fill="${colors[j % colors.length]}"><title>${esc(legend[j] ?? '')}: ${v}</title></rect>`;
          x += w;
          return rect;
        })
        .join('');
      const total = r.values.reduce((a, b) => a + b, 0);
      return `<text x="${labelW - 6}" y="${y + rowH / 2 + 1}" text-anchor="end" dominant-baseline="middle">${esc(r.label)}</text>${parts}<text x="${x + 4}" y="${y + rowH / 2 + 1}" dominant-baseline="middle">${total}</text>`;
    })
    .join('');
  const key = legend
    .map(
      (l, j) =>
        `<rect x="${labelW + j * 150}" y="6" width="10" height="10" fill="${colors[j % colors.length]}"/><text x="${labelW + j * 150 + 14}" y="15">${esc(l)}</text>`,
    )
    .join('');
  return `<figure><figcaption>${esc(title)}</figcaption><svg role="img" aria-label="${esc(title)}" viewBox="0 0 ${labelW + barW + 80} ${h}" width="100%" font-family="system-ui, sans-serif" font-size="12">${key}${bars}</svg></figure>`;
}

/** A from × to matrix as a table whose cells are shaded by count (readable without colour too). */
export function matrixTable(
  title: string,
  labels: readonly string[],
  cell: (from: string, to: string) => number,
): string {
  const max = Math.max(1, ...labels.flatMap((f) => labels.map((t) => cell(f, t))));
  const head = `<tr><th scope="col">from \\ to</th>${labels.map((l) => `<th scope="col">${esc(l)}</th>`).join('')}</tr>`;
  const body = labels
    .map(
      (f) =>
        `<tr><th scope="row">${esc(f)}</th>${labels
          .map((t) => {
            const n = cell(f, t);
            const a = n === 0 ? 0 : 0.12 + 0.6 * (n / max);
            return `<td style="background:rgba(31,111,235,${a.toFixed(2)});${f !== t && n > 0 ? 'font-weight:bold' : ''}">${n || ''}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('');
  return `<table class="matrix"><caption>${esc(title)}</caption>${head}${body}</table>`;
}

/** A line chart of one or more series over time (x: epoch ms). */
export function lineChart(
  title: string,
  series: readonly { name: string; points: readonly [number, number][] }[],
  yLabel: string,
  fromZero = true,
  colors = ['#1f6feb', '#d1242f', '#1a7f37', '#8250df'],
): string {
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return `<figure><figcaption>${esc(title)}</figcaption><p>no data</p></figure>`;
  const [x0, x1] = [Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0]))];
  const lo = Math.min(...all.map((p) => p[1]));
  const hi = Math.max(...all.map((p) => p[1]));
  const [y0, y1] = fromZero
    ? [Math.min(0, lo), Math.max(1, hi)]
    : [lo - Math.max(1, (hi - lo) * 0.1), hi + Math.max(1, (hi - lo) * 0.1)];
  const W = 640;
  const H = 240;
  const px = (x: number) => 50 + ((x - x0) / Math.max(1, x1 - x0)) * (W - 70);
  const py = (y: number) => H - 30 - ((y - y0) / Math.max(1e-9, y1 - y0)) * (H - 50);
  const lines = series
    .map(
      (s, i) =>
        `<polyline fill="none" stroke="${colors[i % colors.length]}" stroke-width="2" points="${s.points.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ')}"><title>${esc(s.name)}</title></polyline>`,
    )
    .join('');
  const ticks = [y0, (y0 + y1) / 2, y1]
    .map(
      (y) => `<text x="44" y="${py(y)}" text-anchor="end" dominant-baseline="middle">${Math.round(y)}</text>`,
    )
    .join('');
  const dates = [x0, x1]
    .map(
      (x, i) =>
        `<text x="${px(x)}" y="${H - 10}" text-anchor="${i ? 'end' : 'start'}">${new Date(x).toISOString().slice(0, 10)}</text>`,
    )
    .join('');
  const key = series
    .map(
      (s, i) =>
        `<rect x="${60 + i * 160}" y="4" width="10" height="10" fill="${colors[i % colors.length]}"/><text x="${74 + i * 160}" y="13">${esc(s.name)}</text>`,
    )
    .join('');
  return `<figure><figcaption>${esc(title)}</figcaption><svg role="img" aria-label="${esc(title)}" viewBox="0 0 ${W} ${H}" width="100%" font-family="system-ui, sans-serif" font-size="11"><line x1="50" y1="${H - 30}" x2="${W - 20}" y2="${H - 30}" stroke="#888"/><line x1="50" y1="20" x2="50" y2="${H - 30}" stroke="#888"/><text x="8" y="14">${esc(yLabel)}</text>${key}${ticks}${dates}${lines}</svg></figure>`;
}

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1f2328}h1{font-size:1.5rem}figure{margin:1.5rem 0}figcaption,caption{font-weight:600;margin-bottom:.5rem;text-align:left}table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:right}th{background:#f6f8fa}.note{color:#57606a}</style></head><body>${body}</body></html>`;
}
