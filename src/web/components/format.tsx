import { formatInstant } from '../../domain/time.ts';

/** Dates, points and grades as every page writes them. */

/** `YYYY-MM-DD` of an instant (ms or ISO text); an em dash for none or infinity. */
export function day(t: number | string | null | undefined): string {
  if (t === null || t === undefined) return '—';
  const ms = typeof t === 'number' ? t : Date.parse(t);
  if (!Number.isFinite(ms)) return '—';
  return formatInstant(ms).slice(0, 10);
}

/** Points with a real minus sign and an explicit plus: −30, +5. */
export function pts(n: number): string {
  const r = Math.round(n * 100) / 100;
  return r < 0 ? `−${Math.abs(r)}` : `+${r}`;
}

export function Time({ t }: { t: number | string | null | undefined }) {
  const d = day(t);
  return d === '—' ? <span>—</span> : <time dateTime={d}>{d}</time>;
}

export function GradeBadge({ grade }: { grade: string }) {
  const cls = /^[A-Z]+$/.test(grade) ? `grade grade-${grade}` : 'grade';
  return <span class={cls}>{grade}</span>;
}
