// Rulebook texts in one string (both languages) or per language {en, zh} (DESIGN §4, issue 15 item 6).
import { str } from './rulebook.problems.ts';

/** A rulebook text given as one string (both languages) or per language `{en, zh}`: its English (or only) text. */
export function en(v: unknown): string | undefined {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return str((v as { en?: unknown }).en);
  return str(v);
}
/** A rulebook text's Chinese, when given per language. */
export function zhOf(v: unknown): string | undefined {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return str((v as { zh?: unknown }).zh);
  return undefined;
}
/** Every language's text of a rulebook text (guardrails check each). */
export function texts(v: unknown): string[] {
  if (v !== null && typeof v === 'object' && !Array.isArray(v))
    return Object.values(v as Record<string, unknown>).filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
}
/** The Chinese texts of an element, or nothing when none is given. */
export function zhTexts(fields: { title?: unknown; legalBasis?: unknown; reason?: unknown }): {
  zh?: { title?: string; legalBasis?: string; reason?: string };
} {
  const out: { title?: string; legalBasis?: string; reason?: string } = {};
  for (const k of ['title', 'legalBasis', 'reason'] as const) {
    const z = zhOf(fields[k]);
    if (z) out[k] = z;
  }
  return Object.keys(out).length > 0 ? { zh: out } : {};
}

/**
 * An element's title (and legal basis) as the model holds them: the English (or only) text, and the Chinese beside
 * when given. `fallback` names an element without a title.
 */
export function withTexts(
  raw: { title?: unknown; legalBasis?: unknown },
  fallback: string,
): { title: string; legalBasis?: string; zh?: { title?: string; legalBasis?: string; reason?: string } } {
  const basis = en(raw.legalBasis);
  return { title: en(raw.title) ?? fallback, ...(basis ? { legalBasis: basis } : {}), ...zhTexts(raw) };
}
