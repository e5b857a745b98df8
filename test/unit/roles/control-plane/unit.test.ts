import { expect } from 'chai';
import { renderComponentUnit, systemdWord } from '../../../../roles/control-plane/unit.ts';
import { execStart } from './helpers.ts';

describe('control-plane unit file', () => {
  const table: [string, string][] = [
    ['--v=2', '--v=2'],
    [
      '--etcd-servers=https://10.240.0.10:2379,https://10.240.0.11:2379',
      '--etcd-servers=https://10.240.0.10:2379,https://10.240.0.11:2379',
    ],
    ['--x=100%', '--x=100%%'],
    ['--x=$HOME', '--x=$$HOME'],
    ['--x=a b', '"--x=a b"'],
    ['--x=say "hi"', '"--x=say \\"hi\\""'],
    ['--x=a\\b', '"--x=a\\\\b"'],
    ['', '""'],
  ];
  for (const [word, want] of table)
    it(`GIVEN ${JSON.stringify(word)} WHEN written for ExecStart THEN ${want}`, () => {
      expect(systemdWord(word)).to.equal(want);
    });

  it('GIVEN a component WHEN its unit is rendered THEN it has SPEC 6.1 shape and one flag per continued line', () => {
    const unit = renderComponentUnit({
      description: 'Kubernetes Scheduler',
      binary: '/usr/local/bin/kube-scheduler',
      args: ['--config=/etc/kubernetes/config/kube-scheduler.yaml', '--v=2'],
    });
    expect(unit).to.equal(
      [
        '[Unit]',
        'Description=Kubernetes Scheduler',
        'Documentation=https://github.com/kubernetes/kubernetes',
        '',
        '[Service]',
        'ExecStart=/usr/local/bin/kube-scheduler \\',
        '  --config=/etc/kubernetes/config/kube-scheduler.yaml \\',
        '  --v=2',
        'Restart=on-failure',
        'RestartSec=5',
        '',
        '[Install]',
        'WantedBy=multi-user.target',
        '',
      ].join('\n'),
    );
    const parsed = execStart(unit);
    expect(parsed.binary).to.equal('/usr/local/bin/kube-scheduler');
    expect([...parsed.flags.keys()]).to.deep.equal(['config', 'v']);
  });
});
