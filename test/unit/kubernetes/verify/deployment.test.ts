import { expect } from 'chai';
import { judgeDeployment } from '../../../../kubernetes/verify/tests/deployment.ts';
import { answer, FACTS, fixture, sections, testContext } from './helpers.ts';

const ctx = testContext();
const run = (deployment: string, pods: string, facts = FACTS) =>
  judgeDeployment(
    sections({
      apply: answer(201, '{}'),
      waited: '42',
      deployment: answer(200, fixture(deployment)),
      pods: answer(200, fixture(pods)),
    }),
    ctx,
    facts,
  );
const DOUBLE = { gitVersion: 'v1.32.3-orchestrate-test-double', release: false };

describe('kubernetes/verify deployment: a Running pod, a test double, or what stopped the pod', () => {
  it('GIVEN a Running pod THEN pass, handing its name, IP and node to the later tests', () => {
    const j = run('deployment-observed.json', 'pods-running.json');
    expect(j.outcome).to.equal('pass');
    expect(j.summary).to.equal('pod verify-web-6d8f4b7c9-x2k4q Running on worker-1 after 42 s');
    expect(j.facts).to.deep.equal({ pod: { name: 'verify-web-6d8f4b7c9-x2k4q', ip: '10.200.1.2', node: 'worker-1' } });
  });
  it('GIVEN a non-release gitVersion and no controller, no pod THEN cannot verify: it answers like a test double', () => {
    const j = run('deployment-unobserved.json', 'pods-none.json', DOUBLE);
    expect(j.outcome).to.equal('unverifiable');
    expect(j.summary).to.equal(
      'the API at https://127.0.0.1:6443 answers like a test double (gitVersion v1.32.3-orchestrate-test-double): cannot verify; ' +
        'in 42 s no controller acted on the Deployment and no pod was scheduled',
    );
    expect(j.evidence).to.include('no pod exists for it');
  });
  it('GIVEN a release gitVersion and no controller THEN fail naming kube-controller-manager (never "cannot verify")', () => {
    const j = run('deployment-unobserved.json', 'pods-none.json');
    expect(j.outcome).to.equal('fail');
    expect(j.summary).to.contain('kube-controller-manager is not running or not leading');
  });
  it('GIVEN a vendor gitVersion whose pods run THEN pass: the version alone decides nothing', () => {
    expect(
      run('deployment-observed.json', 'pods-running.json', { gitVersion: 'v1.32.3-eks-1', release: false }).outcome,
    ).to.equal('pass');
  });
  it('GIVEN a non-release gitVersion and a scheduled pod that cannot pull THEN fail, not "cannot verify"', () => {
    expect(run('deployment-observed.json', 'pods-imagepull.json', DOUBLE).outcome).to.equal('fail');
  });
  it("GIVEN an unschedulable pod THEN fail with the scheduler's message", () => {
    const j = run('deployment-observed.json', 'pods-unschedulable.json');
    expect(j.outcome).to.equal('fail');
    expect(j.summary).to.contain('was not scheduled in 42 s: Unschedulable: 0/2 nodes are available');
    expect(j.fix).to.contain('kube-scheduler');
  });
  it('GIVEN ImagePullBackOff THEN fail naming the image and the mirror var', () => {
    const j = run('deployment-observed.json', 'pods-imagepull.json');
    expect(j.summary).to.match(
      /^pod verify-web-6d8f4b7c9-x2k4q on worker-0 is Pending after 42 s: ImagePullBackOff: Back-off pulling image/,
    );
    expect(j.fix).to.contain('cannot pull nginx:1.27').and.contain('verify_image');
  });
  it('GIVEN an observed Deployment without pods THEN fail pointing at the ReplicaSet events', () => {
    const j = run('deployment-observed.json', 'pods-none.json');
    expect(j.summary).to.equal('the Deployment was observed but no pod was created in 42 s');
    expect(j.evidence).to.include(
      '  condition Available: MinimumReplicasUnavailable: Deployment does not have minimum availability.',
    );
  });
  it('pods of other labels are ignored (an API that ignores labelSelector)', () => {
    const other = fixture('pods-running.json').replace(/"app":"orchestrate-verify-web"/, '"app":"other"');
    const j = judgeDeployment(
      sections({
        apply: answer(201, '{}'),
        waited: '5',
        deployment: answer(200, fixture('deployment-observed.json')),
        pods: answer(200, other),
      }),
      ctx,
      FACTS,
    );
    expect(j.outcome).to.equal('fail');
  });
  it('GIVEN the API refuses the Deployment THEN fail with its message', () => {
    const j = judgeDeployment(
      sections({
        apply: answer(404, '{"kind":"Status","message":"namespaces \\"orchestrate-verify\\" not found","code":404}'),
      }),
      ctx,
      FACTS,
    );
    expect(j.outcome).to.equal('fail');
    expect(j.evidence).to.deep.equal(['apply Deployment: HTTP 404: namespaces "orchestrate-verify" not found']);
  });
});
