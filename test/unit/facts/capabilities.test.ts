import { expect } from 'chai';
import { CAPABILITY, hasCapability } from '../../../src/facts/capabilities.ts';

describe('facts/capabilities', () => {
  it('GIVEN a full bounding set THEN SYS_RESOURCE is there', () => {
    expect(hasCapability('000001ffffffffff', CAPABILITY.SYS_RESOURCE)).to.equal(true);
  });

  it('GIVEN a set without bit 24 (a sandbox that drops it) THEN SYS_RESOURCE is not, SYS_ADMIN is', () => {
    expect(hasCapability('000001fffeffffff', CAPABILITY.SYS_RESOURCE)).to.equal(false);
    expect(hasCapability('000001fffeffffff', CAPABILITY.SYS_ADMIN)).to.equal(true);
  });

  it('GIVEN no or garbled output THEN unknown, never a guess', () => {
    expect(hasCapability(undefined, CAPABILITY.SYS_RESOURCE)).to.equal(undefined);
    expect(hasCapability('zz', CAPABILITY.SYS_RESOURCE)).to.equal(undefined);
  });
});
