// Physical lines of a byte stream, each at most `maxBytes` long: a longer line is skipped to its end without being
// held in memory, so no input can make the reader's memory grow beyond one line plus one chunk.

/** The most bytes a line of an import file may have (its line ending not counted). */
export const MAX_LINE_BYTES = 1024 * 1024;

/** One physical line: its 1-based number and its bytes (line ending removed), or its length when it was too long. */
export type PhysicalLine =
  | { readonly n: number; readonly bytes: Buffer; readonly tooLong?: undefined }
  | { readonly n: number; readonly bytes?: undefined; readonly tooLong: number };

const LF = 0x0a;
const CR = 0x0d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Splits a byte stream on LF (a CR before it is dropped, so CRLF files read the same); a UTF-8 byte-order mark at
 * the start of the stream is dropped. A line over `maxBytes` is reported with its length, never assembled.
 */
export async function* physicalLines(
  chunks: AsyncIterable<Buffer | string>,
  maxBytes = MAX_LINE_BYTES,
): AsyncGenerator<PhysicalLine> {
  let parts: Buffer[] = [];
  let held = 0; // bytes in `parts`
  let length = 0; // bytes of the current line so far, held or not
  let overflow = false;
  let n = 0;
  const add = (seg: Buffer, copy: boolean) => {
    length += seg.length;
    if (overflow || seg.length === 0) return;
    // one byte of slack for the CR of a CRLF ending, which is not part of the line
    if (held + seg.length > maxBytes + 1) {
      overflow = true;
      parts = [];
      held = 0;
      return;
    }
    // a tail is copied, so that a held piece does not pin the whole chunk
    parts.push(copy ? Buffer.from(seg) : seg);
    held += seg.length;
  };
  const finish = (): PhysicalLine => {
    n++;
    let line: PhysicalLine;
    if (overflow) line = { n, tooLong: length };
    else {
      let bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts, held);
      if (n === 1 && bytes.subarray(0, 3).equals(BOM)) bytes = bytes.subarray(3);
      if (bytes.length > 0 && bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, bytes.length - 1);
      line = bytes.length > maxBytes ? { n, tooLong: bytes.length } : { n, bytes };
    }
    parts = [];
    held = 0;
    length = 0;
    overflow = false;
    return line;
  };
  for await (const raw of chunks) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    let pos = 0;
    for (;;) {
      const nl = chunk.indexOf(LF, pos);
      if (nl === -1) break;
      add(chunk.subarray(pos, nl), false);
      yield finish();
      pos = nl + 1;
    }
    if (pos < chunk.length) add(chunk.subarray(pos), true);
  }
  if (length > 0 || overflow) yield finish();
}

/** The line's text, or undefined when its bytes are not valid UTF-8. */
export function utf8(bytes: Buffer): string | undefined {
  try {
    return DECODER.decode(bytes);
  } catch {
    return undefined;
  }
}

// fatal: invalid bytes are an error, not U+FFFD; ignoreBOM: a BOM inside the file is kept (and so refused), only
// the one at the very start is dropped (above)
const DECODER = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
