import { expect } from 'chai';
import { labPaths } from '../../../src/lab/paths.ts';
import { sshArgv } from '../../../src/lab/ssh.ts';

describe('lab/ssh', () => {
  const lab = labPaths('lab');

  it('always runs inside the lab netns with the lab key, known_hosts and strict checking', () => {
    const argv = sshArgv(lab, '10.240.0.101', ['hostname']);
    expect(argv.slice(0, 4)).to.deep.equal(['nsenter', '--net=/run/netns/orch-lab', '--', 'ssh']);
    expect(argv).to.include.members([
      '/var/lib/orchestrate/labs/lab/id_ed25519',
      'UserKnownHostsFile=/var/lib/orchestrate/labs/lab/known_hosts',
      'StrictHostKeyChecking=yes',
      'BatchMode=yes',
    ]);
    expect(argv.slice(-3)).to.deep.equal(['root@10.240.0.101', '--', 'hostname']);
  });

  it('interactive: no BatchMode, no command', () => {
    const argv = sshArgv(lab, '10.240.0.101', [], { interactive: true });
    expect(argv).to.not.include('BatchMode=yes');
    expect(argv.at(-1)).to.equal('root@10.240.0.101');
  });
});
