import { type Derivation, derive } from '../../rules/explain.ts';
import type { SubjectFile } from '../../rules/ledger.model.ts';
import type { ListEntry } from '../../rules/lists.ts';
import type { MeasureSpan } from '../../rules/measures.ts';
import { Timeline } from '../../rules/scorer.ts';
import type { RulebookSet } from '../../rules/versions.ts';

/**
 * What a derivation stores (the projection and its decisions are written from it): plain data, so that a worker
 * thread can compute it and hand it back by structured clone.
 */
export interface Computed {
  readonly entries: readonly ListEntry[];
  readonly spans: readonly MeasureSpan[];
  readonly score: number;
  readonly grade: string;
  readonly nextChangeAt: number | null;
  readonly rulebookHash: string;
}

/** The stored part of a derivation (its measure spans computed now). */
export function computedOf(d: Derivation): Computed {
  return {
    entries: d.entries,
    spans: d.spans,
    score: d.summary.score,
    grade: d.summary.grade,
    nextChangeAt: d.summary.nextChangeAt,
    rulebookHash: d.summary.rulebook.hash,
  };
}

/** Derives one subject's file at `now`: pure, the same on every thread. */
export function deriveFile(file: SubjectFile, versions: RulebookSet, now: number): Derivation {
  return derive(new Timeline(file, versions), now);
}

/** Derives many files (a worker's share of a slice), in their order. */
export function computeFiles(
  files: readonly (readonly [number, SubjectFile])[],
  versions: RulebookSet,
  now: number,
): [number, Computed][] {
  return files.map(([id, file]) => [id, computedOf(deriveFile(file, versions, now))]);
}
