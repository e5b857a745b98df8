import { expect } from 'chai';
import { judgeWorker } from '../../../../kubernetes/doctor/checks/api-reachability.ts';
import { effectiveType, judgeController } from '../../../../kubernetes/doctor/checks/kubelet-reachability.ts';
import { parseTcp } from '../../../../kubernetes/doctor/probe-lib.ts';
import { CTX, MODEL } from './model.ts';

const tcp = (lines: string) => parseTcp(lines.trim());
const ALL_OPEN = `
tcp api 10.240.0.5 6443 open
tcp controller-0 10.240.0.10 6443 open
tcp controller-1 10.240.0.11 6443 open
tcp controller-2 10.240.0.12 6443 open`;

describe('doctor check api-reachability (workers -> API address and each controller)', () => {
  it('GIVEN every path open THEN ok', () => {
    expect(judgeWorker('worker-0', tcp(ALL_OPEN), CTX)).to.include({ verdict: 'ok' });
  });

  it('GIVEN the API address times out while every controller answers directly THEN the load balancer return path is named', () => {
    const f = judgeWorker('worker-1', tcp(ALL_OPEN.replace('10.240.0.5 6443 open', '10.240.0.5 6443 timeout')), CTX);
    expect(f.verdict).to.equal('fail');
    expect(f.summary).to.contain('the load balancer or its return path is the suspect');
    expect(f.evidence).to.include('API address 10.240.0.5:6443: timeout');
    expect(f.fix).to.match(/SNAT|masquerade/);
  });

  it('GIVEN the API address is a controller address (no load balancer) and only it fails THEN a blocked path, not the LB', () => {
    const ctx = { ...CTX, model: { ...MODEL, api: { ...MODEL.api, addresses: ['10.240.0.10'] } } };
    const results = tcp(`
tcp api 10.240.0.10 6443 timeout
tcp controller-0 10.240.0.10 6443 open
tcp controller-1 10.240.0.11 6443 open
tcp controller-2 10.240.0.12 6443 open`);
    const f = judgeWorker('worker-0', results, ctx);
    expect(f.verdict).to.equal('fail');
    expect(f.summary).to.contain('blocked');
  });

  it('GIVEN nothing answers THEN the apiservers themselves are the suspect', () => {
    const f = judgeWorker('worker-0', tcp(ALL_OPEN.replace(/open/g, 'refused')), CTX);
    expect(f.verdict).to.equal('fail');
    expect(f.summary).to.contain('no apiserver answers');
    expect(f.fix).to.contain('systemctl status kube-apiserver');
  });

  it('GIVEN one controller down but the API address fine THEN a warning naming it', () => {
    const f = judgeWorker('worker-0', tcp(ALL_OPEN.replace('10.240.0.12 6443 open', '10.240.0.12 6443 refused')), CTX);
    expect(f).to.include({ verdict: 'warn' });
    expect(f.summary).to.contain('controller-2 does not answer');
  });

  it('GIVEN no output THEN a failure, not ok', () => {
    expect(judgeWorker('worker-0', [], CTX).verdict).to.equal('fail');
  });
});

const argv = (flag: string | undefined) =>
  [
    'argv /usr/local/bin/kube-apiserver',
    'argv --v=2',
    ...(flag ? [`argv --kubelet-preferred-address-types=${flag}`] : []),
  ].join('\n');
const workersOut = (states: [string, string, string][]) =>
  states
    .map(([w, resolved, state], i) =>
      [
        `resolve ${w} ${resolved}`,
        `tcp ip:${w} 10.240.0.2${i} 10250 ${state}`,
        ...(resolved === 'none' ? [] : [`tcp name:${w} ${resolved} 10250 ${state}`]),
      ].join('\n'),
    )
    .join('\n');

describe('doctor check kubelet-reachability (controllers -> :10250 by the apiserver address type)', () => {
  it('effectiveType: the first type a node reports; Hostname by default', () => {
    const w = MODEL.workers[0]!;
    expect(effectiveType(['InternalIP', 'ExternalIP', 'Hostname'], w)).to.equal('InternalIP');
    expect(effectiveType(['ExternalIP', 'InternalIP'], w)).to.equal('InternalIP');
    expect(effectiveType(['ExternalIP', 'InternalIP'], { ...w, externalAddress: '192.0.2.1' })).to.equal('ExternalIP');
    expect(effectiveType(['Hostname', 'InternalDNS', 'InternalIP'], w)).to.equal('Hostname');
  });

  it('GIVEN InternalIP first and every kubelet open THEN one ok for the controller', () => {
    const text = `${argv('InternalIP,ExternalIP,Hostname')}\n${workersOut([
      ['worker-0', 'none', 'open'],
      ['worker-1', 'none', 'open'],
    ])}`;
    const f = judgeController('controller-0', text, MODEL.workers);
    expect(f.map((x) => x.verdict)).to.deep.equal(['ok']);
    expect(f[0]!.summary).to.equal('reaches all 2 kubelets on :10250 by InternalIP');
  });

  it('GIVEN the default order (Hostname first) and a name that does not resolve THEN the trap is named with both fixes', () => {
    const text = `${argv(undefined)}\n${workersOut([
      ['worker-0', '10.240.0.20', 'open'],
      ['worker-1', 'none', 'open'],
    ])}`;
    const f = judgeController('controller-0', text, MODEL.workers);
    expect(f).to.have.length(1);
    expect(f[0]!.verdict).to.equal('fail');
    expect(f[0]!.summary).to.contain('dials kubelets by hostname and controller-0 cannot resolve worker-1');
    expect(f[0]!.evidence).to.include('getent ahostsv4 worker-1: none');
    expect(f[0]!.fix).to.contain('--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname');
    expect(f[0]!.fix).to.contain('/etc/hosts');
  });

  it('GIVEN port 10250 dropped on a worker THEN a failure naming the worker, the address and the firewall', () => {
    const text = `${argv('InternalIP,ExternalIP,Hostname')}\n${workersOut([
      ['worker-0', 'none', 'open'],
      ['worker-1', 'none', 'timeout'],
    ])}`;
    const f = judgeController('controller-0', text, MODEL.workers);
    expect(f.map((x) => x.verdict)).to.deep.equal(['fail']);
    expect(f[0]!.summary).to.equal(
      "controller-0 cannot reach worker-1's kubelet at 10.240.0.21:10250: packets are dropped on the way (a firewall?)",
    );
    expect(f[0]!.fix).to.contain('iptables');
  });

  it('GIVEN no kube-apiserver unit THEN a warning, and InternalIP still checked', () => {
    const text = `argv-missing kube-apiserver\n${workersOut([
      ['worker-0', 'none', 'refused'],
      ['worker-1', 'none', 'open'],
    ])}`;
    const f = judgeController('controller-0', text, MODEL.workers);
    expect(f.map((x) => x.verdict)).to.deep.equal(['warn', 'fail']);
    expect(f[1]!.summary).to.contain('nothing listens there');
  });
});
