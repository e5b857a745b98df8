import { expect } from 'chai';
import { execLine, execLines, execWord, renderUnitFile } from '../../../../src/modules/lib/unit-file.ts';
import { isOrchestrateError } from '../../../../src/errors.ts';

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
