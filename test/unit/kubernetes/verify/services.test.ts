import { expect } from 'chai';
import { dnsTest, judgeDns } from '../../../../kubernetes/verify/tests/dns.ts';
import { judgeNodePort } from '../../../../kubernetes/verify/tests/node-port.ts';
import { judgeNamespace } from '../../../../kubernetes/verify/tests/namespace.ts';
import { judgeCleanup } from '../../../../kubernetes/verify/cleanup.ts';
import { answer, FACTS, fixture, sections, testContext } from './helpers.ts';

const ctx = testContext();
const service = answer(
  200,
  '{"kind":"Service","spec":{"type":"NodePort","ports":[{"port":80,"targetPort":80,"nodePort":31234,"protocol":"TCP"}]}}',
);
const dnsPod = (phase: string) =>
  answer(200, JSON.stringify({ metadata: { name: 'verify-dns' }, spec: { nodeName: 'worker-0' }, status: { phase } }));

describe('kubernetes/verify node-port, dns, namespace, cleanup', () => {
  describe('node-port', () => {
    it("GIVEN every worker answering THEN pass, marking the pod's node", () => {
      const j = judgeNodePort(
        sections({ service, 'node-0': 'HTTP/1.1 200 OK\r', 'node-1': 'HTTP/1.1 200 OK\r' }),
        ctx,
        FACTS,
      );
      expect(j.outcome).to.equal('pass');
      expect(j.evidence).to.deep.equal([
        'worker-0 10.240.0.20:31234: HTTP/1.1 200 OK',
        'worker-1 10.240.0.21:31234 (the pod runs here): HTTP/1.1 200 OK',
      ]);
    });
    it('GIVEN one worker timing out THEN fail naming it', () => {
      const j = judgeNodePort(
        sections({
          service,
          'node-0': 'curl: (28) Connection timed out after 5001 milliseconds',
          'node-1': 'HTTP/1.1 200 OK',
        }),
        ctx,
        FACTS,
      );
      expect(j.outcome).to.equal('fail');
      expect(j.summary).to.equal('node port 31234 does not answer on worker-0');
      expect(j.fix).to.contain('kube-proxy');
    });
  });
  describe('dns', () => {
    it('GIVEN getent printing the API ClusterIP THEN pass', () => {
      const j = judgeDns(
        sections({ apply: answer(201, '{}'), pod: dnsPod('Succeeded'), log: answer(200, fixture('dns-getent.txt')) }),
        ctx,
      );
      expect(j.outcome).to.equal('pass');
      expect(j.summary).to.equal(
        'kubernetes.default.svc.cluster.local resolves to 10.32.0.1 in pod verify-dns on worker-0',
      );
    });
    it("GIVEN busybox nslookup's answer THEN pass (the DNS server's own address does not count)", () => {
      const j = judgeDns(
        sections({
          apply: answer(201, '{}'),
          pod: dnsPod('Succeeded'),
          log: answer(200, fixture('dns-nslookup-busybox.txt')),
        }),
        ctx,
      );
      expect(j.outcome).to.equal('pass');
    });
    it('GIVEN a failed lookup THEN fail pointing at CoreDNS and doctor', () => {
      const j = judgeDns(
        sections({
          apply: answer(201, '{}'),
          pod: dnsPod('Succeeded'),
          log: answer(200, fixture('dns-getent-fail.txt')),
        }),
        ctx,
      );
      expect(j.outcome).to.equal('fail');
      expect(j.fix).to.contain('10.32.0.10').and.contain('orchestrate doctor');
    });
    it('GIVEN a pod that never finished THEN fail saying so', () => {
      const j = judgeDns(
        sections({
          apply: answer(201, '{}'),
          waited: '60',
          pod: dnsPod('Pending'),
          log: answer(
            400,
            '{"kind":"Status","message":"container \\"lookup\\" in pod \\"verify-dns\\" is waiting to start: ContainerCreating"}',
          ),
        }),
        ctx,
      );
      expect(j.summary).to.equal('pod verify-dns did not finish in 60 s');
    });
    it('the pod resolves the name of the cluster domain in the model', () => {
      expect(dnsTest.script(ctx, FACTS)).to.contain('getent hosts kubernetes.default.svc.cluster.local');
    });
  });
  describe('namespace and cleanup', () => {
    it('creates, or re-uses its own', () => {
      expect(judgeNamespace(sections({ apply: answer(201, '{}') }))).to.deep.include({
        outcome: 'pass',
        facts: { namespaceOwned: true },
      });
      expect(judgeNamespace(sections({ apply: answer(200, '{}') })).summary).to.contain('re-used');
    });
    it("refuses a namespace that is not verify's (and leaves cleanup nothing to delete)", () => {
      const j = judgeNamespace(sections({ foreign: '' }));
      expect(j.outcome).to.equal('fail');
      expect(j.facts).to.equal(undefined);
    });
    it('cleanup passes when the namespace is gone, or terminating', () => {
      expect(judgeCleanup(sections({ delete: answer(200, '{}'), after: '404 4' })).summary).to.equal(
        'namespace orchestrate-verify deleted (gone after 4 s)',
      );
      expect(judgeCleanup(sections({ delete: answer(200, '{}'), after: '200 60' })).summary).to.contain(
        'is terminating',
      );
      expect(judgeCleanup(sections({ delete: answer(403, '{}') })).outcome).to.equal('fail');
    });
  });
});
