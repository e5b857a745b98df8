// The CLI entry: parse, dispatch, and turn every error into a message with its fix and an exit code.

import { parseCommand } from './args.ts';
import { applyCommand } from './apply-command.ts';
import { inventoryCommand } from './inventory-command.ts';
import { factsCommand } from './facts-command.ts';
import { runLabCommand } from './lab-command.ts';
import { pkiCommand } from './pki-command.ts';
import { doctorCommand } from './doctor-command.ts';
import { verifyCommand } from './verify-command.ts';
import { helpText } from './help.ts';
import { exitCodeFor, EXIT } from './exit-codes.ts';
import { errorInfo } from '../executor/error-info.ts';
import type { Io } from './reporters.ts';

/** Runs one orchestrate command; resolves to the process exit status. */
export async function main(
  argv: readonly string[],
  io: Io = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const interrupted = new Promise<number>((resolve) => {
    process.once('SIGINT', () => {
      io.stderr.write('\norchestrate: interrupted; hosts keep what finished, pending handlers run next time\n');
      resolve(EXIT.interrupted);
    });
  });
  try {
    const cmd = parseCommand(argv);
    const work = (async (): Promise<number> => {
      switch (cmd.command) {
        case 'apply':
        case 'plan':
          return applyCommand(cmd, io);
        case 'inventory':
          return inventoryCommand(cmd, io);
        case 'facts':
          return factsCommand(cmd, io);
        case 'lab':
          return runLabCommand(cmd.argv, io);
        case 'pki':
          return pkiCommand(cmd.argv, io);
        case 'doctor':
          return doctorCommand(cmd.argv, io);
        case 'verify':
          return verifyCommand(cmd.argv, io);
        case 'version':
          io.stdout.write('orchestrate 0.1.0\n');
          return EXIT.ok;
        case 'help':
          io.stdout.write(helpText(cmd.topic));
          return EXIT.ok;
      }
    })();
    const status = await Promise.race([work, interrupted]);
    if (status === EXIT.interrupted) setTimeout(() => process.exit(EXIT.interrupted), 200).unref();
    return status;
  } catch (err) {
    const info = errorInfo(err);
    io.stderr.write(`orchestrate: ${info.message}\n`);
    if (info.fix) io.stderr.write(`  fix: ${info.fix}\n`);
    return info.code === 'INTERNAL' ? EXIT.error : exitCodeFor(info.code as Parameters<typeof exitCodeFor>[0]);
  }
}
