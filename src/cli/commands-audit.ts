import { readFileSync } from 'node:fs';
import type { Command } from '@commander-js/extra-typings';
import { type Checkpoint, makeCheckpoint, parseCheckpoint } from '../app/audit/audit.checkpoint.ts';
import { type AuditVerification, verifyChain, verifyRegistry } from '../app/audit/audit.usecases.ts';
import { CredenceError } from '../domain/errors.ts';
import { dbOptions } from './options.ts';
import { openRegistry, resolveOptions } from './registry.ts';

function readCheckpoint(file: string | undefined): Checkpoint | undefined {
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new CredenceError('usage.checkpoint', `cannot read the checkpoint ${file}`);
  }
  return parseCheckpoint(text);
}

/** Findings one a line on stdout, then a summary; exit 1 when there is any. */
function report(r: AuditVerification, summary: string, clean = 'clean'): void {
  for (const f of r.findings) process.stdout.write(`${f.message}\n`);
  if (r.findings.length > 0) {
    process.stdout.write(`${r.findings.length} finding(s); ${summary}\n`);
    process.exitCode = 1;
  } else process.stdout.write(`${clean}: ${summary}\n`);
}

/** Tamper evidence: audit verify, audit checkpoint, and verify (the chain plus every derived state). */
export function commands(program: Command): void {
  const auditCmd = program.command('audit').description('the tamper-evident audit log');
  dbOptions(
    auditCmd
      .command('verify')
      .description(
        'check the hash chain and every ledger row against it; with --against, that the chain still extends a checkpoint kept outside',
      ),
  )
    .option('--against <checkpoint>', 'a checkpoint file printed earlier by `credence audit checkpoint`')
    .action(async (o) => {
      const checkpoint = readCheckpoint(o.against);
      const ctx = await openRegistry(resolveOptions(o));
      try {
        const r = await verifyChain(ctx, checkpoint);
        report(
          r,
          `${r.entries} audit entries, ${r.rows} ledger rows, head ${r.head}${checkpoint ? `, extends the checkpoint of ${checkpoint.at} (${checkpoint.size} entries)` : ''}`,
          'audit chain intact',
        );
      } finally {
        await ctx.store.close();
      }
    });

  dbOptions(
    auditCmd
      .command('checkpoint')
      .description('print the signed chain head as JSON, to keep outside the registry'),
  ).action(async (o) => {
    const ctx = await openRegistry(resolveOptions(o));
    try {
      process.stdout.write(`${JSON.stringify(await makeCheckpoint(ctx), null, 2)}\n`);
    } finally {
      await ctx.store.close();
    }
  });

  dbOptions(
    program
      .command('verify')
      .description('the audit chain and ledger, and every stored derived state against a recomputation'),
  )
    .option('--against <checkpoint>', 'also prove the chain extends this checkpoint')
    .action(async (o) => {
      const checkpoint = readCheckpoint(o.against);
      const ctx = await openRegistry(resolveOptions(o));
      try {
        const r = await verifyRegistry(ctx, checkpoint);
        report(
          r,
          `${r.entries} audit entries, ${r.rows} ledger rows, ${r.compared} derived states recomputed (${r.due} due for recomputation, not compared)`,
        );
      } finally {
        await ctx.store.close();
      }
    });
}
