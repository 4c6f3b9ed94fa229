import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';

/** One input line: its 1-based number, the parsed object (or why it could not be parsed), its raw text. */
export interface InputLine {
  readonly n: number;
  readonly value?: unknown;
  readonly error?: string;
  readonly raw: string;
}

const LIST_COLUMNS = new Set(['evidence', 'domains']);

/** CSV cells are text: empty means absent, lists are JSON or `;`-separated, amounts are numbers. */
function fromCsv(row: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (v === '') continue;
    if (LIST_COLUMNS.has(k))
      out[k] = v.startsWith('[')
        ? JSON.parse(v)
        : v
            .split(/[;|]/)
            .map((s) => s.trim())
            .filter(Boolean);
    else if (k === 'amount') out[k] = Number.isNaN(Number(v)) ? v : Number(v);
    else out[k] = v;
  }
  return out;
}

/** Streams a NDJSON or CSV file line by line (memory stays flat whatever the size). */
export async function* readLines(file: string, onBytes: (n: number) => void): AsyncGenerator<InputLine> {
  const stream = createReadStream(file);
  let bytes = 0;
  stream.on('data', (chunk) => {
    bytes += chunk.length;
    onBytes(bytes);
  });
  if (/\.csv$/i.test(file)) {
    const parser = stream.pipe(
      parse({ columns: true, skip_empty_lines: true, relax_column_count: false, info: true, trim: true }),
    );
    try {
      for await (const rec of parser as AsyncIterable<{
        record: Record<string, string>;
        info: { lines: number };
      }>) {
        const raw = JSON.stringify(rec.record);
        try {
          yield { n: rec.info.lines, value: fromCsv(rec.record), raw };
        } catch (e) {
          yield { n: rec.info.lines, error: `cannot read CSV cell: ${(e as Error).message}`, raw };
        }
      }
    } catch (e) {
      yield { n: -1, error: `CSV error: ${(e as Error).message}`, raw: '' };
    }
    return;
  }
  const rl = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of rl) {
    n++;
    if (line.trim() === '') continue;
    try {
      yield { n, value: JSON.parse(line), raw: line };
    } catch (e) {
      yield { n, error: `malformed JSON: ${(e as Error).message}`, raw: line };
    }
  }
}

export function fileSize(file: string): number {
  return statSync(file).size;
}
