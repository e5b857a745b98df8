import { expect } from 'chai';
import fc from 'fast-check';
import { execLines, renderUnitFile } from '../../../../src/modules/lib/unit-file.ts';

const C_ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', "'": "'", n: '\n', r: '\r', t: '\t' };

/**
 * A reader of an ExecStart value as systemd.service documents it: continuation lines joined, `%%` -> `%`,
 * words split at blanks, quotes removed with C escapes read inside and out, then `$$` -> `$` per word.
 * Throws on anything systemd would expand or warn about, so a round trip proves the word is literal.
 */
function readExecStart(value: string): string[] {
  const line = value.replace(/ \\\n {2}/g, ' ');
  if (line.replace(/%%/g, '').includes('%')) throw new Error(`unescaped specifier in ${line}`);
  const text = line.replace(/%%/g, '%');
  const words: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === ' ') {
      i++;
      continue;
    }
    let word = '';
    const quote = text[i] === '"' || text[i] === "'" ? text[i++] : undefined;
    for (;;) {
      const c = text[i];
      if (c === undefined) {
        if (quote !== undefined) throw new Error(`unterminated quote in ${text}`);
        break;
      }
      if (quote === undefined && c === ' ') break;
      if (c === quote) {
        i++;
        if (i < text.length && text[i] !== ' ') throw new Error(`closing quote not followed by a blank in ${text}`);
        break;
      }
      if (c === '\\') {
        const e = C_ESCAPES[text[i + 1] ?? ''];
        if (e === undefined) throw new Error(`unknown escape in ${text}`);
        word += e;
        i += 2;
        continue;
      }
      if (quote === undefined && (c === '"' || c === "'" || c === ';')) throw new Error(`bare ${c} in ${text}`);
      word += c;
      i++;
    }
    if (word.replace(/\$\$/g, '').includes('$')) throw new Error(`unescaped $ in ${word}`);
    words.push(word.replace(/\$\$/g, '$'));
  }
  return words;
}

const execStartOf = (unit: string): string => /^ExecStart=((?:.*\\\n)*.*)$/m.exec(unit)![1]!;

describe('modules/lib/unit-file (property)', () => {
  it('GIVEN any word WHEN written and read back as systemd reads ExecStart THEN it is the same one word', () => {
    const chars = fc.constantFrom(...'ab %$"\'\\;\t\n=-/{}'.split(''));
    fc.assert(
      fc.property(fc.array(fc.string({ unit: chars })), fc.string({ unit: chars }), (words, binary) => {
        const unit = renderUnitFile({ unit: [], service: [['ExecStart', execLines(`/bin/${binary}`, words)]] });
        expect(readExecStart(execStartOf(unit))).to.deep.equal([`/bin/${binary}`, ...words]);
      }),
    );
  });
});
