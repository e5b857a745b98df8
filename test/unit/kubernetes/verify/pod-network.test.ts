import { expect } from 'chai';
import { judgePodNetwork, podNetworkTest } from '../../../../kubernetes/verify/tests/pod-network.ts';
import { answer, FACTS, sections, testContext } from './helpers.ts';

const ctx = testContext();
const netPod = (node: string, phase = 'Succeeded') =>
  answer(200, JSON.stringify({ metadata: { name: 'verify-pod-net' }, spec: { nodeName: node }, status: { phase } }));
const url = `http://${FACTS.pod!.ip}:80/`;

describe('kubernetes/verify pod-network', () => {
  it('GIVEN the client pod on another worker fetched the page THEN pass, naming both nodes', () => {
    const j = judgePodNetwork(
      sections({
        apply: answer(201, '{}'),
        pod: netPod('worker-0'),
        log: answer(200, `pod-network: reached ${url}\n`),
      }),
      FACTS,
    );
    expect(j.outcome).to.equal('pass');
    expect(j.summary).to.contain('on worker-0 reached').and.contain(`on ${FACTS.pod!.node}`);
  });

  it('GIVEN the fetch failed THEN fail pointing at the pod routes', () => {
    const j = judgePodNetwork(
      sections({
        apply: answer(201, '{}'),
        pod: netPod('worker-0'),
        log: answer(200, `pod-network: failed ${url} (exit 1)\n`),
      }),
      FACTS,
    );
    expect(j.outcome).to.equal('fail');
    expect(j.fix).to.contain('pod-routes');
  });

  it("GIVEN the client pod landed on the web pod's own node THEN no pass (nothing crossed nodes)", () => {
    const j = judgePodNetwork(
      sections({
        apply: answer(201, '{}'),
        pod: netPod(FACTS.pod!.node),
        log: answer(200, `pod-network: reached ${url}\n`),
      }),
      FACTS,
    );
    expect(j.outcome).to.equal('fail');
  });

  it('GIVEN one worker only THEN the script declines with the reason', () => {
    const one = {
      ...ctx,
      model: { ...ctx.model, workers: ctx.model.workers.filter((w) => w.name === FACTS.pod!.node) },
    };
    const s = podNetworkTest.script(one, FACTS);
    expect(typeof s === 'object' && s.skip).to.contain('one worker');
  });

  it('GIVEN two workers THEN the client pod is pinned to the other one', () => {
    const s = podNetworkTest.script(ctx, FACTS);
    expect(typeof s).to.equal('string');
    const other = ctx.model.workers.find((w) => w.name !== FACTS.pod!.node)!.name;
    expect(s as string).to.contain(`"nodeName":"${other}"`);
  });
});
