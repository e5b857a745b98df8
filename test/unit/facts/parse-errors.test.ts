import { expect } from 'chai';
import { isOrchestrateError, type OrchestrateError } from '../../../src/errors.ts';
import { parseFacts } from '../../../src/facts/parse.ts';
import { fixture } from './fixtures.ts';

/** Runs parseFacts and returns the PROBE_INVALID it throws. */
function probeError(stdout: string): OrchestrateError {
  try {
    parseFacts(stdout, new Date());
  } catch (err) {
    if (isOrchestrateError(err, 'PROBE_INVALID')) return err;
    throw err;
  }
  throw new Error('parseFacts did not throw');
}

describe('facts/parse errors', () => {
  describe('PROBE_INVALID names the section', () => {
    const good = fixture('debian12Plain');
    const cases: [string, string, RegExp][] = [
      [
        'empty hostname',
        good.replace('@@facts hostname\nworker-0\n', '@@facts hostname\n'),
        /section "hostname" is empty/,
      ],
      ['missing kernel section', good.replace('@@facts kernel\n', ''), /section "kernel" is missing/],
      ['empty arch', good.replace('@@facts arch\narm64\n', '@@facts arch\n'), /section "arch" is empty/],
      ['output cut short', good.slice(0, good.indexOf('@@facts swaps')), /section "end" is missing/],
      ['no output at all', '', /section "end" is missing/],
      [
        'broken ip JSON',
        good.replace(/@@facts ip-route-json\n.*\n/, '@@facts ip-route-json\n[{"dst":\n'),
        /section "ip-route-json" cannot be parsed/,
      ],
      ['neither ip form', good.replace(/@@facts ip-addr-json\n.*\n/, ''), /section "ip-addr-text" is missing/],
    ];
    for (const [title, stdout, message] of cases) {
      it(title, () => {
        // GIVEN damaged output  WHEN parsed  THEN PROBE_INVALID with the section and a fix
        const err = probeError(stdout);
        expect(err.message).to.match(message);
        expect(err.fix).to.be.a('string');
      });
    }
  });
});
