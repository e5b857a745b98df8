import { expect } from 'chai';
import { renderComponentUnit } from '../../../../kubernetes/control-plane/unit.ts';
import { execStart } from '../../roles/control-plane/helpers.ts';

describe('control-plane unit file', () => {
  // How each word is escaped is tested once, with the renderer: test/unit/modules/lib/unit-file.test.ts.
  it('GIVEN a component WHEN its unit is rendered THEN it has the KTHW unit shape and one flag per continued line', () => {
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
