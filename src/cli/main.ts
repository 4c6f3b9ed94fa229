import { Command, CommanderError } from '@commander-js/extra-typings';
import { CredenceError, formatIssue } from '../domain/errors.ts';
import { commands as adminCommands } from './commands-admin.ts';
import { commands as auditCommands } from './commands-audit.ts';
import { commands as caseCommands } from './commands-cases.ts';
import { commands as queryCommands } from './commands-query.ts';
import { commands as reportCommands } from './commands-report.ts';
import { commands as screenCommands } from './commands-screen.ts';
import { commands as serveCommands } from './commands-serve.ts';

/** Exit codes (DESIGN §9): 0 success, 1 invalid input, 2 usage error. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

const program = new Command()
  .name('credence')
  .description(
    'Credence: an accountable credit registry — ledger, rulebook, explained scores, lists and due process',
  )
  .version('0.1.0')
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

adminCommands(program);
queryCommands(program);
caseCommands(program);
serveCommands(program);
auditCommands(program);
screenCommands(program);
reportCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? 0 : EXIT.usage;
  } else if (e instanceof CredenceError) {
    process.stderr.write(`credence: ${e.message} [${e.code}]\n`);
    for (const i of e.issues) process.stderr.write(`  ${formatIssue(i)}\n`);
    process.exitCode = e.code.startsWith('usage.') ? EXIT.usage : EXIT.invalid;
  } else {
    process.stderr.write(
      `credence: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exitCode = 70;
  }
}
