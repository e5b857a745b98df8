import { expect } from 'chai';
import { LockedScriptReader, RAN_MARKER } from '../../../src/connection/locked-script.ts';

describe('connection/host-lock (reading the locked channel)', () => {
  it('LockedScriptReader waits for the marker across chunks and keeps output without a final newline', () => {
    const r = new LockedScriptReader();
    expect(r.push(Buffer.from('abc'))).to.equal(undefined);
    expect(r.push(Buffer.from(`\n${RAN_MARKER.slice(0, 5)}`))).to.equal(undefined);
    expect(r.push(Buffer.from(`${RAN_MARKER.slice(5)} 0\n`))).to.equal(0);
    expect(r.output()).to.equal('abc');
  });
});
