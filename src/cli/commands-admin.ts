import { readFileSync, writeFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import type { Command } from '@commander-js/extra-typings';
import { SingleBar } from 'cli-progress';
import { WORKERS_CORES, WORKERS_FROM } from '../app/derive/derive.pool.ts';
import { activateRulebook, activeRulebooks, checkRulebook } from '../app/governance/governance.rulebooks.ts';
import { whatIf } from '../app/governance/governance.whatif.ts';
import { purge } from '../app/maintenance/maintenance.purge.ts';
import { rebuildAll, tick } from '../app/maintenance/maintenance.tick.ts';
import { IMPORT_LOCATION } from '../app/ports/ports.context.ts';
import { whatIfHtml } from '../app/reports/reports.whatif.ts';
import { CredenceError, formatIssue } from '../domain/errors.ts';
import { proportionality } from '../rules/rulebook.loader.ts';
import { dynamicsHtml } from '../sim/dynamics.html.ts';
import { dynamicsText } from '../sim/dynamics.ts';
import { simulateResearch } from '../sim/research.ts';
import { IMPORT_HEAP_MB, relaunchBounded } from './bounded-heap.ts';
import { rulebookLifecycle } from './commands-rulebook.ts';
import { importFiles } from './import-command.ts';
import { dbOptions, parseAt, parseWorkers } from './options.ts';
import { histogram } from './output.ts';
import { openRegistry, resolveOptions } from './registry.ts';
import { euAiActProfile, explainCatalogue, PROFILES, profileText } from './rulebook-check.ts';

const DEFAULT_RULEBOOK = new URL('../../rulebooks/default.yaml', import.meta.url);

function readText(file: string | URL): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new CredenceError('input.unreadable', `cannot read ${String(file)}: ${(e as Error).message}`);
  }
}

