import { expect } from 'chai';
import { flagValue, isLoopback } from '../../../../kubernetes/doctor/probe-lib.ts';

describe('kubernetes/doctor/probe-lib: the shared snippets and their parsers', () => {
  it('flagValue: the last occurrence wins, as with Go flags', () => {
    expect(flagValue(['--v=2', '--v', '4'], 'v')).to.equal('4');
    expect(flagValue(['--v', '--other'], 'v')).to.equal(undefined);
  });

  it('isLoopback: 127/8 and ::1 only', () => {
    expect(['127.0.0.53', '127.0.0.1', '::1'].map(isLoopback)).to.deep.equal([true, true, true]);
    expect(['10.240.0.1', '1.1.1.1', '128.0.0.1'].map(isLoopback)).to.deep.equal([false, false, false]);
  });
});
