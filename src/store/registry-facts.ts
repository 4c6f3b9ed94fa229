import type { RegistryFactRow, RelationSpan } from '../app/ports/ports.store.ts';

const RELATIONS = new Set(['parent', 'legal_representative', 'actual_controller']);

/**
 * Folds registry facts into spans: each fact holds from its effective date until the next fact of the same kind
 * about the same organization takes effect (a fact recorded later but effective earlier slots in by its date;
 * at the same date the later-recorded one wins). Consecutive spans of the same person merge; null ends a relation.
 */
export function relationSpans(facts: readonly RegistryFactRow[]): RelationSpan[] {
  const groups = new Map<string, RegistryFactRow[]>();
  for (const f of facts) {
    if (!RELATIONS.has(f.fact)) continue;
    const k = `${Number(f.subject_id)}\u0000${f.fact}`;
    const g = groups.get(k);
    if (g) g.push(f);
    else groups.set(k, [f]);
  }
  const out: RelationSpan[] = [];
  for (const g of groups.values()) {
    g.sort((a, b) => Number(a.effective_at) - Number(b.effective_at) || Number(a.seq) - Number(b.seq));
    let open: { related: number; from: number } | undefined;
    const close = (f: RegistryFactRow, to: number | null) => {
      if (open && (to === null || to > open.from))
        out.push({
          org_id: Number(f.subject_id),
          role: f.fact as RelationSpan['role'],
          related_id: open.related,
          from: open.from,
          to,
        });
      open = undefined;
    };
    for (const f of g) {
      const at = Number(f.effective_at);
      const related = f.related_id === null ? null : Number(f.related_id);
      if (open && related === open.related) continue; // the same person restated: one span
      close(f, at);
      if (related !== null) open = { related, from: at };
    }
    close(g[0]!, null);
  }
  return out.sort(
    (a, b) =>
      a.org_id - b.org_id || a.role.localeCompare(b.role) || a.from - b.from || a.related_id - b.related_id,
  );
}

/** The spans in force at `at`. */
export function spansAt(spans: readonly RelationSpan[], at: number): RelationSpan[] {
  return spans.filter((s) => s.from <= at && (s.to === null || at < s.to));
}

/** The columns of `registry_facts` in the order a read as arrays returns them (factOf). */
export const FACT_COLUMNS = [
  'subject_id',
  'seq',
  'fact',
  'value',
  'related_id',
  'effective_at',
  'recorded_at',
  'actor',
  'source',
] as const satisfies readonly (keyof RegistryFactRow)[];

/**
 * A registry fact as read: an array of FACT_COLUMNS (SQLite's raw mode, one object built instead of two), or an
 * object, whose bigint columns PostgreSQL returns as strings.
 */
export function factOf(r: unknown): RegistryFactRow {
  if (!Array.isArray(r)) return numericFact(r as RegistryFactRow);
  return {
    subject_id: Number(r[0]),
    seq: Number(r[1]),
    fact: r[2] as RegistryFactRow['fact'],
    value: r[3] as string | null,
    related_id: r[4] === null ? null : Number(r[4]),
    effective_at: Number(r[5]),
    recorded_at: Number(r[6]),
    actor: r[7] as string,
    source: r[8] as string | null,
  };
}

/** PostgreSQL returns bigint columns as strings unless a parser is installed: normalise to numbers. */
export function numericFact(r: RegistryFactRow): RegistryFactRow {
  return {
    ...r,
    subject_id: Number(r.subject_id),
    seq: Number(r.seq),
    related_id: r.related_id === null ? null : Number(r.related_id),
    effective_at: Number(r.effective_at),
    recorded_at: Number(r.recorded_at),
  };
}