/** Registry lifecycle and bulk commands: init, rulebook, import, simulate, rebuild, tick, purge, whatif. */
export function commands(program: Command): void {
  dbOptions(
    program
      .command('init')
      .description('create a registry and activate a rulebook (default: rulebooks/default.yaml)'),
  )
    .option('--rulebook <file>', 'rulebook YAML to activate')
    .action(async (o) => {
      const ctx = await openRegistry(resolveOptions(o), true);
      try {
        const rb = await activateRulebook(ctx, readText(o.rulebook ?? DEFAULT_RULEBOOK));
        process.stdout.write(
          `registry ready: rulebook ${rb.name} ${rb.version} active (hash ${rb.hash.slice(0, 12)}…)\n`,
        );
      } finally {
        await ctx.store.close();
      }
    });

  const rulebook = program.command('rulebook').description('check and activate rulebook versions');
  rulebook
    .command('check')
    .description('validate a rulebook: exit 0 when valid, 1 with every problem listed')
    .argument('<file>')
    .option(
      '--explain',
      'print the proportionality table (which records can lead to which sanctions, through which list and memorandum), the catalogue domains used with their legal basis, and how long each record type is published',
    )
    .option(
      '--profile <name>',
      `also test the rulebook against a legal profile (${PROFILES.join(', ')}); exit 1 when it fails`,
    )
    .action((file, o) => {
      if (o.profile !== undefined && !(PROFILES as readonly string[]).includes(o.profile))
        throw new CredenceError(
          'input.unknown_profile',
          `unknown profile "${o.profile}" (known: ${PROFILES.join(', ')})`,
        );
      const r = checkRulebook(readText(file));
      for (const w of r.warnings) process.stderr.write(`warning: ${formatIssue(w)}\n`);
      if (!r.value) {
        for (const i of r.issues) process.stderr.write(`${file}: ${formatIssue(i)}\n`);
        process.stderr.write(`${r.issues.length} problem(s) found\n`);
        process.exitCode = 1;
        return;
      }
      const rb = r.value;
      process.stdout.write(
        `${file}: valid — ${rb.name} ${rb.version}, effective ${new Date(rb.effectiveFrom).toISOString().slice(0, 10)}: ${rb.recordTypes.size} record types, ${rb.rules.length} rules, ${rb.lists.size} lists, ${rb.measures.size} measures\n`,
      );
      if (o.explain) {
        process.stdout.write('\nproportionality: record type → list → sanction (allowed by)\n');
        for (const m of rb.measures.values()) {
          if (m.kind !== 'sanction') continue;
          for (const row of proportionality(rb, m))
            process.stdout.write(
              `  ${row.recordType.padEnd(42)} → ${row.list.padEnd(20)} → ${row.measure.padEnd(34)} (${row.allowedBy === 'domains' ? `domain ${row.domain}` : `memorandum ${row.allowedBy}`})\n`,
            );
        }
        process.stdout.write(explainCatalogue(rb));
      }
      if (o.profile === 'eu-ai-act') {
        const verdict = euAiActProfile(rb);
        process.stdout.write(`\n${profileText(file, verdict)}`);
        if (verdict.prohibited) process.exitCode = 1;
      }
    });
  dbOptions(
    rulebook.command('activate').description('activate a rulebook version in a registry').argument('<file>'),
  ).action(async (file, o) => {
    const ctx = await openRegistry(resolveOptions(o));
    try {
      const rb = await activateRulebook(ctx, readText(file));
      process.stdout.write(
        `activated ${rb.name} ${rb.version}, effective ${new Date(rb.effectiveFrom).toISOString().slice(0, 10)}\n`,
      );
    } finally {
      await ctx.store.close();
    }
  });

  rulebookLifecycle(rulebook);

  dbOptions(
    program
      .command('import')
      .description('import subjects and records (NDJSON or CSV); rejected lines go to FILE.rejects.ndjson')
      .argument('<files...>'),
  )
    .option(
      '--heap <MB>',
      `the import's heap, in MB (0: the process's own, unbounded by Credence)`,
      (v) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || (n > 0 && n < 64))
          throw new CredenceError(
            'usage.invalid_number',
            `--heap ${v}: expected 0 or a whole number of MB, at least 64`,
          );
        return n;
      },
      IMPORT_HEAP_MB,
    )
    .option(
      '--workers <n>',
      `threads deriving the imported subjects at the end: auto (default: with ${WORKERS_CORES} cores or more and over ${WORKERS_FROM.toLocaleString('en-US')} subjects, one a core but this thread's; else none) or a number (0: this thread only)`,
      parseWorkers,
    )
    .action(async (files, o) => {
      // memory stays bounded whatever the file's size: the import runs in a process with a bounded heap
      const code = await relaunchBounded(o.heap);
      if (code !== null) {
        process.exitCode = code;
        return;
      }
      if (process.env.CREDENCE_REPORT_HEAP === '1')
        process.stderr.write(`heap limit ${Math.round(getHeapStatistics().heap_size_limit / 2 ** 20)} MB\n`);
      // unmapped (mapped pages count in the resident memory), and checkpointing seldom (IMPORT_CHECKPOINT_PAGES)
      const ctx = await openRegistry({ ...resolveOptions(o), ...IMPORT_LOCATION });
      let anyRejected = false;
      try {
        anyRejected = await importFiles(ctx, files, {
          out: (t) => process.stdout.write(t),
          tty: process.stderr.isTTY === true,
          ...(o.workers === undefined ? {} : { workers: o.workers }),
        });
      } finally {
        await ctx.store.close();
      }
      if (anyRejected) process.exitCode = 1;
    });

  dbOptions(
    program
      .command('simulate')
      .description(
        'a deterministic synthetic population lived through Y years: records, objections, repairs, and the dynamics they produce',
      ),
  )
    .requiredOption('--subjects <n>', 'number of subjects', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1)
        throw new CredenceError('usage.invalid_number', `--subjects ${v}: expected a positive whole number`);
      return n;
    })
    .option('--seed <s>', 'random seed', (v) => Number(v), 1)
    .option('--years <n>', 'years of history', (v) => Number(v), 3)
    .option(
      '--offence-rate <domain=multiplier...>',
      'scale the default offence rate of a domain (or * for all), e.g. tax=2',
      (v: string, prev: Record<string, number>) => {
        const [k, x] = v.split('=');
        if (!k || x === undefined || !(Number(x) >= 0))
          throw new CredenceError(
            'usage.invalid_rate',
            `--offence-rate ${v}: expected DOMAIN=MULTIPLIER, e.g. tax=2`,
          );
        return { ...prev, [k]: Number(x) };
      },
      {} as Record<string, number>,
    )
    .option('--repair-uptake <p>', 'share of repairable records that are repaired', (v) => Number(v), 0.3)
    .option('--objection-rate <p>', 'share of negative records objected to', (v) => Number(v), 0.05)
    .option('--objection-success <p>', 'share of objections that annul the record', (v) => Number(v), 0.3)
    .option('--html <file>', 'write the dynamics as a self-contained report with charts')
    .option('--json', 'machine-readable output')
    .action(async (o) => {
      const ctx = await openRegistry(resolveOptions(o));
      try {
        const bar = process.stderr.isTTY
          ? new SingleBar({ format: 'simulate {stage} [{bar}] {value}', hideCursor: true })
          : undefined;
        let stage = '';
        const r = await simulateResearch(ctx, {
          subjects: o.subjects,
          seed: o.seed,
          years: o.years,
          offenceRates: o.offenceRate,
          repairUptake: o.repairUptake,
          objectionRate: o.objectionRate,
          objectionSuccess: o.objectionSuccess,
          onProgress: (s, done, total) => {
            if (!bar) return;
            if (s !== stage) {
              bar.stop();
              bar.start(total || done, 0, { stage: s });
              stage = s;
            }
            bar.setTotal(Math.max(total, done));
            bar.update(done, { stage: s });
          },
        });
        bar?.stop();
        const params = {
          subjects: o.subjects,
          seed: o.seed,
          years: o.years,
          offence_rates: o.offenceRate,
          repair_uptake: o.repairUptake,
          objection_rate: o.objectionRate,
          objection_success: o.objectionSuccess,
        };
        if (o.html) {
          writeFileSync(o.html, dynamicsHtml(r.dynamics, o.years, params));
          process.stderr.write(`report written to ${o.html}\n`);
        }
        if (o.json) {
          process.stdout.write(
            `${JSON.stringify({ params, imported: r.imported, behaviour: r.behaviour, dynamics: r.dynamics }, null, 2)}\n`,
          );
          return;
        }
        process.stdout.write(
          `simulated ${o.subjects} subjects over ${o.years} year(s) (seed ${o.seed}): ${r.imported.created} lines; ${r.behaviour.objections} objections (${r.behaviour.annulled} annulled), ${r.behaviour.repaired} repairs\n\n`,
        );
        process.stdout.write(`${await gradeHistogram(ctx)}\n\n${dynamicsText(r.dynamics, o.years)}\n`);
      } finally {
        await ctx.store.close();
      }
    });

  dbOptions(
    program
      .command('rebuild')
      .description(
        'bring every subject’s derived state up to date with the ledger: recompute the subjects whose ledger, rulebooks or engine changed since (--full: all)',
      ),
  )
    .option('--full', 'recompute every subject, changed or not')
    .option(
      '--workers <n>',
      `threads deriving a full rebuild beside this one: auto (default: with ${WORKERS_CORES} cores or more and over ${WORKERS_FROM.toLocaleString('en-US')} subjects, one a core but this thread's; else none) or a number (0: this thread only)`,
      parseWorkers,
    )
    .action(async (o) => {
      const ctx = await openRegistry(resolveOptions(o));
      try {
        const bar = process.stderr.isTTY
          ? new SingleBar({
              format: 'rebuild [{bar}] {value}/{total} subjects | eta {eta_formatted}',
              hideCursor: true,
            })
          : undefined;
        let started = false;
        const r = await rebuildAll(ctx, {
          full: o.full === true,
          ...(o.workers === undefined ? {} : { workers: o.workers }),
          onProgress: (done, total) => {
            if (!started) bar?.start(total, 0);
            started = true;
            bar?.update(done);
          },
        });
        bar?.stop();
        process.stdout.write(
          `rebuilt ${r.subjects} subjects from the ledger (${r.recomputed} recomputed, ${r.subjects - r.recomputed} unchanged; ${r.written} projections written, ${r.recomputed - r.written} found as stored)\n`,
        );
      } finally {
        await ctx.store.close();
      }
    });

  dbOptions(
    program
      .command('tick')
      .description('apply every due change (expiries, list entries and exits) up to now or --until'),
  )
    .option('--until <date>', 'apply changes due up to this date')
    .action(async (o) => {
      const ctx = await openRegistry(resolveOptions(o));
      try {
        const until = parseAt(o.until);
        const n = await tick(ctx, until);
        process.stdout.write(`tick: ${n} subjects updated\n`);
      } finally {
        await ctx.store.close();
      }
    });

  dbOptions(
    program
      .command('purge')
      .description(
        'apply retention: delete records past their type’s retention, keeping only a hash in the audit log',
      ),
  ).action(async (o) => {
    const ctx = await openRegistry(resolveOptions(o));
    try {
      const n = await purge(ctx);
      process.stdout.write(`purged ${n} records past retention\n`);
    } finally {
      await ctx.store.close();
    }
  });

  dbOptions(
    program
      .command('whatif')
      .description('impact of a draft rulebook on the whole population (changes nothing)')
      .argument('<draft>'),
  )
    .option('--at <date>', 'compare as of this date')
    .option('--json', 'machine-readable output')
    .option('--html <file>', 'also write a self-contained report with charts')
    .option('--workers <n>', 'worker threads (default: all cores for large populations)', (v) => Number(v))
    .action(async (draft, o) => {
      const ctx = await openRegistry(resolveOptions(o));
      try {
        const r = checkRulebook(readText(draft));
        if (!r.value)
          throw new CredenceError('rulebook.invalid', `${draft} has ${r.issues.length} problem(s)`, {
            issues: r.issues,
          });
        const bar = process.stderr.isTTY
          ? new SingleBar({
              format: 'what-if [{bar}] {value}/{total} subjects | eta {eta_formatted}',
              hideCursor: true,
            })
          : undefined;
        let started = false;
        const at = parseAt(o.at);
        const report = await whatIf(ctx, r.value, {
          ...(at !== undefined ? { at } : {}),
          ...(o.workers ? { workers: o.workers } : {}),
          onProgress: (done, total) => {
            if (!started) bar?.start(total, 0);
            started = true;
            bar?.update(done);
          },
        });
        bar?.stop();
        if (o.html) {
          writeFileSync(
            o.html,
            whatIfHtml(
              report,
              r.value.grades.map((g) => g.grade),
            ),
          );
          process.stderr.write(`report written to ${o.html}\n`);
        }
        if (o.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        else process.stdout.write(`${report.text}\n`);
      } finally {
        await ctx.store.close();
      }
    });
}

async function gradeHistogram(ctx: Awaited<ReturnType<typeof openRegistry>>): Promise<string> {
  const set = await ctx.store.transaction((tx) => activeRulebooks(tx));
  const rb = set.at(ctx.clock.now());
  const counts = new Map<string, number>(rb.grades.map((g) => [g.grade, 0]));
  let after = 0;
  for (;;) {
    const ids = await ctx.store.subjectIdsAfter(after, 5000);
    if (ids.length === 0) break;
    after = ids[ids.length - 1]!;
    for (const d of await ctx.store.derivedOf(ids)) counts.set(d.grade, (counts.get(d.grade) ?? 0) + 1);
  }
  return `grade distribution (${rb.name} ${rb.version}):\n${histogram([...counts].map(([label, count]) => ({ label, count })))}`;
}

export { gradeHistogram };
