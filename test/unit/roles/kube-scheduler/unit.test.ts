import { expect } from 'chai';
import { parse } from 'yaml';
import { renderSchedulerConfig, SCHEDULER_CONFIG } from '../../../../roles/kube-scheduler/config.ts';
import { renderSchedulerUnit } from '../../../../roles/kube-scheduler/unit.ts';
import { placementsFor } from '../../../../kubernetes/pki/index.ts';
import { execStart, MINORS, realFlagNames } from '../control-plane/helpers.ts';
import { kthwModel } from '../../kubernetes/pki/fixtures.ts';

describe('kube-scheduler unit and config', () => {
  const unit = renderSchedulerUnit();
  const { binary, flags } = execStart(unit);

  it('GIVEN the unit THEN it runs the config file at v=2, with flags every listed version has', () => {
    expect(binary).to.equal('/usr/local/bin/kube-scheduler');
    expect(unit).to.contain('Description=Kubernetes Scheduler');
    expect(Object.fromEntries(flags)).to.deep.equal({ config: '/etc/kubernetes/config/kube-scheduler.yaml', v: '2' });
    for (const minor of MINORS) {
      const real = realFlagNames('kube-scheduler', minor);
      expect(
        [...flags.keys()].filter((f) => !real.has(f)),
        minor,
      ).to.deep.equal([]);
    }
  });

  it('GIVEN the config THEN it is a v1 KubeSchedulerConfiguration with its kubeconfig and leader election', () => {
    expect(flags.get('config')).to.equal(SCHEDULER_CONFIG);
    expect(parse(renderSchedulerConfig())).to.deep.equal({
      apiVersion: 'kubescheduler.config.k8s.io/v1',
      kind: 'KubeSchedulerConfiguration',
      clientConnection: { kubeconfig: '/var/lib/kubernetes/kube-scheduler.kubeconfig' },
      leaderElection: { leaderElect: true },
    });
  });

  it('GIVEN the config THEN the kubeconfig it names is the one the PKI places on a controller', () => {
    const placed = (placementsFor(kthwModel(), 'controller-2', 'kube-scheduler') ?? []).map((p) => p.path);
    const doc = parse(renderSchedulerConfig()) as { clientConnection: { kubeconfig: string } };
    expect(placed).to.include(doc.clientConnection.kubeconfig);
  });
});
