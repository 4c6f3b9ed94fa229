import { Command } from '@commander-js/extra-typings';
import { commands as adminCommands } from './commands-admin.ts';
import { commands as auditCommands } from './commands-audit.ts';
import { commands as caseCommands } from './commands-cases.ts';
import { commands as queryCommands } from './commands-query.ts';
import { commands as recordCommands } from './commands-records.ts';
import { commands as reportCommands } from './commands-report.ts';
import { commands as screenCommands } from './commands-screen.ts';
import { commands as serveCommands } from './commands-serve.ts';
import { EXIT, failureOf } from './failure.ts';

export { EXIT };

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
recordCommands(program);
serveCommands(program);
auditCommands(program);
screenCommands(program);
reportCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  const f = failureOf(e);
  for (const line of f.lines) process.stderr.write(`${line}\n`);
  // a failure can leave a connection pool or a half-open server behind: leave at once (stderr is written)
  process.exit(f.exit);
}
