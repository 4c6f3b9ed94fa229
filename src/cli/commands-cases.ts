import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Command } from '@commander-js/extra-typings';
import { decideCase, fileObjection, type Outcome } from '../app/due-process/due-process.cases.ts';
import { deliverDue } from '../app/due-process/due-process.outbox.ts';
import { applyForRepair, type EvidenceItem } from '../app/due-process/due-process.repairs.ts';
import { auditCaseReads, renderedNoticesOf } from '../app/due-process/due-process.views.ts';
import { CredenceError } from '../domain/errors.ts';
import { formatInstant } from '../domain/time.ts';
import { dbOptions } from './options.ts';
import { openRegistry, resolveOptions } from './registry.ts';

function recordKey(text: string): { source: string; id: string } {
  const i = text.indexOf('/');
  if (i <= 0 || i === text.length - 1)
    throw new CredenceError(
      'usage.invalid_record',
      `--record ${text}: expected SOURCE/ID, e.g. tax-bureau/TB-2026-0001`,
    );
  return { source: text.slice(0, i), id: text.slice(i + 1) };
}

const iso = (t: number | null) => (t === null ? '' : formatInstant(Number(t)).slice(0, 10));

/** Due process from the command line: objections, repairs, reviewer decisions, notices and their delivery. */
export function commands(program: Command): void {
  dbOptions(
    program.command('object').description('contest a record in the subject’s file').argument('<subject>'),
  )
    .requiredOption('--record <source/id>', 'the record contested')
    .requiredOption('--statement <text>', 'why the record is wrong')
    .action(async (subject, o) => {
      const ctx = { ...(await openRegistry(resolveOptions(o))), actor: `subject:${subject}` };
      try {
        const c = await fileObjection(ctx, subject, recordKey(o.record), o.statement);
        process.stdout.write(`objection ${c.id} filed; a reviewer decides by ${iso(c.deadline)}\n`);
      } finally {
        await ctx.store.close();
      }
    });

  dbOptions(
    program
      .command('repair')
      .description('apply for credit repair of a record with a commitment letter and evidence')
      .argument('<subject>'),
  )
    .requiredOption('--record <source/id>', 'the record to repair')
    .requiredOption('--letter <text-or-@file>', 'the commitment letter (text, or @file to read it)')
    .requiredOption('--signed-by <name>', 'who signs the letter: the subject or its legal representative')
    .option(
      '--evidence <kind=sha256:…...>',
      'materials by hash, e.g. proof_of_performance=sha256:…',
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .action(async (subject, o) => {
      const text = o.letter.startsWith('@') ? readFileSync(o.letter.slice(1), 'utf8') : o.letter;
      const evidence: EvidenceItem[] = o.evidence.map((e) => {
        const [kind, ref] = e.split('=');
        if (!kind || !ref)
          throw new CredenceError('usage.invalid_evidence', `--evidence ${e}: expected KIND=sha256:…`);
        return { kind, ref };
      });
      const ctx = { ...(await openRegistry(resolveOptions(o))), actor: `subject:${subject}` };
      try {
        const c = await applyForRepair(
          ctx,
          subject,
          recordKey(o.record),
          { text, signed_by: o.signedBy },
          evidence,
        );
        process.stdout.write(`repair application ${c.id} filed; a reviewer decides by ${iso(c.deadline)}\n`);
      } finally {
        await ctx.store.close();
      }
    });

  dbOptions(
    program
      .command('cases')
      .description('the reviewer’s queue: open objections and repair applications, oldest first'),
  )
    .option('--kind <kind>', 'objection or repair')
    .option('--json', 'machine-readable output')
    .action(async (o) => {
      const ctx = await openRegistry(resolveOptions(o));
      try {
        const rows = await ctx.store.openCases(
          o.kind === 'objection' || o.kind === 'repair' ? o.kind : undefined,
          500,
        );
        // a person's cases are part of its file: reading them is audited
        await ctx.store.transaction((tx) => auditCaseReads(ctx, tx, rows));
        if (o.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        else
          for (const c of rows)
            process.stdout.write(
              `${c.id}  ${c.kind.padEnd(9)} ${c.source}/${c.record_id}  opened ${iso(c.opened_at)}  deadline ${iso(c.deadline)}\n`,
            );
        if (!o.json && rows.length === 0) process.stdout.write('no open cases\n');
      } finally {
        await ctx.store.close();
      }
    });

  dbOptions(program.command('decide').description('decide a case with written reasons').argument('<case>'))
    .requiredOption('--outcome <outcome>', 'objection: uphold | annul; repair: approve | reject')
    .requiredOption('--reasons <text>', 'the written reasons')
    .option('--as <reviewer>', 'the reviewer', 'reviewer')
    .action(async (id, o) => {
      if (!['uphold', 'annul', 'approve', 'reject'].includes(o.outcome))
        throw new CredenceError(
          'usage.invalid_outcome',
          `--outcome ${o.outcome}: expected uphold, annul, approve or reject`,
        );
      const ctx = { ...(await openRegistry(resolveOptions(o))), actor: o.as };
      try {
        const c = await decideCase(ctx, id, o.outcome as Outcome, o.reasons);
        process.stdout.write(`case ${c.id}: ${c.status}\n`);
      } finally {
        await ctx.store.close();
      }
    });

  dbOptions(program.command('notices').description('the notices sent to a subject').argument('<subject>'))
    .option('--json', 'machine-readable output')
    .action(async (subject, o) => {
      const ctx = await openRegistry(resolveOptions(o));
      try {
        // stored compactly: rendered as they were written (app/due-process/due-process.notice-render.ts)
        const rows = await renderedNoticesOf(ctx, subject);
        if (o.json)
          process.stdout.write(
            `${JSON.stringify(
              rows.map((r) => ({ ...r, body: JSON.parse(r.body) })),
              null,
              2,
            )}\n`,
          );
        else
          for (const n of rows)
            process.stdout.write(
              `${iso(n.created_at)}  ${n.recipient === 'subject' ? '' : `to ${n.recipient}: `}${(JSON.parse(n.body) as { title: string }).title}\n`,
            );
      } finally {
        await ctx.store.close();
      }
    });

  const subs = program.command('subscriber').description('webhook subscribers that receive notices');
  dbOptions(
    subs
      .command('add')
      .description('register a webhook; prints its signing secret once')
      .argument('<id>')
      .argument('<url>'),
  )
    .option('--recipients <who>', '* (all), subject, or a consumer name', '*')
    .action(async (id, url, o) => {
      const ctx = await openRegistry(resolveOptions(o));
      try {
        const secret = randomBytes(24).toString('base64url');
        await ctx.store.insertSubscriber({
          id,
          url,
          secret,
          recipients: o.recipients,
          created_at: ctx.clock.now(),
        });
        process.stdout.write(`subscriber ${id} → ${url}\nsigning secret (shown once): ${secret}\n`);
      } finally {
        await ctx.store.close();
      }
    });

  dbOptions(
    program
      .command('deliver')
      .description(
        'deliver due notices to their webhooks (retries with backoff, dead-letters after the limit)',
      ),
  )
    .option('--loop', 'keep delivering until stopped')
    .option('--interval <seconds>', 'pause between rounds with --loop', (v) => Number(v), 5)
    .action(async (o) => {
      const ctx = await openRegistry(resolveOptions(o));
      let stop = false;
      process.on('SIGTERM', () => (stop = true));
      process.on('SIGINT', () => (stop = true));
      try {
        do {
          const r = await deliverDue({ ...ctx, clock: { now: () => Date.now() } });
          if (!o.loop || r.delivered + r.failed + r.dead > 0)
            process.stdout.write(`delivered ${r.delivered}, retrying ${r.failed}, dead-lettered ${r.dead}\n`);
          if (o.loop && !stop) await new Promise((res) => setTimeout(res, o.interval * 1000));
        } while (o.loop && !stop);
      } finally {
        await ctx.store.close();
      }
    });

  dbOptions(program.command('outbox').description('deliveries by status (dead letters for admins)'))
    .option('--status <status>', 'pending, delivered or dead')
    .action(async (o) => {
      const ctx = await openRegistry(resolveOptions(o));
      try {
        const status =
          o.status === 'pending' || o.status === 'delivered' || o.status === 'dead' ? o.status : undefined;
        for (const r of await ctx.store.outbox(status, 1000))
          process.stdout.write(
            `${r.id}  ${r.status.padEnd(9)} attempts ${r.attempts}  ${r.last_error ?? ''}\n`,
          );
      } finally {
        await ctx.store.close();
      }
    });
}
