import { formatInstant } from '../../domain/time.ts';
import type { Tx } from '../ports/ports.store.ts';

/**
 * Who watches a subject (DESIGN §6 access: every consultation is shown to the subject): each watch placed on it,
 * with the watcher's label, the stated purpose, the measures watched on it and until when; ended ones too.
 */
export async function watchedByView(tx: Tx, subjectId: number, now: number) {
  return (await tx.watchesOnSubject(subjectId)).map(({ watch: w, measures }) => ({
    watch: w.id,
    watcher: w.label,
    purpose: w.purpose,
    measures,
    since: formatInstant(w.created_at),
    expires_at: formatInstant(w.expires_at),
    ended_at: w.deleted_at === null ? null : formatInstant(w.deleted_at),
    standing: w.deleted_at === null && w.expires_at > now,
  }));
}
