/**
 * What changed between two rulebook versions, as lines a person can read ("record_types.tax.late_payment.points:
 * -10 → -5"). Works on the parsed documents so that every field, including comments-free YAML values, is compared.
 */
export interface RulebookChange {
  readonly path: string;
  readonly kind: 'added' | 'removed' | 'changed';
  readonly before?: unknown;
  readonly after?: unknown;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Compares two parsed rulebook documents; keyed sections are compared entry by entry, lists by their ids. */
export function diffDocuments(before: unknown, after: unknown, path = ''): RulebookChange[] {
  const out: RulebookChange[] = [];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const k of keys) {
      const p = path ? `${path}.${k}` : k;
      if (!(k in before)) out.push({ path: p, kind: 'added', after: after[k] });
      else if (!(k in after)) out.push({ path: p, kind: 'removed', before: before[k] });
      else out.push(...diffDocuments(before[k], after[k], p));
    }
    return out;
  }
  if (
    Array.isArray(before) &&
    Array.isArray(after) &&
    [...before, ...after].every((x) => isObject(x) && typeof x.id === 'string')
  ) {
    const byId = (xs: unknown[]) => new Map(xs.map((x) => [String((x as { id: string }).id), x]));
    return diffDocuments(Object.fromEntries(byId(before)), Object.fromEntries(byId(after)), path);
  }
  if (!same(before, after)) out.push({ path, kind: 'changed', before, after });
  return out;
}

export function formatChange(c: RulebookChange): string {
  const v = (x: unknown) => (isObject(x) || Array.isArray(x) ? JSON.stringify(x) : String(x));
  if (c.kind === 'added') return `+ ${c.path}: ${v(c.after)}`;
  if (c.kind === 'removed') return `- ${c.path}: ${v(c.before)}`;
  return `~ ${c.path}: ${v(c.before)} → ${v(c.after)}`;
}
