// The lab's generic bind option (what the doubles need: node bound read-only into hosts).

import { expect } from 'chai';
import { PassThrough } from 'node:stream';
import { runLabCommand } from '../../../src/cli/lab-command.ts';
import { checkBinds, parseBindSpec } from '../../../src/lab/binds.ts';
import { nspawnArgs } from '../../../src/lab/launcher.ts';
import { labPaths } from '../../../src/lab/paths.ts';

const errorOf = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => '',
    (e: Error) => e.message,
  );

describe('lab binds (--bind-ro)', () => {
  const host = { name: 'h1', address: '10.240.0.101', groups: ['lab'] };

  it('nspawn gets --bind-ro=SRC:DST (and --bind= when not read-only)', () => {
    const args = nspawnArgs(labPaths('e2e-doubles'), host, {
      bindReadOnly: [],
      binds: [
        { source: '/usr/bin/node', target: '/opt/orchestrate-test/node', readOnly: true },
        { source: '/srv/x', target: '/srv/x', readOnly: false },
      ],
    });
    expect(args).to.include('--bind-ro=/usr/bin/node:/opt/orchestrate-test/node');
    expect(args).to.include('--bind=/srv/x:/srv/x');
  });

  it('parses SRC and SRC:DST', () => {
    expect(parseBindSpec('/usr/bin/node:/opt/orchestrate-test/node')).to.deep.equal({
      source: '/usr/bin/node',
      target: '/opt/orchestrate-test/node',
      readOnly: true,
    });
    expect(parseBindSpec('/usr/bin/node')).to.deep.equal({
      source: '/usr/bin/node',
      target: '/usr/bin/node',
      readOnly: true,
    });
  });

  it('refuses relative paths, separators nspawn would misread, missing sources', async () => {
    expect(await errorOf(checkBinds([{ source: 'node', target: '/x', readOnly: true }]))).to.include('absolute');
    expect(await errorOf(checkBinds([{ source: '/usr/bin/node', target: '/a,b', readOnly: true }]))).to.include(
      'must not contain',
    );
    expect(await errorOf(checkBinds([{ source: '/no/such/file', target: '/x', readOnly: true }]))).to.include(
      'does not exist',
    );
    expect(() => parseBindSpec('/a:/b:/c')).to.throw('SRC or SRC:DST');
    expect(
      await checkBinds([{ source: '/usr/bin/node', target: '/opt/orchestrate-test/node', readOnly: true }]),
    ).to.have.length(1);
  });

  it('lab up --bind-ro with a bad path: exit 5 before anything is touched', async () => {
    const out = new PassThrough();
    const err = new PassThrough();
    let text = '';
    err.on('data', (b: Buffer) => (text += b.toString()));
    const code = await runLabCommand(['up', '1', '--name', 'bind-test', '--bind-ro', 'relative/node'], {
      stdout: out,
      stderr: err,
    });
    expect(code).to.equal(5);
    expect(text).to.include('paths must be absolute');
  });
});
