import { expect } from 'chai';
import { classifyConnectError, connectError, isRetryable } from '../../../src/connection/connect-errors.ts';
import { OrchestrateError } from '../../../src/errors.ts';

const err = (message: string, extra: Record<string, unknown>): Error => Object.assign(new Error(message), extra);
const ctx = {
  label: 'web1',
  address: '192.0.2.10',
  port: 2222,
  user: 'deploy',
  timeoutMs: 10_000,
  tried: ['publickey /k/id'],
};

describe('connection/connect-errors', () => {
  const table: [Error, string, boolean][] = [
    [err('connect ECONNREFUSED 192.0.2.10:2222', { code: 'ECONNREFUSED' }), 'refused', true],
    [err('Timed out while waiting for handshake', { level: 'client-timeout' }), 'timeout', true],
    [err('read ECONNRESET', { code: 'ECONNRESET' }), 'reset', true],
    [err('connect EHOSTUNREACH', { code: 'EHOSTUNREACH' }), 'no-route', false],
    [err('getaddrinfo ENOTFOUND x', { code: 'ENOTFOUND' }), 'dns', false],
    [err('All configured authentication methods failed', { level: 'client-authentication' }), 'auth', false],
    [err('Connection lost before handshake', { level: 'protocol' }), 'lost', true],
  ];
  for (const [e, kind, retry] of table) {
    it(`${e.message} -> ${kind}, retried: ${retry}`, () => {
      expect(classifyConnectError(e)).to.equal(kind);
      expect(isRetryable(e)).to.equal(retry);
    });
  }

  it('never retries an OrchestrateError (host key, key files)', () => {
    expect(isRetryable(new OrchestrateError('HOST_KEY_MISMATCH', 'x'))).to.equal(false);
  });

  it('names host, endpoint, cause and attempts in UNREACHABLE', () => {
    const e = connectError(table[0]?.[0], ctx, 3);
    expect(e.code).to.equal('UNREACHABLE');
    expect(e.message).to.equal('web1: cannot connect to 192.0.2.10:2222: connection refused (after 3 attempts)');
    expect(e.fix).to.contain('port 2222');
    expect(e.cause).to.equal(table[0]?.[0]);
  });

  it('lists the auth methods tried', () => {
    const e = connectError(table[5]?.[0], { ...ctx, via: 'via jump host b:22' }, 1);
    expect(e.message).to.equal(
      'web1: cannot connect to 192.0.2.10:2222 via jump host b:22: authentication failed for user deploy (tried: publickey /k/id)',
    );
  });
});
