import type { AppContext } from '../ports/ports.context.ts';
import { Ingestor, type LineResult } from './ingest.usecases.ts';

/** The most text (UTF-16 units) of accepted-so-far lines held in one batch. */
const BATCH_CHARS = 16 * 1024 * 1024;

export interface ImportSummary {
  lines: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface Rejection {
  readonly line: number;
  readonly code: string;
  readonly field: string;
  readonly message: string;
  readonly input: string;
}

/** Feeds lines to the ingestor in batches; every line is accepted whole or rejected, never half-applied. */
export async function importLines(
  ctx: AppContext,
  lines: AsyncIterable<{ n: number; value?: unknown; code?: string; error?: string; raw: string }>,
  onReject: (r: Rejection) => void,
  onProgress: (s: ImportSummary) => void = () => {},
  batchSize = 5000,
  /** After the last line: the written subjects are derived, `done` of `total`. */
  onSettle: (done: number, total: number) => void = () => {},
  /** `reportedOnTime`: synthetic histories only (see the Ingestor); `workers`: the threads deriving at the end. */
  options: { readonly reportedOnTime?: boolean; readonly workers?: number | 'auto' } = {},
): Promise<ImportSummary> {
  // a file's subjects are derived once each at the end, not once per batch (see Ingestor.settle)
  const ingestor = new Ingestor(ctx, undefined, { deferProjection: true, ...options });
  const summary: ImportSummary = { lines: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
  let batch: { n: number; value: unknown; raw: string }[] = [];
  let batchChars = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    batchChars = 0;
    const results: LineResult[] = await ingestor.apply(current.map((b) => b.value));
    // a first import grows its tables from nothing: the planner learns of it each time one has grown tenfold
    if (results.some((r) => r.ok && r.status !== 'unchanged')) await ctx.store.refreshStatistics(10);
    results.forEach((r, i) => {
      const b = current[i]!;
      if (r.ok) summary[r.status]++;
      else {
        summary.rejected++;
        onReject({ line: b.n, code: r.code, field: r.field, message: r.message, input: b.raw });
      }
    });
    onProgress(summary);
  };
  for await (const l of lines) {
    summary.lines++;
    if (l.error !== undefined) {
      summary.rejected++;
      onReject({ line: l.n, code: l.code ?? 'input.malformed', field: '', message: l.error, input: l.raw });
      continue;
    }
    batch.push({ n: l.n, value: l.value, raw: l.raw });
    batchChars += l.raw.length;
    // a batch is bounded by its text too: 5,000 lines of nearly 1 MB each must not be held at once
    if (batch.length >= batchSize || batchChars >= BATCH_CHARS) await flush();
  }
  await flush();
  await ingestor.settle(onSettle);
  return summary;
}
