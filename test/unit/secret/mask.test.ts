import { expect } from 'chai';
import fc from 'fast-check';
import { mask, registerSecret, secret, SECRET_MASK } from '../../../src/secret.ts';

/** The plain definition mask() must keep: every registered value, in registration order, split out. */
function naive(text: string, registered: readonly string[]): string {
  let out = text;
  for (const s of registered) if (out.includes(s)) out = out.split(s).join(SECRET_MASK);
  return out;
}

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

  it('GIVEN random secrets and texts built from them WHEN masked THEN the result equals the one-by-one definition', () => {
    const registered: string[] = [];
    // Characters no other test's secret or text holds: these values cannot touch them, nor they these.
    const word = fc.string({ unit: fc.constantFrom('ж', 'ю', '☃', '\u2028'), minLength: 4, maxLength: 12 });
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 4 }),
        fc.array(fc.string({ unit: fc.constantFrom('ж', 'ю', '☃', 'q'), maxLength: 6 }), { maxLength: 6 }),
        (secrets, glue) => {
          for (const s of secrets) {
            secret(s);
            if (!registered.includes(s)) registered.push(s);
          }
          const text = glue.map((g, i) => g + (secrets[i % secrets.length] ?? '')).join('');
          expect(mask(text)).to.equal(naive(text, registered));
        },
      ),
      { numRuns: 300 },
    );
  });
});
