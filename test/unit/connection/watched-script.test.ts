import { expect } from 'chai';
import { scriptCommand } from '../../../src/connection/watched-script.ts';

describe('connection/watched-script (the command)', () => {
  it('wraps the watched shell in sudo -n only for a non-root user that becomes', () => {
    expect(scriptCommand('deploy', true, 300_000, 10)).to.match(/^sudo -n -- sh -c '.*timeout -k 5 301 sh -s/s);
    expect(scriptCommand('root', true, 500, 10)).to.match(/^sh -c '.*timeout -k 5 2 sh -s/s);
    expect(scriptCommand('deploy', false, 1000, 10)).to.match(/^sh -c /);
  });
});
