import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { csvFields } from './import-csv.ts';
import { physicalLines } from './import-lines.ts';
import { type InputLine, parseLines } from './import-reader.ts';

async function* chunked(b: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}

async function read(text: string | Buffer, format: 'csv' | 'ndjson', chunk = 64 * 1024, max?: number) {
  const out: InputLine[] = [];
  const b = typeof text === 'string' ? Buffer.from(text) : text;
  for await (const l of parseLines(chunked(b, chunk), format, max)) out.push(l);
  return out;
}

const BOM = '\ufeff';
const HEADER = 'source,id,subject,note';
const row = (i: number) => `court,R-${i},91350100M000100Y43,note ${i}`;

describe('reading CSV files', () => {
  test('a ragged row is rejected with its line number and every other row is read', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => (i === 500 ? `${row(i)},extra` : row(i)));
    const lines = await read([HEADER, ...rows].join('\n'), 'csv');
    assert.equal(lines.length, 1000);
    const bad = lines.filter((l) => l.code !== undefined);
    assert.deepEqual(
      bad.map((l) => [l.n, l.code]),
      [[502, 'input.csv_field_count']],
    );
    assert.match(bad[0]!.error!, /5 fields; the header has 4/);
    assert.equal((lines[999]!.value as { id: string }).id, 'R-999');
  });

  test('an unclosed quote costs only its own line', async () => {
    const lines = await read(
      [HEADER, row(1), 'court,R-2,"91350100M000100Y43,oops', row(3), row(4)].join('\n'),
      'csv',
    );
    assert.deepEqual(
      lines.map((l) => l.code ?? (l.value as { id: string }).id),
      ['R-1', 'input.csv_unclosed_quote', 'R-3', 'R-4'],
    );
    assert.equal(lines[1]!.n, 3);
  });

  test('stray quotes inside a field and after a closing quote are rejected as bad quoting', async () => {
    const lines = await read([HEADER, 'court,R-1,9135"0100,x', 'court,"R-2"x,s,x', row(3)].join('\n'), 'csv');
    assert.deepEqual(
      lines.map((l) => l.code ?? 'ok'),
      ['input.csv_quoting', 'input.csv_quoting', 'ok'],
    );
  });

  test('quoted fields keep their commas and doubled quotes', async () => {
    const [l] = await read(`${HEADER}\ncourt,R-1,"9135,0100","he said ""no"""\n`, 'csv');
    assert.deepEqual(l!.value, { source: 'court', id: 'R-1', subject: '9135,0100', note: 'he said "no"' });
  });

  test('a byte-order mark, CRLF endings and blank lines change nothing', async () => {
    const plain = await read([HEADER, row(1), row(2)].join('\n'), 'csv');
    const dressed = await read(`${BOM}${[HEADER, '', row(1), '   ', row(2)].join('\r\n')}\r\n\r\n`, 'csv');
    assert.deepEqual(
      dressed.map((l) => l.value),
      plain.map((l) => l.value),
    );
    assert.deepEqual(
      dressed.map((l) => l.n),
      [3, 5],
      'line numbers are physical lines',
    );
  });

  test('a bad header line is rejected and so is every line after it, each named', async () => {
    const lines = await read(['source,,id', row(1), row(2)].join('\n'), 'csv');
    assert.deepEqual(
      lines.map((l) => [l.n, l.code]),
      [
        [1, 'input.csv_header'],
        [2, 'input.csv_header'],
        [3, 'input.csv_header'],
      ],
    );
    const proto = await read(['__proto__,id', 'x,1'].join('\n'), 'csv');
    assert.equal(proto[0]!.code, 'input.csv_header');
  });

  test('a carriage return inside a line is refused rather than read as two records', async () => {
    const lines = await read(`${HEADER}\ncourt,R-1,s,a\rcourt,R-2,s,b\n`, 'csv');
    assert.deepEqual(
      lines.map((l) => l.code),
      ['input.csv_line_break'],
    );
  });

  test('a line without quotes splits exactly as csv-parse reads it', () => {
    const cell = fc.stringMatching(/^[ \t]{0,2}[a-z0-9 .;:/_\-\u4e00\u4e8c\u3000]{0,8}[ \t]{0,2}$/);
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 6 }), (cells) => {
        const line = cells.join(',');
        const ours = csvFields(line);
        const theirs = (parse(line, { trim: true, relax_column_count: true }) as string[][])[0] ?? [''];
        assert.deepEqual(ours.fields, theirs);
      }),
    );
  });
});

