import { expect } from 'chai';
import { isSkip } from '../../../../src/verify/index.ts';
import { execTest, judgeExec } from '../../../../kubernetes/verify/tests/exec.ts';
import { judgeLogs } from '../../../../kubernetes/verify/tests/logs.ts';
import { judgePortForward, portForwardTest } from '../../../../kubernetes/verify/tests/port-forward.ts';
import { answer, FACTS, fixture, sections, testContext } from './helpers.ts';

const ctx = testContext();
const POD = FACTS.pod!.name;

describe('kubernetes/verify port-forward, logs, exec: apiserver -> kubelet streams', () => {
  describe('port-forward', () => {
    it('GIVEN kubectl forwarding and nginx answering HEAD THEN pass', () => {
      const j = judgePortForward(
        sections({ forward: fixture('kubectl-port-forward.txt'), head: fixture('curl-head-nginx.txt') }),
      );
      expect(j.outcome).to.equal('pass');
      expect(j.summary).to.equal('HEAD / through the tunnel: HTTP/1.1 200 OK');
    });
    it("GIVEN a node without socat THEN fail with kubectl's error and the socat hint", () => {
      const j = judgePortForward(
        sections({
          forward: fixture('kubectl-port-forward-no-socat.txt'),
          head: 'curl: (52) Empty reply from server\ncurl exit 52',
        }),
      );
      expect(j.outcome).to.equal('fail');
      expect(j.evidence!.join('\n')).to.contain('unable to do port forwarding: socat not found');
      expect(j.fix).to.contain('socat');
    });
    it('GIVEN kubectl that never forwards THEN fail', () => {
      const j = judgePortForward(
        sections({
          forward:
            'error: unable to upgrade connection: Forbidden (user=kubernetes, verb=create, resource=nodes, subresource=proxy)',
        }),
      );
      expect(j.summary).to.equal('kubectl port-forward did not start forwarding');
      expect(j.fix).to.contain('--role kube-rbac');
    });
    it('without kubectl it is skipped: curl cannot speak the streaming protocols', () => {
      const s = portForwardTest.script(ctx, { ...FACTS, kubectl: undefined });
      expect(isSkip(s) && s.skip).to.contain(
        'kubectl (with /var/lib/kubernetes/admin.kubeconfig) is not on controller-0',
      );
      expect(isSkip(s) && s.fix).to.match(/kubectl \d+\.\d+\.\d+/);
    });
    it('forwards to a free local port chosen by kubectl', () => {
      expect(portForwardTest.script(ctx, FACTS)).to.contain(
        `/usr/local/bin/kubectl --kubeconfig /var/lib/kubernetes/admin.kubeconfig -n orchestrate-verify port-forward pod/${POD} :80`,
      );
    });
  });
  describe('logs', () => {
    it("GIVEN nginx's log with verify's HEAD request THEN pass, quoting the line", () => {
      const j = judgeLogs(
        sections({ request: 'HTTP/1.1 200 OK', log: answer(200, fixture('nginx-log.txt')) }),
        POD,
        '10.200.1.2',
      );
      expect(j.outcome).to.equal('pass');
      expect(j.summary).to.equal(`the log of ${POD} shows verify's request`);
      expect(j.evidence![1]).to.contain('"HEAD / HTTP/1.1" 200 0 "-" "orchestrate-verify"');
    });
    it('GIVEN a log without the request (no pod route from the controller) THEN pass: the log path works', () => {
      const log = fixture('nginx-log.txt').split('\n').slice(0, -1).join('\n');
      const j = judgeLogs(
        sections({ request: 'curl: (28) Connection timed out after 10001 milliseconds', log: answer(200, log) }),
        POD,
        '10.200.1.2',
      );
      expect(j.outcome).to.equal('pass');
      expect(j.summary).to.contain("without verify's request (it did not reach the pod)");
    });
    it('GIVEN the kubelet refusing the apiserver THEN fail with the API message', () => {
      const body = `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Forbidden (user=kubernetes, verb=get, resource=nodes, subresource=proxy) ( pods/log ${POD})","reason":"Forbidden","code":403}`;
      const j = judgeLogs(sections({ request: 'HTTP/1.1 200 OK', log: answer(403, body) }), POD, '10.200.1.2');
      expect(j.outcome).to.equal('fail');
      expect(j.evidence![0]).to.equal(
        `GET pods/${POD}/log: HTTP 403: Forbidden (user=kubernetes, verb=get, resource=nodes, subresource=proxy) ( pods/log ${POD})`,
      );
    });
  });
  describe('exec', () => {
    it("GIVEN the pod's hostname printed THEN pass", () => {
      expect(judgeExec(sections({ exec: `${POD}\nexit 0` }), POD).outcome).to.equal('pass');
    });
    it('GIVEN the RBAC error THEN fail with it', () => {
      const j = judgeExec(sections({ exec: fixture('kubectl-exec-forbidden.txt') }), POD);
      expect(j.outcome).to.equal('fail');
      expect(j.evidence![0]).to.contain('unable to upgrade connection: Forbidden');
    });
    it('runs cat in the pod through kubectl', () => {
      expect(execTest.script(ctx, FACTS)).to.contain(`exec ${POD} -- cat /proc/sys/kernel/hostname`);
    });
  });
});
