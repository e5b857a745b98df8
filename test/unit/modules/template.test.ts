import { expect } from 'chai';
import { containsSecret, template } from '../../../src/modules/template.ts';
import { Secret, SECRET_MASK, secret } from '../../../src/secret.ts';
import { isOrchestrateError } from '../../../src/errors.ts';
import type { WriteStep } from '../../../src/modules/types.ts';
import * as cap from './captured.ts';
import { CHECK, DIFF, summaries } from './plan.ts';

interface Vars {
  readonly port: number;
  readonly greeting: string;
}
const render = (v: Vars): string => `PORT=${v.port}\nGREETING=${v.greeting}\n`;

describe('modules/template', () => {
  const cases: { given: string; vars: Vars; probe: string; then: string[] }[] = [
    {
      given: 'the host has the rendered text',
      vars: { port: 8080, greeting: 'hi' },
      probe: cap.fileWith('PORT=8080\nGREETING=hi\n'),
      then: [],
    },
    {
      given: 'other vars',
      vars: { port: 9090, greeting: 'hi' },
      probe: cap.fileWith('PORT=8080\nGREETING=hi\n'),
      then: ['write: /etc/demo.conf 0644'],
    },
    { given: 'no file yet', vars: { port: 1, greeting: '' }, probe: cap.ABSENT, then: ['write: /etc/demo.conf 0644'] },
  ];
  for (const c of cases)
    it(`GIVEN ${c.given} WHEN planned THEN ${c.then.length === 0 ? 'no steps' : c.then.join('; ')}`, () => {
      const a = template({ path: '/etc/demo.conf', render, vars: c.vars });
      expect(a.module.id).to.equal('template');
      expect(summaries(a.module.plan(a.params, a.module.parse(c.probe, a.params), CHECK))).to.deep.equal(c.then);
    });

  it('GIVEN a change WHEN planned with --diff THEN the diff shows the rendered lines', () => {
    const a = template({ path: '/etc/demo.conf', render, vars: { port: 9090, greeting: 'hi' } });
    const [step] = a.module.plan(
      a.params,
      a.module.parse(cap.fileWith('PORT=8080\nGREETING=hi\n'), a.params),
      DIFF,
    ) as WriteStep[];
    expect(step!.diff).to.include('-PORT=8080\n+PORT=9090\n GREETING=hi');
  });

  it('GIVEN a Secret among the vars WHEN planned with --diff THEN the probe skips old content and the diff is masked', () => {
    const a = template({
      path: '/etc/token.conf',
      render: (v: { token: Secret }) => `TOKEN=${v.token.reveal()}\n`,
      vars: { token: secret('tok-abcdef-123456') },
    });
    expect(a.module.probe(a.params, DIFF)).not.to.include('base64');
    const [step] = a.module.plan(a.params, a.module.parse(cap.FILE_NO_CONTENT, a.params), DIFF) as WriteStep[];
    expect(step!.diff).to.include(SECRET_MASK).and.not.include('tok-abcdef');
    expect(step!.source).to.have.property('content').that.is.instanceOf(Secret);
  });

  it('GIVEN nested vars WHEN scanned for secrets THEN a deep Secret is found, plain data is not', () => {
    expect(containsSecret({ a: [{ b: secret('zzzz-1') }] })).to.equal(true);
    expect(containsSecret({ a: [1, 'x', null, Buffer.from('y')] })).to.equal(false);
  });

  it('GIVEN a render function that throws WHEN built THEN PLAYBOOK_INVALID with the cause', () => {
    const boom = (): string => {
      throw new Error('no such var');
    };
    expect(() => template({ path: '/etc/x', render: boom, vars: {} }))
      .to.throw(/no such var/)
      .that.satisfies((e: unknown) => isOrchestrateError(e, 'PLAYBOOK_INVALID'));
  });
});
