import { expect } from 'chai';
import { PassThrough } from 'node:stream';
import { parseFlags, type FlagSpec } from '../../../src/cli/parse-flags.ts';
import { parseCommand } from '../../../src/cli/args.ts';
import { doctorCommand } from '../../../src/cli/doctor-command.ts';
import { verifyCommand } from '../../../src/cli/verify-command.ts';
import { pkiCommand } from '../../../src/cli/pki-command.ts';
import { runLabCommand } from '../../../src/cli/lab-command.ts';
import { errorText } from '../../../src/cli/error-text.ts';
import { exitCodeFor, EXIT } from '../../../src/cli/exit-codes.ts';
import { isOrchestrateError, type OrchestrateError } from '../../../src/errors.ts';

const OPTIONS = {
  inventory: { type: 'string', short: 'i' },
  tag: { type: 'string', short: 't', multiple: true },
  json: { type: 'boolean' },
} as const;
const SPEC: FlagSpec<typeof OPTIONS> = { command: 'demo', options: OPTIONS, maxOperands: 1 };

function refusal(run: () => unknown): OrchestrateError {
  try {
    run();
  } catch (err) {
    if (isOrchestrateError(err)) return err;
    throw err;
  }
  throw new Error('not refused');
}

async function refusalOf(run: () => Promise<unknown>): Promise<OrchestrateError> {
  const err = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isOrchestrateError(err)) throw new Error(`not refused with a typed error: ${String(err)}`);
  return err;
}

describe('src/cli/parse-flags: the one flag parser', () => {
  it('GIVEN --flag=value, --flag value and -f value THEN the same value', () => {
    for (const argv of [['--inventory=a.yaml'], ['--inventory', 'a.yaml'], ['-i', 'a.yaml']])
      expect(parseFlags(SPEC, argv).values.inventory).to.equal('a.yaml');
  });

  it('GIVEN a repeatable flag twice THEN both values, in order', () => {
    expect(parseFlags(SPEC, ['-t', 'a', '--tag=b']).values.tag).to.deep.equal(['a', 'b']);
  });

  it('GIVEN a single-valued flag twice THEN OPTIONS_INVALID naming it', () => {
    const err = refusal(() => parseFlags(SPEC, ['-i', 'a', '--inventory=b']));
    expect(err.code).to.equal('OPTIONS_INVALID');
    expect(err.message).to.equal('orchestrate demo: --inventory given twice');
  });

  it('GIVEN an unknown flag THEN exit 5, the command and the flag named, a suggestion, the help to read', () => {
    const err = refusal(() => parseFlags(SPEC, ['--jsno']));
    expect(err.message).to.equal('orchestrate demo: unknown flag --jsno (did you mean --json?)');
    expect(err.fix).to.equal('see the flags with: orchestrate demo --help');
    expect(exitCodeFor(err.code)).to.equal(EXIT.options);
  });

  it('GIVEN a boolean with a value, or a value that starts with - THEN the fix says how to write it', () => {
    expect(refusal(() => parseFlags(SPEC, ['--json=yes'])).message).to.include('--json takes no value');
    expect(refusal(() => parseFlags(SPEC, ['-i', '-x'])).fix).to.equal(
      'if the value starts with -, write --inventory=VALUE',
    );
  });

  it('GIVEN -- THEN what follows is an operand even when it starts with -', () => {
    expect(parseFlags(SPEC, ['--json', '--', '-odd.ts'])).to.deep.include({ positionals: ['-odd.ts'], rest: [] });
  });

  it('GIVEN -- for a command that runs a command line THEN the words after it are returned as they are', () => {
    const spec = { ...SPEC, maxOperands: Infinity, commandAfterDashes: true };
    expect(parseFlags(spec, ['exec', '--json', '--', 'ls', '-l', '--', 'x'])).to.deep.include({
      positionals: ['exec'],
      rest: ['ls', '-l', '--', 'x'],
    });
  });

  it('GIVEN one operand too many THEN it is named; with a named operand the fix says to run once per operand', () => {
    expect(refusal(() => parseFlags(SPEC, ['a', 'b'])).message).to.equal('orchestrate demo: unexpected argument "b"');
    const err = refusal(() => parseFlags({ ...SPEC, operand: 'playbook' }, ['a', 'b']));
    expect(err.message).to.equal('orchestrate demo: unexpected argument "b" (demo takes one playbook)');
    expect(err.fix).to.equal('run orchestrate demo once per playbook');
  });

  describe('every command refuses an unknown flag the same way', () => {
    const io = { stdout: new PassThrough(), stderr: new PassThrough() };
    const cases: [string, () => Promise<unknown>][] = [
      ['apply', async () => parseCommand(['apply', 'p.ts', '--nope'])],
      ['inventory', async () => parseCommand(['inventory', '--nope'])],
      ['facts', async () => parseCommand(['facts', '--nope'])],
      ['doctor', () => doctorCommand(['--nope'], io)],
      ['verify', () => verifyCommand(['--nope'], io)],
      ['pki', () => pkiCommand(['status', '--nope'], io)],
    ];
    for (const [command, run] of cases)
      it(`${command} --nope: OPTIONS_INVALID, "orchestrate ${command}: unknown flag --nope", the help to read`, async () => {
        const err = await refusalOf(run);
        expect(err.code).to.equal('OPTIONS_INVALID');
        expect(err.message).to.match(new RegExp(`^orchestrate ${command}: unknown flag --nope`));
        expect(err.fix).to.equal(`see the flags with: orchestrate ${command} --help`);
      });

    it('lab --zzz: exit 5, the same message once on stderr', async () => {
      let text = '';
      const stderr = new PassThrough();
      stderr.on('data', (b: Buffer) => (text += b.toString()));
      expect(await runLabCommand(['up', '--zzz'], { stdout: new PassThrough(), stderr })).to.equal(5);
      expect(text).to.equal('orchestrate lab: unknown flag --zzz\n  fix: see the flags with: orchestrate lab --help\n');
    });
  });

  it('errorText: a message naming its command keeps that prefix alone; others get the prefix', () => {
    expect(errorText('orchestrate', 'orchestrate apply: unknown flag --x', 'f')).to.equal(
      'orchestrate apply: unknown flag --x\n  fix: f\n',
    );
    expect(errorText('orchestrate lab', 'lab ssh needs a HOST', undefined)).to.equal(
      'orchestrate lab: lab ssh needs a HOST\n',
    );
  });
});
