import { expect } from 'chai';
import { mask, registerSecret, SECRET_MASK } from '../../../src/secret.ts';

describe('secret mask', () => {
  it('GIVEN a key registered whole and line by line WHEN masked THEN whole, partial and repeated copies are gone', () => {
    const key = `-----BEGIN MASK TEST KEY-----\n${'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'.repeat(2)}\n${'Zm9vYmFyYmF6cXV4cXV1eA'.repeat(3)}\n-----END MASK TEST KEY-----`;
    registerSecret(key);
    const line = key.split('\n')[2]!;
    // Other tests register values too (the registry is the process's): assert what holds whatever they are.
    const twice = mask(`a ${key} b ${key}`);
    for (const l of key.split('\n')) expect(twice).not.to.include(l);
    expect(twice).to.match(/^a \*+[\s*]*b \*+[\s*]*$/);
    expect(mask(`only "${line}" leaked`)).to.equal(`only "${SECRET_MASK}" leaked`);
    expect(mask('nothing here, ☃')).to.equal('nothing here, ☃');
  });
});
