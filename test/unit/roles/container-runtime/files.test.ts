import { expect } from 'chai';
import { renderCrictlConfig } from '../../../../roles/container-runtime/crictl.ts';
import { renderContainerdUnit } from '../../../../roles/container-runtime/unit.ts';

describe('roles/container-runtime (crictl config, unit)', () => {
  it('crictl talks to containerd for both runtime and images', () => {
    expect(renderCrictlConfig()).to.equal(
      'runtime-endpoint: unix:///run/containerd/containerd.sock\n' +
        'image-endpoint: unix:///run/containerd/containerd.sock\n' +
        'timeout: 10\n' +
        'debug: false\n',
    );
  });

  it('the unit keeps containers across restarts and starts containerd from /usr/local/bin', () => {
    const unit = renderContainerdUnit();
    for (const line of [
      'ExecStartPre=-/sbin/modprobe overlay',
      'ExecStart=/usr/local/bin/containerd',
      'Type=notify',
      'Delegate=yes',
      'KillMode=process',
      'Restart=always',
      'LimitNOFILE=1048576',
      'OOMScoreAdjust=-999',
      'WantedBy=multi-user.target',
    ])
      expect(unit.split('\n')).to.include(line);
  });
});
