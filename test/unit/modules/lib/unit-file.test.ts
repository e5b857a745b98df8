import { expect } from 'chai';
import fc from 'fast-check';
import { execLine, execLines, execWord, renderUnitFile } from '../../../../src/modules/lib/unit-file.ts';
import { isOrchestrateError } from '../../../../src/errors.ts';

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

describe('modules/lib/unit-file', () => {
  const table: [string, string][] = [
    ['--v=2', '--v=2'],
    [
      '--etcd-servers=https://10.240.0.10:2379,https://10.240.0.11:2379',
      '--etcd-servers=https://10.240.0.10:2379,https://10.240.0.11:2379',
    ],
    ['--x=100%', '--x=100%%'],
    ['--x=$HOME', '--x=$$HOME'],
    ['--x=a b', '"--x=a b"'],
    ['--x=say "hi"', `'--x=say "hi"'`],
    [`--x=it's "so"`, `"--x=it's \\"so\\""`],
    ['--x=a\\b', '"--x=a\\\\b"'],
    ['a;b', '"a;b"'],
    ['line\nbreak', '"line\\nbreak"'],
    ['', '""'],
  ];
  for (const [word, want] of table)
    it(`GIVEN ${JSON.stringify(word)} WHEN written as a command word THEN ${want}`, () => {
      expect(execWord(word)).to.equal(want);
    });

  it('GIVEN any word WHEN written and read back as systemd reads ExecStart THEN it is the same one word', () => {
    const chars = fc.constantFrom(...'ab %$"\'\\;\t\n=-/{}'.split(''));
    fc.assert(
      fc.property(fc.array(fc.string({ unit: chars })), fc.string({ unit: chars }), (words, binary) => {
        const unit = renderUnitFile({ unit: [], service: [['ExecStart', execLines(`/bin/${binary}`, words)]] });
        expect(readExecStart(execStartOf(unit))).to.deep.equal([`/bin/${binary}`, ...words]);
      }),
    );
  });

  it('GIVEN a sh -c script with double quotes and $ WHEN written THEN single-quoted, every $ doubled', () => {
    const unit = renderUnitFile({
      unit: [],
      service: [['ExecStart', execLine(['/bin/sh', '-c', 'for f in /x/*; do [ -f "$f" ] || continue; done'])]],
    });
    expect(execStartOf(unit)).to.equal(`/bin/sh -c 'for f in /x/*; do [ -f "$$f" ] || continue; done'`);
  });

  it('GIVEN sections, a prefixed command and a continued one WHEN rendered THEN blank lines between sections', () => {
    const unit = renderUnitFile({
      header: '# managed',
      unit: [['Description', 'demo']],
      service: [
        ['ExecStartPre', execLine(['/sbin/modprobe', 'overlay'], '-')],
        ['ExecStart', execLines('/usr/bin/demo', ['--a=1', ['--name', 'x y']])],
        ['Environment', 'A=1'],
        ['Environment', 'B=2'],
      ],
      install: [['WantedBy', 'multi-user.target']],
    });
    expect(unit).to.equal(
      [
        '# managed',
        '[Unit]',
        'Description=demo',
        '',
        '[Service]',
        'ExecStartPre=-/sbin/modprobe overlay',
        'ExecStart=/usr/bin/demo \\',
        '  --a=1 \\',
        '  --name "x y"',
        'Environment=A=1',
        'Environment=B=2',
        '',
        '[Install]',
        'WantedBy=multi-user.target',
        '',
      ].join('\n'),
    );
  });

  it('GIVEN no [Install] WHEN rendered THEN the file ends after [Service]', () => {
    expect(renderUnitFile({ unit: [], service: [['Type', 'oneshot']] })).to.equal(
      '[Unit]\n\n[Service]\nType=oneshot\n',
    );
  });

  const refused: [string, Parameters<typeof renderUnitFile>[0]][] = [
    ['a value with a newline', { unit: [['Description', 'a\nExecStart=/bin/evil']], service: [] }],
    ['a bad directive name', { unit: [['Desc ription', 'x']], service: [] }],
    ['a command without words', { unit: [], service: [['ExecStart', { lines: [] }]] }],
  ];
  for (const [what, spec] of refused)
    it(`GIVEN ${what} WHEN rendered THEN PLAYBOOK_INVALID`, () => {
      expect(() => renderUnitFile(spec))
        .to.throw()
        .that.satisfies((e: unknown) => isOrchestrateError(e, 'PLAYBOOK_INVALID'));
    });
});
