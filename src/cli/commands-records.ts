import type { Command } from '@commander-js/extra-typings';
import {
  annulRecord,
  type Correction,
  correctRecord,
  type RecordKey,
} from '../app/due-process/due-process.corrections.ts';
import { CredenceError } from '../domain/errors.ts';
import { dbOptions } from './options.ts';
import { openRegistry, resolveOptions } from './registry.ts';

/** `SOURCE/ID` as a record key; the source id never holds a slash, the record id may. */
export function parseRecordKey(text: string): RecordKey {
  const i = text.indexOf('/');
  if (i <= 0 || i === text.length - 1)
    throw new CredenceError(
      'usage.invalid_record',
      `${text}: expected SOURCE/ID, e.g. tax-bureau/TB-2026-0001`,
    );
  return { source: text.slice(0, i), id: text.slice(i + 1) };
}

function parseAmount(text: string): number | null {
  if (text === 'null' || text === 'none') return null;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0)
    throw new CredenceError('usage.invalid_amount', `--amount ${text}: expected a number ≥ 0, or "none"`);
  return n;
}

/** A reviewer's annulments and corrections of records: ledger entries with reasons, never edits. */
export function commands(program: Command): void {
  dbOptions(
    program
      .command('annul')
      .description(
        'annul a record with written reasons: it stops counting as if it never had, and the list entries it grounded end',
      )
      .argument('<source/id>', 'the record, e.g. tax-bureau/TB-2026-0001'),
  )
    .requiredOption('--reasons <text>', 'the written reasons, sent to the subject')
    .option('--as <reviewer>', 'who annuls (recorded in the ledger and the audit log)', 'reviewer')
    .action(async (key, o) => {
      const record = parseRecordKey(key);
      const ctx = { ...(await openRegistry(resolveOptions(o))), actor: o.as };
      try {
        await annulRecord(ctx, record, o.reasons, { role: 'reviewer' });
        process.stdout.write(`record ${key} annulled; the subject is notified\n`);
      } finally {
        await ctx.store.close();
      }
    });

  dbOptions(
    program
      .command('correct')
      .description(
        "correct a record's type, date or amount with written reasons (the original stays in the ledger)",
      )
      .argument('<source/id>', 'the record, e.g. tax-bureau/TB-2026-0001'),
  )
    .option('--type <type>', 'the record type it should have had')
    .option('--occurred-at <date>', 'the date it really occurred (YYYY-MM-DD or ISO 8601)')
    .option('--amount <n>', 'the right amount, or "none"')
    .requiredOption('--reasons <text>', 'the written reasons, sent to the subject')
    .option('--as <reviewer>', 'who corrects (recorded in the ledger and the audit log)', 'reviewer')
    .action(async (key, o) => {
      const record = parseRecordKey(key);
      const change: Correction = {
        ...(o.type === undefined ? {} : { type: o.type }),
        ...(o.occurredAt === undefined ? {} : { occurred_at: o.occurredAt }),
        ...(o.amount === undefined ? {} : { amount: parseAmount(o.amount) }),
      };
      if (Object.keys(change).length === 0)
        throw new CredenceError(
          'usage.nothing_to_correct',
          'say what to correct: --type, --occurred-at or --amount',
        );
      const ctx = { ...(await openRegistry(resolveOptions(o))), actor: o.as };
      try {
        await correctRecord(ctx, record, change, o.reasons, { role: 'reviewer' });
        process.stdout.write(
          `record ${key} corrected (${Object.keys(change).join(', ')}); the subject is notified\n`,
        );
      } finally {
        await ctx.store.close();
      }
    });
}
