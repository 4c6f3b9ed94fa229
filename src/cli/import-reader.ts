import { createReadStream, statSync } from 'node:fs';
import { csvFields, csvHeader, fromCsv } from './import-csv.ts';
import { MAX_LINE_BYTES, type PhysicalLine, physicalLines, utf8 } from './import-lines.ts';

/**
 * One input line: its 1-based physical line number and either the parsed object or why it could not be read
 * (`code` and `error`), with its text (shortened for a line that was never read whole).
 */
export interface InputLine {
  readonly n: number;
  readonly value?: unknown;
  readonly code?: string;
  readonly error?: string;
  readonly raw: string;
}

export interface ReadOptions {
  /** Bytes read so far, after each chunk (for a progress bar). */
  readonly onBytes?: (n: number) => void;
  /** The longest line read, in bytes; longer lines are rejected unread. */
  readonly maxLineBytes?: number;
}

/** Streams a NDJSON or CSV file line by line: memory stays bounded whatever the file holds. */
export async function* readLines(
  file: string,
  onBytes: (n: number) => void = () => {},
  opts: Omit<ReadOptions, 'onBytes'> = {},
): AsyncGenerator<InputLine> {
  const stream = createReadStream(file);
  let bytes = 0;
  stream.on('data', (chunk) => {
    bytes += chunk.length;
    onBytes(bytes);
  });
  yield* parseLines(stream, /\.csv$/i.test(file) ? 'csv' : 'ndjson', opts.maxLineBytes);
}

/**
 * Turns a byte stream into input lines. Every physical line that is not blank comes out exactly once — as a
 * value or as an error — except a CSV file's header line when it is valid.
 */
export async function* parseLines(
  chunks: AsyncIterable<Buffer | string>,
  format: 'csv' | 'ndjson',
  maxLineBytes = MAX_LINE_BYTES,
): AsyncGenerator<InputLine> {
  let header: { columns: string[] } | { code: string; message: string; n: number } | undefined;
  for await (const line of physicalLines(chunks, maxLineBytes)) {
    const text = readable(line, maxLineBytes);
    if (typeof text !== 'string') {
      yield text;
      // an unreadable first line of a CSV file leaves the file without a header
      if (format === 'csv' && header === undefined)
        header = { code: 'input.csv_header', message: text.error!, n: line.n };
      continue;
    }
    if (text.trim() === '') continue;
    if (format === 'ndjson') {
      yield ndjson(line.n, text);
      continue;
    }
    if (header === undefined) {
      const h = csvHeader(text);
      header = 'columns' in h ? h : { ...h, n: line.n };
      if ('columns' in h) continue;
      yield { n: line.n, code: h.code, error: h.message, raw: text };
      continue;
    }
    if (!('columns' in header)) {
      yield {
        n: line.n,
        code: 'input.csv_header',
        error: `no valid header line (line ${header.n} was refused), so the columns of this line are unknown`,
        raw: text,
      };
      continue;
    }
    yield csvLine(line.n, text, header.columns);
  }
}

/** The text of a line, or the rejection of a line too long or not UTF-8. */
function readable(line: PhysicalLine, max: number): string | InputLine {
  if (line.tooLong !== undefined)
    return {
      n: line.n,
      code: 'input.line_too_long',
      error: `the line has ${line.tooLong} bytes; at most ${max} are read (it was skipped unread)`,
      raw: '',
    };
  const text = utf8(line.bytes);
  if (text !== undefined) return text;
  const bad = firstInvalidByte(line.bytes);
  return {
    n: line.n,
    code: 'input.invalid_utf8',
    error: `the line is not valid UTF-8 (byte ${bad + 1} is 0x${line.bytes[bad]!.toString(16).padStart(2, '0')}); save the file as UTF-8`,
    raw: line.bytes.subarray(0, 1000).toString('utf8'),
  };
}

function ndjson(n: number, text: string): InputLine {
  try {
    return { n, value: JSON.parse(text), raw: text };
  } catch (e) {
    return { n, code: 'input.malformed_json', error: `malformed JSON: ${(e as Error).message}`, raw: text };
  }
}

function csvLine(n: number, text: string, columns: string[]): InputLine {
  const r = csvFields(text);
  if (r.code !== undefined) return { n, code: r.code, error: r.message, raw: text };
  if (r.fields.length !== columns.length)
    return {
      n,
      code: 'input.csv_field_count',
      error: `the line has ${r.fields.length} fields; the header has ${columns.length} (${columns.join(', ')})`,
      raw: text,
    };
  try {
    return { n, value: fromCsv(columns, r.fields), raw: text };
  } catch (e) {
    return {
      n,
      code: 'input.csv_cell',
      error: `cannot read a list cell: ${(e as Error).message}`,
      raw: text,
    };
  }
}

/** The index of the first byte that does not start or continue a UTF-8 sequence well (for the message only). */
function firstInvalidByte(b: Buffer): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    const extra =
      c < 0x80
        ? 0
        : c >= 0xc2 && c <= 0xdf
          ? 1
          : c >= 0xe0 && c <= 0xef
            ? 2
            : c >= 0xf0 && c <= 0xf4
              ? 3
              : -1;
    if (extra < 0) return i;
    for (let k = 1; k <= extra; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return i;
    i += extra + 1;
  }
  return 0; // a finer rule (overlong form, surrogate): the decoder knows, the message need not
}

export function fileSize(file: string): number {
  return statSync(file).size;
}
