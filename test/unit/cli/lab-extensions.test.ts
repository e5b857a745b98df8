// What extensions add to `orchestrate lab` (flags, subcommands, the up hook) and to doctor/verify (the
// default module): combined, checked, and run through the real command, with extensions made here.

import { expect } from 'chai';
import { PassThrough } from 'node:stream';
import { composeHooks, runLabCommand } from '../../../src/cli/lab-command.ts';
import { labExtensions } from '../../../src/cli/lab-extensions.ts';
import { defaultModuleHelp, extensionModule, modulePath, type ModuleKind } from '../../../src/cli/module-command.ts';
import { OrchestrateError } from '../../../src/errors.ts';
import {
  defineExtension,
  type Extension,
  type LabCommandContext,
  type LabUpRequest,
} from '../../../src/extension/index.ts';
import type { LabPrepareContext } from '../../../src/lab/index.ts';
import { caught, caughtAsync } from '../inventory/helpers.ts';

const OWN = { flags: ['name', 'help', 'timeout'], commands: ['up', 'down'] };

async function lab(extensions: readonly Extension[], ...argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (b: Buffer) => (out += b.toString()));
  stderr.on('data', (b: Buffer) => (err += b.toString()));
  const code = await runLabCommand(argv, { stdout, stderr }, extensions);
  return { code, out, err };
}

/** An extension that records what its command and up hook were given. */
function recorder() {
  const seen: { run?: LabCommandContext; up?: LabUpRequest } = {};
  const extension = defineExtension({
    name: 'rec',
    lab: {
      up: {
        flags: { size: { type: 'string', value: 'N', help: 'how big' } },
        prepare: (request) => {
          seen.up = request;
          throw new OrchestrateError('OPTIONS_INVALID', 'rec refuses this layout', { fix: 'orchestrate lab --help' });
        },
      },
      commands: [
        {
          name: 'fill',
          usage: 'fill [--size N] [--fast]',
          help: 'fills the cache',
          flags: { size: { type: 'string', help: 'how big' }, fast: { type: 'boolean', help: 'quick' } },
          run: async (ctx) => {
            seen.run = ctx;
            ctx.stdout.write(`filled ${ctx.operands.join(',')}\n`);
            return 7;
          },
        },
      ],
    },
  });
  return { extension, seen };
}

