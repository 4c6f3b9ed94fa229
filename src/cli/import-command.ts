import { createWriteStream, existsSync, rmSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import type { WorkersOption } from '../app/derive/derive.pool.ts';
import { type ImportSummary, importLines, type Rejection } from '../app/ingest/ingest.file.ts';
import { tick } from '../app/maintenance/maintenance.tick.ts';
import type { AppContext } from '../app/ports/ports.context.ts';
import { fileSize, readLines } from './import-reader.ts';

export interface ImportIo {
  readonly out: (text: string) => void;
  /** Progress bars only on a terminal. */
  readonly tty: boolean;
  /** For tests: a smaller line limit than the 1 MB default. */
  readonly maxLineBytes?: number;
  /** Threads deriving the imported subjects at the end (see `Ingestor`); default auto. */
  readonly workers?: WorkersOption;
}

/**
 * `credence import FILE...`: first derives the subjects an earlier, interrupted import left due (their records
 * are stored, their scores not yet recomputed), then reads each file; every line is applied or written with its
 * number and reason to FILE.rejects.ndjson (a rejects file of an earlier run is removed first). Answers whether any
 * line was rejected.
 */
export async function importFiles(ctx: AppContext, files: readonly string[], io: ImportIo): Promise<boolean> {
  const left = await tick(ctx);
  if (left > 0)
    io.out(`derived ${left} subject(s) left due by an earlier import or by the passing of time\n`);
  let anyRejected = false;
  for (const file of files) {
    const s = await importFile(ctx, file, io);
    if (s.rejected > 0) anyRejected = true;
  }
  return anyRejected;
}

async function importFile(ctx: AppContext, file: string, io: ImportIo): Promise<ImportSummary> {
  const size = fileSize(file);
  // the rejects file describes one run: an earlier run's would contradict a clean one
  const rejectsFile = `${file}.rejects.ndjson`;
  if (existsSync(rejectsFile)) {
    rmSync(rejectsFile);
    io.out(`${rejectsFile} of an earlier run removed\n`);
  }
  const bar = io.tty
    ? new SingleBar({
        format: `${file} [{bar}] {percentage}% | {lines} lines | {rejected} rejected | eta {eta_formatted}`,
        hideCursor: true,
      })
    : undefined;
  bar?.start(size, 0, { lines: 0, rejected: 0 });
  let bytes = 0;
  let rejects: ReturnType<typeof createWriteStream> | undefined;
  const onReject = (r: Rejection) => {
    rejects ??= createWriteStream(rejectsFile);
    rejects.write(
      `${JSON.stringify({ line: r.line, code: r.code, field: r.field, reason: r.message, input: r.input })}\n`,
    );
  };
  const started = Date.now();
  // once the file is read, its subjects are derived (once each): a second bar shows that phase
  let deriving: SingleBar | undefined;
  const s = await importLines(
    ctx,
    readLines(
      file,
      (b) => (bytes = b),
      io.maxLineBytes === undefined ? {} : { maxLineBytes: io.maxLineBytes },
    ),
    onReject,
    (p) => bar?.update(bytes, { lines: p.lines, rejected: p.rejected }),
    undefined,
    (done, total) => {
      if (!io.tty) return;
      if (!deriving) {
        bar?.update(size);
        bar?.stop();
        deriving = new SingleBar({
          format: `${file} deriving subjects [{bar}] {value}/{total} | eta {eta_formatted}`,
          hideCursor: true,
        });
        deriving.start(total, 0);
      }
      deriving.update(done);
    },
    io.workers === undefined ? {} : { workers: io.workers },
  );
  if (deriving) deriving.stop();
  else {
    bar?.update(size, { lines: s.lines, rejected: s.rejected });
    bar?.stop();
  }
  if (rejects) await new Promise((res) => rejects!.end(res));
  const secs = (Date.now() - started) / 1000;
  io.out(
    `${file}: ${s.lines} lines — ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.rejected} rejected${s.rejected ? ` (reasons in ${file}.rejects.ndjson)` : ''} in ${secs.toFixed(1)} s\n`,
  );
  return s;
}
