import { expect } from 'chai';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pkiCommand } from '../../../src/cli/pki-command.ts';
import { isOrchestrateError } from '../../../src/errors.ts';
import { writeManifest } from '../../../src/pki/index.ts';
import { MANIFEST } from './manifest-fixture.ts';
import { tempDir } from '../../support/temp-dir.ts';

const NOW = new Date('2026-01-01T00:00:00Z');

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) =>
    new Writable({
      write(chunk, _enc, cb) {
        into.push(String(chunk));
        cb();
      },
    });
  return { io: { stdout: sink(out), stderr: sink(err) }, out: () => out.join(''), err: () => err.join('') };
}

function stateWithManifest(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'pki'), { mode: 0o700 });
  writeManifest(dir, MANIFEST);
  return dir;
}

describe('cli/pki-command', () => {
  const saved = process.env['ORCHESTRATE_INVENTORY'];
  afterEach(() => {
    if (saved === undefined) delete process.env['ORCHESTRATE_INVENTORY'];
    else process.env['ORCHESTRATE_INVENTORY'] = saved;
  });

  it('pki status --state-dir DIR prints every cert', async () => {
    const t = io();
    expect(await pkiCommand(['status', '--state-dir', stateWithManifest()], t.io, NOW)).to.equal(0);
    expect(t.out()).to.match(/^old +expires 2025-12-01 \(EXPIRED 31 days ago\)/);
    expect(t.out()).to.include('kubernetes  expires 2026-01-20 (19 days left)');
  });

  it('pki status --json prints one JSON document', async () => {
    const t = io();
    const dir = stateWithManifest();
    await pkiCommand(['status', '--state-dir', dir, '--json'], t.io, NOW);
    const doc = JSON.parse(t.out()) as {
      stateDir: string;
      certs: { name: string; daysLeft: number; hosts: string[] }[];
    };
    expect(doc.stateDir).to.equal(dir);
    expect(doc.certs.map((c) => c.name)).to.deep.equal(['old', 'kubernetes', 'ca']);
    expect(doc.certs[2]!.hosts).to.deep.equal(['c0', 'w0']);
  });

  it('-i INV uses .orchestrate beside the inventory, as ensureStateDir does; so does $ORCHESTRATE_INVENTORY', async () => {
    const root = tempDir();
    const inv = join(root, 'hosts.yaml');
    writeFileSync(inv, 'all: {}\n');
    mkdirSync(join(root, '.orchestrate', 'pki'), { recursive: true, mode: 0o700 });
    writeManifest(join(root, '.orchestrate'), MANIFEST);
    const t = io();
    expect(await pkiCommand(['status', '-i', inv], t.io, NOW)).to.equal(0);
    expect(t.out()).to.include('kubernetes');
    process.env['ORCHESTRATE_INVENTORY'] = inv;
    const t2 = io();
    expect(await pkiCommand(['status'], t2.io, NOW)).to.equal(0);
    expect(t2.out()).to.equal(t.out());
  });

  it('no manifest: STATE_DIR_INVALID', async () => {
    const err = await pkiCommand(['status', '--state-dir', tempDir()], io().io, NOW).catch((e: unknown) => e);
    expect(isOrchestrateError(err, 'STATE_DIR_INVALID')).to.equal(true);
  });

  const bad: [string, string[]][] = [
    ['no subcommand', []],
    ['an unknown subcommand', ['rotate']],
    ['an unknown flag', ['status', '--nope']],
    ['an extra argument', ['status', 'x', '--state-dir', '/tmp']],
    ['a bad renew window', ['status', '--state-dir', '/tmp', '--renew-window', 'soon']],
  ];
  for (const [what, argv] of bad)
    it(`${what}: OPTIONS_INVALID`, async () => {
      delete process.env['ORCHESTRATE_INVENTORY'];
      const err = await pkiCommand(argv, io().io, NOW).catch((e: unknown) => e);
      expect(isOrchestrateError(err, 'OPTIONS_INVALID')).to.equal(true);
    });

  it('no inventory and no state dir: OPTIONS_INVALID with the fix', async () => {
    delete process.env['ORCHESTRATE_INVENTORY'];
    const err = await pkiCommand(['status'], io().io, NOW).catch((e: unknown) => e);
    expect(isOrchestrateError(err, 'OPTIONS_INVALID')).to.equal(true);
    expect((err as { fix: string }).fix).to.match(/-i inventory/);
  });

  it('--help prints the usage', async () => {
    const t = io();
    expect(await pkiCommand(['--help'], t.io)).to.equal(0);
    expect(t.out()).to.match(/^usage: orchestrate pki status/);
  });
});
