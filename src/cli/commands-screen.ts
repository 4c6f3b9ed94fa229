import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Command } from '@commander-js/extra-typings';
import { SingleBar } from 'cli-progress';
import { parse } from 'csv-parse/sync';
import {
  MAX_SCREENING_SUBJECTS,
  type ScreeningAnswer,
  type ScreenSubject,
  screen,
} from '../app/screening/screening.usecases.ts';
import { CredenceError } from '../domain/errors.ts';
import { dbOptions, parseAt } from './options.ts';
import { openRegistry, resolveOptions } from './registry.ts';

const COLUMNS = ['subject', 'usci', 'national_id', 'name'] as const;

/** The subjects of a screening CSV: a `subject`, `usci` or `national_id` column, or a `name` to match. */
export function readScreeningCsv(file: string): ScreenSubject[] {
  if (!existsSync(file)) throw new CredenceError('input.file_not_found', `${file}: no such file`);
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parse(readFileSync(file), {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      bom: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
    });
  } catch (e) {
    throw new CredenceError('input.invalid_csv', `${file}: not a readable CSV: ${(e as Error).message}`);
  }
  const header = rows[0] ? Object.keys(rows[0].record) : [];
  const present = COLUMNS.filter((c) => header.includes(c));
  if (rows.length === 0 || present.length === 0)
    throw new CredenceError(
      'input.no_subject_column',
      `${file}: line 1: no subject column (expected one of ${COLUMNS.join(', ')}; found ${header.join(', ') || 'no rows'})`,
    );
  return rows.map(({ record, info }) => {
    for (const c of present) {
      const v = record[c]?.trim();
      if (v) return c === 'name' ? { name: v } : v;
    }
    throw new CredenceError(
      'input.empty_subject',
      `${file}: line ${info.lines}: no subject in this row (columns ${present.join(', ')} are empty)`,
    );
  });
}

const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** One CSV line per subject and measure; the first six columns are the contract, the rest say more. */
export function screenedCsv(answers: readonly ScreeningAnswer[]): string {
  const head = [
    'subject',
    'matched_by',
    'measure',
    'applies',
    'until',
    'decisions',
    'match',
    'check',
    'note',
  ];
  const lines = answers.map((a) =>
    [
      a.subject,
      a.matched_by ?? '',
      a.measure,
      a.applies === null ? '' : String(a.applies),
      a.until ?? '',
      a.decisions.join(';'),
      a.match ? `${a.match.ref}${a.match.name ? ` ${a.match.name}` : ''}` : '',
      a.check ?? '',
      a.problem
        ? `${a.problem.code}${a.candidates?.length ? `: ${a.candidates.map((c) => `${c.ref} ${c.name} (${c.score})`).join('; ')}` : ''}`
        : a.matched_by === 'name'
          ? `name score ${a.candidates?.[0]?.score ?? ''} ≥ ${a.threshold}`
          : '',
    ]
      .map(cell)
      .join(','),
  );
  return `${[head.join(','), ...lines].join('\n')}\n`;
}

/** `credence screen FILE.csv --measure M…`: batch screening from a file, answers written beside it. */
export function commands(program: Command): void {
  dbOptions(
    program
      .command('screen')
      .description(
        'screen every subject of a CSV (subject, usci, national_id or name column) against measures; each answer is a recorded check',
      )
      .argument('<file>'),
  )
    .requiredOption(
      '--measure <measure>',
      'a measure to screen for (repeat for several)',
      (v: string, acc: string[] = []) => [...acc, v],
    )
    .option('--as <who>', 'who is asking (recorded and shown to each subject)', 'cli')
    .option('--at <date>', 'as of this date')
    .action(async (file, o) => {
      const subjects = readScreeningCsv(file);
      const measures = o.measure as string[];
      const at = parseAt(o.at);
      const ctx = { ...(await openRegistry(resolveOptions(o))), actor: o.as };
      const bar = process.stderr.isTTY
        ? new SingleBar({
            format: `${file} [{bar}] {percentage}% | {value}/{total} subjects | eta {eta_formatted}`,
            hideCursor: true,
          })
        : undefined;
      const started = Date.now();
      const answers: ScreeningAnswer[] = [];
      try {
        bar?.start(subjects.length, 0);
        for (let i = 0; i < subjects.length; i += MAX_SCREENING_SUBJECTS) {
          const r = await screen(
            ctx,
            { subjects: subjects.slice(i, i + MAX_SCREENING_SUBJECTS), measures, at },
            (done) => bar?.update(i + done),
          );
          answers.push(...r.answers);
        }
      } finally {
        bar?.stop();
        await ctx.store.close();
      }
      const out = /\.csv$/i.test(file) ? file.replace(/\.csv$/i, '.screened.csv') : `${file}.screened.csv`;
      writeFileSync(out, screenedCsv(answers));
      // answers given (each a check recorded in a registered subject's file; persons by national id are answered
      // alike whether registered or not, so the count does not tell which)
      const checks = answers.filter((a) => a.applies !== null).length;
      const applies = answers.filter((a) => a.applies === true).length;
      const unresolved = answers.filter((a) => a.matched_by === null).length / new Set(measures).size;
      process.stdout.write(
        `${file}: ${subjects.length} subjects × ${new Set(measures).size} measure(s) — ${checks} answered, ${applies} apply, ${unresolved} not found or not matched; answers in ${out} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
      );
    });
}
