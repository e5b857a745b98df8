import { expect } from 'chai';
import fc from 'fast-check';
import { mask, secret, SECRET_MASK } from '../../../src/secret.ts';

/** The plain definition mask() must keep: every registered value, in registration order, split out. */
function naive(text: string, registered: readonly string[]): string {
  let out = text;
  for (const s of registered) if (out.includes(s)) out = out.split(s).join(SECRET_MASK);
  return out;
}

describe('secret mask (property)', () => {
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
