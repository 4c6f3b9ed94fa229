import type { Command } from '@commander-js/extra-typings';
import { exportFile } from '../app/queries/queries.export.ts';
import { replay } from '../app/queries/queries.replay.ts';
import { checkMeasure, scoreOf } from '../app/queries/queries.usecases.ts';
import { dbOptions, parseAt } from './options.ts';
import { scoreText } from './output.ts';
import { openRegistry, resolveOptions } from './registry.ts';

function json(v: unknown): void {
  process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);
}

/** Read-side commands: score, check, export. */
export function commands(program: Command): void {
  dbOptions(
    program
      .command('score')
      .description('explained score of a subject (USCI, national id or registry ref)')
      .argument('<subject>'),
  )
    .option('--at <date>', 'as of this date (past or future)')
    .option('--json', 'machine-readable output')
    .action(async (subject, o) => {
      const ctx = await openRegistry(resolveOptions(o));
      try {
        const v = await scoreOf(ctx, subject, parseAt(o.at));
        if (o.json) json(v);
        else process.stdout.write(`${scoreText(v)}\n`);
      } finally {
        await ctx.store.close();
      }
    });

  dbOptions(
    program
      .command('check')
      .description('does measure MEASURE apply to SUBJECT now (or --at)?')
      .argument('<subject>')
      .argument('<measure>'),
  )
    .option('--at <date>', 'as of this date')
    .option('--json', 'machine-readable output')
    .option('--as <who>', 'who is asking (recorded and shown to the subject)', 'cli')
    .action(async (subject, measure, o) => {
      const ctx = { ...(await openRegistry(resolveOptions(o))), actor: o.as };
      try {
        const v = await checkMeasure(ctx, subject, measure, parseAt(o.at));
        if (o.json) json(v);
        else
          process.stdout.write(
            `${v.measure} ${v.applies ? `APPLIES to ${v.subject}${v.until ? ` until ${v.until.slice(0, 10)}` : ''} (decisions: ${v.decisions.join(', ') || 'none'})` : `does not apply to ${v.subject}`} on ${v.at.slice(0, 10)}\n`,
          );
      } finally {
        await ctx.store.close();
      }
    });

  dbOptions(
    program.command('export').description("the subject's whole file as JSON").argument('<subject>'),
  ).action(async (subject, o) => {
    const ctx = await openRegistry(resolveOptions(o));
    try {
      json(await exportFile(ctx, subject));
    } finally {
      await ctx.store.close();
    }
  });

  dbOptions(
    program
      .command('replay')
      .description('recompute a list decision (D-…) or a check (CHK-…) from its recorded inputs')
      .argument('<decision>'),
  )
    .option('--json', 'machine-readable output')
    .action(async (id, o) => {
      const ctx = await openRegistry(resolveOptions(o));
      try {
        const r = await replay(ctx, id);
        if (o.json) json(r);
        else process.stdout.write(`${r.id} (${r.kind}): ${r.status.toUpperCase()} — ${r.detail}\n`);
        if (r.status === 'mismatch') process.exitCode = 1;
      } finally {
        await ctx.store.close();
      }
    });
}
