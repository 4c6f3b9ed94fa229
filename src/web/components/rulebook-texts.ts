import { textIn } from '../../rules/rulebook.model.ts';
import type { RulebookSet } from '../../rules/versions.ts';
import type { EntryView } from './entry.tsx';

/**
 * Rulebook texts in the reader's language: a list entry's title and legal basis, and a record type's title, from
 * the rulebook version that decided them (Chinese when the rulebook gives it, else the one text).
 */
export function entryIn(versions: RulebookSet, e: EntryView, lang: string): EntryView {
  const rb = versions.versions.find((x) => x.hash === e.rulebook.hash) ?? versions.latest;
  const list = rb.lists.get(e.list);
  if (!list) return e;
  return {
    ...e,
    title: textIn(list, 'title', lang) ?? e.title,
    legal_basis:
      (list.legalBasis === e.legal_basis ? textIn(list, 'legalBasis', lang) : undefined) ?? e.legal_basis,
  };
}

/** A record type's title in the reader's language. */
export function recordTypeTitle(versions: RulebookSet, type: string, lang: string, fallback: string): string {
  const t = versions.latest.recordTypes.get(type);
  return (t && textIn(t, 'title', lang)) ?? fallback;
}