describe('cli/lab-extensions: what extensions add to orchestrate lab', () => {
  it('GIVEN an extension THEN its flags are parsed as the lab’s, its lines are in the usage at their places', () => {
    const { extension } = recorder();
    const ext = labExtensions([extension], OWN);
    expect(ext.options).to.deep.equal({ size: { type: 'string' }, fast: { type: 'boolean' } });
    expect([...ext.commands.keys()]).to.deep.equal(['fill']);
    expect(ext.upUsage).to.deep.equal([`${'      --size N'.padEnd(44)}how big`]);
    expect(ext.commandUsage).to.deep.equal([`${'  fill [--size N] [--fast]'.padEnd(44)}fills the cache`]);
  });

  const refusals: [string, Extension[], string][] = [
    [
      'a flag of the lab’s own',
      [{ name: 'x', lab: { up: { flags: { timeout: { type: 'string', help: '' } }, prepare: () => undefined } } }],
      "extension x: flag --timeout is one of orchestrate lab's own",
    ],
    [
      'a subcommand of the lab’s own',
      [{ name: 'x', lab: { commands: [{ name: 'down', usage: 'down', help: '', run: async () => 0 }] } }],
      `extension x: lab command "down" is one of orchestrate lab's own`,
    ],
    [
      'a flag another extension declared',
      [
        { name: 'x', lab: { up: { flags: { size: { type: 'string', help: '' } }, prepare: () => undefined } } },
        { name: 'y', lab: { up: { flags: { size: { type: 'string', help: '' } }, prepare: () => undefined } } },
      ],
      "extension y: flag --size is extension x's",
    ],
    [
      'one flag of two types',
      [
        {
          name: 'x',
          lab: {
            up: { flags: { size: { type: 'string', help: '' } }, prepare: () => undefined },
            commands: [
              { name: 'go', usage: 'go', help: '', flags: { size: { type: 'boolean', help: '' } }, run: async () => 0 },
            ],
          },
        },
      ],
      'extension x: flag --size is declared both as string and boolean',
    ],
  ];
  for (const [what, extensions, message] of refusals)
    it(`GIVEN ${what} THEN PLAYBOOK_INVALID naming the extension`, () => {
      const err = caught(() => labExtensions(extensions, OWN));
      expect(err.code).to.equal('PLAYBOOK_INVALID');
      expect(err.message).to.equal(message);
    });

  it('GIVEN lab --help THEN the extension’s lines are listed', async () => {
    const r = await lab([recorder().extension], '--help');
    expect(r.code).to.equal(0);
    expect(r.out).to.contain('      --size N').and.to.contain('  fill [--size N] [--fast]');
  });

  it('GIVEN the extension’s subcommand THEN it runs with the operands, the flags and the lab name; its exit status', async () => {
    const { extension, seen } = recorder();
    const r = await lab([extension], 'fill', 'a', 'b', '--fast', '--size', '3', '--name', 'l2');
    expect(r.code).to.equal(7);
    expect(r.out).to.equal('filled a,b\n');
    expect(seen.run?.lab).to.equal('l2');
    expect(seen.run?.operands).to.deep.equal(['a', 'b']);
    expect(seen.run?.flags).to.deep.include({ fast: true, size: '3' });
    expect(seen.run?.cacheDir).to.be.a('string');
  });

  it('GIVEN no extension THEN its subcommand and flags are unknown (exit 5)', async () => {
    expect((await lab([], 'fill')).err).to.contain('unknown lab command "fill"');
    expect((await lab([], 'status', '--fast')).code).to.equal(5);
  });

  it('GIVEN lab up THEN the extension sees the layout and its flags first, and its refusal stops the up (exit 5)', async () => {
    const { extension, seen } = recorder();
    // The bad --timeout is a tripwire: had the hook not refused first, options parsing would stop with another message.
    const r = await lab([extension], 'up', '--controllers', '1', '--workers', '2', '--size', '9', '--timeout', 'x');
    expect(r.code).to.equal(5);
    expect(r.err).to.contain('rec refuses this layout');
    expect(seen.up?.layout).to.deep.equal({ kind: 'cluster', controllers: 1, workers: 2 });
    expect(seen.up?.flags['size']).to.equal('9');
  });

  it('GIVEN two prepare hooks THEN one hook: vars merged (the later wins), summaries one per line', async () => {
    const ctx = { lab: 'l', cacheDir: '/c', log: () => undefined } as unknown as LabPrepareContext;
    const hook = composeHooks([
      async () => ({ vars: { a: 1, b: 1 }, summary: 'first' }),
      undefined,
      async () => ({ vars: { b: 2 }, summary: 'second' }),
    ]);
    expect(await hook!(ctx)).to.deep.equal({ vars: { a: 1, b: 2 }, summary: 'first\nsecond' });
    const one = async () => ({});
    expect(composeHooks([undefined, one])).to.equal(one);
    expect(composeHooks([undefined])).to.equal(undefined);
  });
});

describe('cli/module-command: the default doctor and verify modules come from an extension', () => {
  const KIND: ModuleKind<unknown> = {
    what: 'doctor module',
    flag: '--checks',
    example: 'defineDoctor({ name, context, checks: [...] })',
    valid: (_d): _d is unknown => true,
  };
  const withDoctor: Extension = { name: 'd', doctor: { path: '/x/doctor.ts', help: '  what it checks\n' } };

  it('GIVEN --checks THEN that file, whatever the extensions offer', async () => {
    expect(await modulePath('/mine.ts', 'doctor', KIND, [withDoctor])).to.equal('/mine.ts');
  });

  it('GIVEN no --checks THEN the first extension offering one', async () => {
    expect(await modulePath(undefined, 'doctor', KIND, [{ name: 'none' }, withDoctor])).to.equal('/x/doctor.ts');
    expect(extensionModule([withDoctor], 'verify')).to.equal(undefined);
    expect(await defaultModuleHelp('doctor', [withDoctor])).to.equal(
      '  Default: /x/doctor.ts (extension d).\n  what it checks\n',
    );
    expect(await defaultModuleHelp('verify', [withDoctor])).to.equal('');
  });

  it('GIVEN neither THEN OPTIONS_INVALID asking for the flag', async () => {
    const err = await caughtAsync(() => modulePath(undefined, 'doctor', KIND, []));
    expect(err.code).to.equal('OPTIONS_INVALID');
    expect(err.message).to.equal('no doctor module given, and no extension of this installation offers one');
    expect(err.fix).to.contain('pass --checks FILE');
  });

  it('GIVEN this installation THEN doctor and verify default to kubernetes/doctor and kubernetes/verify', async () => {
    expect(await modulePath(undefined, 'doctor', KIND)).to.equal(`${process.cwd()}/kubernetes/doctor/index.ts`);
    expect(await modulePath(undefined, 'verify', KIND)).to.equal(`${process.cwd()}/kubernetes/verify/index.ts`);
  });
});
