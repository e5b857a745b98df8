import { expect } from 'chai';
import { asRoot, becomeFailure, wrapperMissing } from '../../../src/connection/become.ts';

describe('connection/become', () => {
  it('GIVEN a short command line WHEN becoming THEN one quoted sh -c argument under sudo -n (as root: unchanged)', () => {
    expect(asRoot('deploy', true, "echo 'x'")).to.equal(`sudo -n -- sh -c 'echo '\\''x'\\'''`);
    expect(asRoot('root', true, 'id')).to.equal('id');
  });

  // Captured from sudo 1.9.13 (Debian 12).
  const refusals = [
    'sudo: a password is required\n',
    'sudo: a terminal is required to read the password; either use the -S option to read from standard input or configure an askpass helper\nsudo: a password is required\n',
    'deploy is not in the sudoers file.  This incident will be reported.\n'.replace(/^/, 'sudo: '),
  ];
  for (const stderr of refusals) {
    it(`GIVEN sudo saying ${JSON.stringify(stderr.split('\n')[0])} THEN BECOME_FAILED naming become and the fix`, () => {
      const err = becomeFailure('web1', 'deploy', 1, stderr);
      expect(err?.code).to.equal('BECOME_FAILED');
      expect(err?.message).to.contain('web1').and.contain('become');
      expect(err?.fix).to.contain('NOPASSWD').and.contain('become: false');
    });
  }

  it('GIVEN a script that merely failed THEN no become failure', () => {
    expect(becomeFailure('web1', 'deploy', 1, 'grep: x: No such file\n')).to.equal(undefined);
    expect(becomeFailure('web1', 'deploy', 2, 'sudo: a password is required\n')).to.equal(undefined);
  });
});

describe('connection/become wrapperMissing', () => {
  it('GIVEN sh saying timeout is not found (exit 127) THEN TASK_FAILED naming coreutils', () => {
    const err = wrapperMissing('web1', 127, 'sh: 1: timeout: not found\n');
    expect(err?.code).to.equal('TASK_FAILED');
    expect(err?.fix).to.contain('coreutils');
    expect(wrapperMissing('web1', 127, 'sh: 3: foo: not found\n')).to.equal(undefined);
  });
});
