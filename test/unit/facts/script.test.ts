import { expect } from 'chai';
import { factsScript } from '../../../src/facts/script.ts';

describe('facts/script', () => {
  it('is one brace group on /dev/null, so no command can read the rest of the script', () => {
    const lines = factsScript().trimEnd().split('\n');
    expect(lines[0]).to.equal('{');
    expect(lines.slice(-2)).to.deep.equal(['} </dev/null', 'exit 0']);
  });
});
