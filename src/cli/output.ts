import type { ScoreView } from '../app/queries/queries.usecases.ts';

const d = (s: string | null | undefined) => (s ? s.slice(0, 10) : 'no end');

/** The explained score in plain words. */
export function scoreText(v: ScoreView): string {
  const out: string[] = [];
  out.push(
    `${v.subject} (${v.kind}${v.name ? `, ${v.name}` : ''}) on ${d(v.at)}: score ${v.score}, grade ${v.grade}   [${v.rulebook.name} ${v.rulebook.version}]`,
  );
  out.push(`  base ${v.base}`);
  for (const c of v.contributions) {
    const pts = `${c.points > 0 ? '+' : c.points < 0 ? '−' : '±'}${Math.abs(Math.round(c.points * 100) / 100)}`;
    const via = c.path === 'self' ? '' : ` via ${c.path}`;
    out.push(
      `  ${pts.padStart(6)}  ${c.rule ? `rule ${c.rule}: ${c.reason}` : c.reason} — record ${c.source}/${c.record}${via}, counts until ${d(c.until)}`,
    );
  }
  if (v.clamped) out.push(`  clamped from ${v.clamped.from} to ${v.clamped.to}`);
  for (const l of v.lists)
    out.push(
      `  on list ${l.list} (${l.kind}) since ${d(l.since)} until ${d(l.until)} — decision ${l.decision}; legal basis: ${l.legal_basis}`,
    );
  for (const w of v.warnings)
    out.push(`  warned: list ${w.list} takes effect on ${d(w.since)} unless the cause is gone`);
  if (v.next_grade_change) {
    const g = v.next_grade_change;
    out.push(
      `  next grade change: ${g.from} → ${g.to} on ${d(g.at)} when ${g.because.join(', ') || 'periods end'}`,
    );
  } else out.push('  no grade change is scheduled');
  for (const r of v.repairable)
    out.push(
      `  record ${r.record} (${r.type}) can be repaired from ${d(r.from)} with: ${r.requires.join(', ') || 'an application'}`,
    );
  return out.join('\n');
}

/** A horizontal bar chart for a terminal. */
export function histogram(rows: readonly { label: string; count: number }[], width = 40): string {
  const max = Math.max(1, ...rows.map((r) => r.count));
  const total = rows.reduce((s, r) => s + r.count, 0) || 1;
  return rows
    .map(
      (r) =>
        `${r.label.padStart(4)} ${'█'.repeat(Math.round((r.count / max) * width)).padEnd(width)} ${String(r.count).padStart(7)} (${((100 * r.count) / total).toFixed(1)}%)`,
    )
    .join('\n');
}