describe('reading NDJSON files', () => {
  test('a byte-order mark on the first line is accepted; one later in the file is an error of its line', async () => {
    const lines = await read(`${BOM}{"a":1}\n${BOM}{"b":2}\n{"c":3}`, 'ndjson');
    assert.deepEqual(
      lines.map((l) => l.code ?? JSON.stringify(l.value)),
      ['{"a":1}', 'input.malformed_json', '{"c":3}'],
    );
  });

  test('invalid UTF-8 is rejected with the offending byte, not replaced', async () => {
    const b = Buffer.concat([
      Buffer.from('{"a":"x'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}\n{"b":2}\n'),
    ]);
    const lines = await read(b, 'ndjson');
    assert.equal(lines[0]!.code, 'input.invalid_utf8');
    assert.match(lines[0]!.error!, /byte 8 is 0xc3/);
    assert.deepEqual(lines[1]!.value, { b: 2 });
  });

  test('a line over the limit is skipped unread and the next line is read', async () => {
    const huge = `{"note":"${'x'.repeat(5000)}"}`;
    const lines = await read(`{"a":1}\n${huge}\n{"b":2}\n`, 'ndjson', 1000, 4096);
    assert.deepEqual(
      lines.map((l) => [l.n, l.code ?? 'ok']),
      [
        [1, 'ok'],
        [2, 'input.line_too_long'],
        [3, 'ok'],
      ],
    );
    assert.match(lines[1]!.error!, /5011 bytes; at most 4096/);
    assert.equal(lines[1]!.raw, '');
  });

  test('a line exactly at the limit is read, with or without CRLF', async () => {
    const atLimit = `"${'y'.repeat(98)}"`;
    for (const eol of ['\n', '\r\n']) {
      const lines = await read(`${atLimit}${eol}`, 'ndjson', 7, 100);
      assert.equal(lines[0]!.value, 'y'.repeat(98));
    }
    const over = await read(`"${'y'.repeat(99)}"\n`, 'ndjson', 7, 100);
    assert.equal(over[0]!.code, 'input.line_too_long');
  });

  test('a 50 MB line is skipped without being held in memory', async () => {
    async function* stream() {
      yield Buffer.from('{"a":1}\n');
      const block = Buffer.alloc(64 * 1024, 'x');
      for (let i = 0; i < 800; i++) yield block;
      yield Buffer.from('\n{"b":2}\n');
    }
    let peak = 0;
    const out: InputLine[] = [];
    const before = process.memoryUsage().arrayBuffers;
    for await (const l of physicalLines(stream())) {
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - before);
      out.push(l as unknown as InputLine);
    }
    assert.equal(out.length, 3);
    assert.equal((out[1] as unknown as { tooLong: number }).tooLong, 800 * 64 * 1024);
    assert.ok(peak < 8 * 1024 * 1024, `held ${peak} bytes`);
  });
});

describe('how a file is cut into chunks does not matter', () => {
  test('any chunking of a file yields the same lines', async () => {
    const text = `${BOM}${HEADER}\r\n${row(1)}\n\ncourt,"R-2",s,"a, b"\r\ncourt,R-3,"open\n${row(4)}\n€,中文,x,y`;
    const whole = await read(text, 'csv', 1 << 20);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), async (size) => {
        assert.deepEqual(await read(text, 'csv', size), whole);
      }),
    );
  });
});
