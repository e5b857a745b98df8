import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fingerprint, keyTypeLabel, keyTypeOf } from '../../../src/connection/fingerprint.ts';

const dir = fileURLToPath(new URL('../../fixtures/known_hosts/', import.meta.url));
const names = ['ka', 'kb', 'kc', 'kd', 'ke', 'krsa', 'kecdsa'];

describe('connection/fingerprint', () => {
  const expected = readFileSync(dir + 'keys.fingerprints', 'utf8')
    .trim()
    .split('\n');

  names.forEach((name, i) => {
    it(`equals ssh-keygen -lf for ${name}.pub, type label included`, () => {
      const [type, b64] = readFileSync(`${dir}keys/${name}.pub`, 'utf8').split(' ');
      const key = Buffer.from(b64 ?? '', 'base64');
      const line = expected[i]?.split(' ') ?? [];
      expect(fingerprint(key)).to.equal(line[1]);
      expect(keyTypeOf(key)).to.equal(type);
      expect(`(${keyTypeLabel(type ?? '')})`).to.equal(line[line.length - 1]);
    });
  });

  it('returns undefined for a blob too short to name a type', () => {
    expect(keyTypeOf(Buffer.from([0, 0, 0, 9, 1]))).to.equal(undefined);
    expect(keyTypeOf(Buffer.alloc(0))).to.equal(undefined);
  });
});
