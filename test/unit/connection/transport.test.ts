import { expect } from 'chai';
import { expandProxyCommand, parseJump } from '../../../src/connection/transport.ts';

describe('connection/transport', () => {
  describe('expandProxyCommand', () => {
    it('replaces %h %p %r and %% like OpenSSH', () => {
      expect(expandProxyCommand('nc %h %p # %r 100%%', { address: '10.1.2.3', port: 2222, user: 'root' })).to.equal(
        'nc 10.1.2.3 2222 # root 100%',
      );
    });

    it('quotes a host that is not a plain word, so it cannot inject shell', () => {
      expect(expandProxyCommand('nc %h %p', { address: 'a;rm -rf /', port: 22, user: 'u' })).to.equal(
        "nc 'a;rm -rf /' 22",
      );
    });
  });

  describe('parseJump', () => {
    const cases: [string, { user: string; address: string; port: number }][] = [
      ['bastion', { user: 'me', address: 'bastion', port: 22 }],
      ['ops@bastion', { user: 'ops', address: 'bastion', port: 22 }],
      ['ops@bastion:2200', { user: 'ops', address: 'bastion', port: 2200 }],
      ['10.0.0.1:2200', { user: 'me', address: '10.0.0.1', port: 2200 }],
      ['ops@[fd00::1]:2200', { user: 'ops', address: 'fd00::1', port: 2200 }],
      ['[fd00::1]', { user: 'me', address: 'fd00::1', port: 22 }],
    ];
    for (const [spec, want] of cases) {
      it(`parses ${spec}`, () => {
        expect(parseJump(spec, 'me')).to.deep.equal(want);
      });
    }

    it('rejects what is not [user@]host[:port]', () => {
      expect(() => parseJump('a:b:c', 'me')).to.throw('[user@]host[:port]');
      expect(() => parseJump('@host', 'me')).to.throw();
    });
  });
});
