// The CLI entry: parse, dispatch, and turn every error into a message with its fix and an exit code.

import { parseCommand } from './args.ts';
import { helpText } from './help.ts';
import { exitCodeFor, EXIT } from './exit-codes.ts';
import { errorText } from './error-text.ts';
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
    // Internal: the connection mux a run with --persist starts (src/connection/mux).
    if (argv[0] === '__mux' && argv.length === 3)
      return (await import('../connection/mux/daemon-main.ts')).runMuxDaemon(argv[1]!, Number(argv[2]));
    const cmd = parseCommand(argv);
    // Each command's modules load only when it runs: start-up pays for one command, not all.
    const work = (async (): Promise<number> => {
      switch (cmd.command) {
        case 'apply':
        case 'plan':
          return (await import('./apply-command.ts')).applyCommand(cmd, io);
        case 'inventory':
          return (await import('./inventory-command.ts')).inventoryCommand(cmd, io);
        case 'facts':
          return (await import('./facts-command.ts')).factsCommand(cmd, io);
        case 'lab':
          return (await import('./lab-command.ts')).runLabCommand(cmd.argv, io);
        case 'pki':
          return (await import('./pki-command.ts')).pkiCommand(cmd.argv, io);
        case 'doctor':
          return (await import('./doctor-command.ts')).doctorCommand(cmd.argv, io);
        case 'verify':
          return (await import('./verify-command.ts')).verifyCommand(cmd.argv, io);
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
    io.stderr.write(errorText('orchestrate', info.message, info.fix));
    return info.code === 'INTERNAL' ? EXIT.error : exitCodeFor(info.code as Parameters<typeof exitCodeFor>[0]);
  }
}
