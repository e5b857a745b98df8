import { expect } from 'chai';
import { nspawnArgs, renderLauncher } from '../../../src/lab/launcher.ts';
import { labPaths } from '../../../src/lab/paths.ts';

const lab = labPaths('e2e-lab');
const host = { name: 'controller-0', address: '10.240.0.10', groups: ['controllers'] };

describe('lab/launcher', () => {
  const args = nspawnArgs(lab, host, { bindReadOnly: [] });

  it('nspawn gets every option NOTES calls for', () => {
    for (const opt of [
      '--boot',
      '--register=no',
      '--keep-unit',
      '--network-bridge=labbr0',
      '--system-call-filter=@keyring',
      '--bind=/dev/kmsg',
      '--capability=CAP_SYSLOG,CAP_SYS_RESOURCE',
      '--hostname=controller-0',
      '--machine=e2e-lab-controller-0',
      '--directory=/var/lib/orchestrate/labs/e2e-lab/hosts/controller-0/merged',
      '--bind=/var/lib/orchestrate/labs/e2e-lab/containerd/controller-0:/var/lib/containerd',
    ]) {
      expect(args).to.include(opt);
    }
  });

  it('binds machine dirs read-only when asked', () => {
    expect(nspawnArgs(lab, host, { bindReadOnly: ['/lib/modules/6.1.0'] })).to.include('--bind-ro=/lib/modules/6.1.0');
  });

  it('shows hosts the kernel tunables: the lab dir bound first, then each entry from inside the host', () => {
    const withTunables = nspawnArgs(lab, host, {
      bindReadOnly: [],
      kernelTunables: ['vm/overcommit_memory', 'kernel/panic'],
    });
    expect(withTunables.slice(-3)).to.deep.equal([
      '--bind-ro=/var/lib/orchestrate/labs/e2e-lab/kernel-tunables:/run/orchestrate-lab/kernel-tunables',
      '--bind-ro=/run/orchestrate-lab/kernel-tunables/vm/overcommit_memory:/proc/sys/vm/overcommit_memory',
      '--bind-ro=/run/orchestrate-lab/kernel-tunables/kernel/panic:/proc/sys/kernel/panic',
    ]);
    expect(args.some((a) => a.includes('kernel-tunables'))).to.equal(false);
  });

  const script = renderLauncher(lab, host, ['/sys/fs/cgroup/memory/a b/orch-e2e-lab/controller-0/cgroup.procs'], args);

  it('joins the host cgroups first, quoting paths', () => {
    expect(script).to.include(`echo $$ > '/sys/fs/cgroup/memory/a b/orch-e2e-lab/controller-0/cgroup.procs'`);
    expect(script.indexOf('cgroup.procs')).to.be.lessThan(script.indexOf('systemd-nspawn'));
  });

  it('enters the netns with nsenter (not ip netns exec) and relaunches on exit 133 only', () => {
    expect(script).to.include('nsenter --net=/run/netns/orch-e2e-lab -- systemd-nspawn --boot');
    expect(script).to.not.include('ip netns exec');
    expect(script).to.match(/\[ "\$stop" = 0 \] && \[ "\$rc" = 133 \] \|\| break/);
    expect(script).to.match(/trap '.*kill -TERM "\$child".*' TERM/);
  });
});
