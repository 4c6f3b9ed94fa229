import { readFileSync } from 'node:fs';
import type { Command } from '@commander-js/extra-typings';
import { draftRulebook, publishRulebook, rulebookVersions } from '../app/governance/governance.rulebooks.ts';
import { CredenceError } from '../domain/errors.ts';
import { formatInstant } from '../domain/time.ts';
import type { RulebookChange } from '../rules/diff.ts';
import { dbOptions } from './options.ts';
import { openRegistry, resolveOptions } from './registry.ts';

const day = (iso: string | null) => (iso === null ? '—' : iso.slice(0, 10));

function readRulebook(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new CredenceError('input.unreadable', `cannot read ${file}: ${(e as Error).message}`);
  }
}

function changesText(changes: readonly RulebookChange[]): string {
  if (changes.length === 0) return '  no change from the version before\n';
  return changes.map((c) => `  ${c.kind.padEnd(7)} ${c.path}\n`).join('');
}

/** The governed lifecycle of a rulebook: draft, publication for comment, and every version kept. */
export function rulebookLifecycle(rulebook: Command): void {
  dbOptions(
    rulebook
      .command('draft')
      .description(
        'store a rulebook version as a draft: kept with its hash and readable, never used for scoring',
      )
      .argument('<file>'),
  ).action(async (file, o) => {
    const text = readRulebook(file);
    const ctx = await openRegistry(resolveOptions(o));
    try {
      const { rulebook: rb, changes } = await draftRulebook(ctx, text);
      process.stdout.write(
        `draft ${rb.name} ${rb.version} stored (hash ${rb.hash.slice(0, 12)}…), effective ${formatInstant(rb.effectiveFrom).slice(0, 10)} once published\n${changesText(changes)}`,
      );
    } finally {
      await ctx.store.close();
    }
  });

  dbOptions(
    rulebook
      .command('publish')
      .description(
        'publish a version for comment; it takes effect on its effective_from, never before the comment period ends',
      )
      .argument('<file>'),
  )
    .option(
      '--comment-period <duration>',
      'ISO 8601 duration open for comment (P0D activates at once)',
      'P30D',
    )
    .action(async (file, o) => {
      const text = readRulebook(file);
      const ctx = await openRegistry(resolveOptions(o));
      try {
        const { rulebook: rb, commentUntil, changes } = await publishRulebook(ctx, text, o.commentPeriod);
        process.stdout.write(
          `published ${rb.name} ${rb.version}: open for comment until ${formatInstant(commentUntil).slice(0, 10)}, effective ${formatInstant(rb.effectiveFrom).slice(0, 10)}\n${changesText(changes)}`,
        );
      } finally {
        await ctx.store.close();
      }
    });

  dbOptions(
    rulebook.command('versions').description('every rulebook version kept, newest first, with its diff'),
  )
    .option('--json', 'machine-readable output, with each version’s changes')
    .action(async (o) => {
      const ctx = await openRegistry(resolveOptions(o));
      try {
        const versions = await rulebookVersions(ctx);
        if (o.json) {
          process.stdout.write(`${JSON.stringify(versions, null, 2)}\n`);
          return;
        }
        for (const v of versions)
          process.stdout.write(
            `${v.name} ${v.version.padEnd(10)} ${v.status.padEnd(9)} effective ${day(v.effective_from)}  ${v.in_comment ? `in comment until ${day(v.comment_until)}` : `comment ended ${day(v.comment_until)}`}  by ${v.published_by} on ${day(v.published_at)}  ${v.hash.slice(0, 12)}…  ${v.changes.length} change(s)\n`,
          );
        if (versions.length === 0) process.stdout.write('no rulebook versions\n');
      } finally {
        await ctx.store.close();
      }
    });
}
