/**
 * SVG and HTML as plain data, so that one chart module serves both the web pages (which hand the elements to
 * Preact) and the self-contained reports (which write them out as text with `markup`).
 */

export type Attrs = Readonly<Record<string, string | number | undefined>>;
export type Child = El | string | number;

export interface El {
  readonly tag: string;
  readonly attrs: Attrs;
  readonly children: readonly Child[];
}

/** An element; `null`, `undefined` and `false` children are left out (for conditional parts). */
export function el(
  tag: string,
  attrs: Attrs,
  ...children: (Child | readonly Child[] | null | undefined | false)[]
): El {
  const flat: Child[] = [];
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) flat.push(...(c as Child[]));
    else flat.push(c as Child);
  }
  return { tag, attrs, children: flat };
}

export function esc(s: unknown): string {
  return String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** Shapes without content are written self-closing (`<rect …/>`); other empty elements get an end tag. */
const SHAPES = new Set(['rect', 'line', 'circle', 'path', 'polyline', 'polygon']);

/** The element as HTML/SVG text, every text and attribute value escaped. */
export function markup(node: Child): string {
  if (typeof node !== 'object') return esc(node);
  const attrs = Object.entries(node.attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${esc(v)}"`)
    .join('');
  if (node.children.length === 0 && SHAPES.has(node.tag)) return `<${node.tag}${attrs}/>`;
  return `<${node.tag}${attrs}>${node.children.map(markup).join('')}</${node.tag}>`;
}

/** A self-contained HTML report: a small style sheet, no script. */
export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1f2328}h1{font-size:1.5rem}figure{margin:1.5rem 0}figcaption,caption{font-weight:600;margin-bottom:.5rem;text-align:left}table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:right}th{background:#f6f8fa}.note{color:#57606a}</style></head><body>${body}</body></html>`;
}
