import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { carryNotes, helpSource } from '../../../../kubernetes/flags/from-help.ts';
import { listedMinors } from '../../../../kubernetes/flags/generate.ts';
import { helpDifferences, parseHelp, renderFlagTsv, type HelpFlag } from '../../../../kubernetes/flags/help.ts';
import { parseFlagList, parseOmissions } from '../../../../kubernetes/flags/tsv.ts';
import { FLAGS_DIR } from '../../roles/control-plane/helpers.ts';

const COMPONENTS = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubelet', 'kube-proxy'] as const;
const captured = (minor: string, component: string): string =>
  readFileSync(join(FLAGS_DIR, 'help', minor, `${component}.txt`), 'utf8');
const flag = (flags: readonly HelpFlag[], name: string): HelpFlag => {
  const f = flags.find((x) => x.name === name);
  if (f === undefined) throw new Error(`--${name} not parsed`);
  return f;
};

describe('control-plane flags: parseHelp on the real 1.36.3 --help', () => {
  const help = Object.fromEntries(COMPONENTS.map((c) => [c, parseHelp(captured('1.36', c))])) as Record<
    (typeof COMPONENTS)[number],
    HelpFlag[]
  >;

  const counts: [string, number, number][] = [
    ['kube-apiserver', 172, 2],
    ['kube-controller-manager', 148, 0],
    ['kube-scheduler', 62, 7],
    ['kubelet', 149, 125],
    ['kube-proxy', 57, 0],
  ];
  for (const [component, total, deprecated] of counts)
    it(`GIVEN ${component}'s --help WHEN parsed THEN ${total} flags, ${deprecated} deprecated, each once`, () => {
      const flags = help[component as (typeof COMPONENTS)[number]];
      expect(flags).to.have.length(total);
      expect(flags.filter((f) => f.deprecated)).to.have.length(deprecated);
      expect(new Set(flags.map((f) => f.name)).size).to.equal(total);
    });

  it('GIVEN a boolean WHEN parsed THEN its type is empty, with and without a printed default', () => {
    expect(flag(help['kube-apiserver'], 'allow-privileged')).to.include({ type: '', default: '', deprecated: false });
    expect(flag(help['kube-scheduler'], 'leader-elect')).to.include({
      type: '',
      default: 'true',
      section: 'Leader election flags',
    });
  });

  it('GIVEN a duration with a default WHEN parsed THEN type and default are split off the usage', () => {
    const f = flag(help['kube-scheduler'], 'authentication-token-webhook-cache-ttl');
    expect(f).to.include({ type: 'duration', default: '10s', deprecated: false, note: '' });
    expect(f.usage).to.equal('The duration to cache responses from the webhook token authenticator.');
  });

  it('GIVEN strings and a quoted string default WHEN parsed THEN the default is as printed', () => {
    expect(flag(help['kube-scheduler'], 'authorization-always-allow-paths')).to.include({
      type: 'strings',
      default: '[/healthz,/readyz,/livez]',
    });
    expect(flag(help['kube-scheduler'], 'leader-elect-resource-lock')).to.include({
      type: 'string',
      default: '"leases"',
    });
    expect(flag(help['kube-apiserver'], 'service-account-key-file').type).to.equal('stringArray');
  });

  it('GIVEN shorthands WHEN parsed THEN -v and -h are kept in the note, names are the long ones', () => {
    expect(flag(help['kube-apiserver'], 'v')).to.include({ type: 'Level', shorthand: 'v', note: 'shorthand -v' });
    expect(flag(help['kube-proxy'], 'help')).to.include({ type: '', shorthand: 'h', note: 'shorthand -h' });
    expect(flag(help['kube-proxy'], 'version').type).to.equal('version[=true]');
  });

  it('GIVEN the three ways --help shows a deprecated flag WHEN parsed THEN each is deprecated with its text', () => {
    // pflag's (DEPRECATED: ...) suffix on a flag that is not hidden
    const admission = flag(help['kube-apiserver'], 'admission-control');
    expect(admission).to.include({ type: 'strings', deprecated: true });
    expect(admission.deprecation).to.equal(
      'Use --enable-admission-plugins or --disable-admission-plugins instead. Will be removed in a future version.',
    );
    expect(admission.usage).to.not.contain('DEPRECATED');
    // the scheduler's "Deprecated flags:" section, usage starting with DEPRECATED:
    expect(flag(help['kube-scheduler'], 'kube-api-qps')).to.include({
      type: 'float32',
      default: '50',
      deprecated: true,
      section: 'Deprecated flags',
    });
    // kubelet: a default, then the suffix; belongs in the --config file
    expect(flag(help.kubelet, 'address')).to.include({
      type: 'ip',
      default: '0.0.0.0',
      deprecated: true,
      note: 'deprecated-as-flag: set via kubelet --config file instead (flag still works)',
    });
  });

  it('GIVEN a usage over several lines WHEN parsed THEN the lines are joined and the default is read from the last', () => {
    expect(flag(help['kube-controller-manager'], 'controllers')).to.include({ type: 'strings', default: '[*]' });
    const gates = flag(help['kube-scheduler'], 'feature-gates');
    expect(gates.type).to.equal('colonSeparatedMultimapStringString');
    expect(gates.usage.split('\n')).to.include('kube:AllAlpha=true|false (ALPHA - default=false)');
    expect(gates.default).to.equal('');
    const min = flag(help['kube-scheduler'], 'min-compatibility-version');
    expect(min.usage.split('\n').at(-1)).to.equal('If the component is not specified, defaults to "kube"');
  });

  it('GIVEN a parsed --help WHEN rendered as a list THEN tsv.ts reads back every flag with its type and deprecation', () => {
    const text = renderFlagTsv('here', help.kubelet);
    const list = parseFlagList(text);
    expect(list.source).to.equal('here');
    expect(list.rows).to.have.length(149);
    expect(list.rows.find((r) => r.name === 'register-with-taints')).to.include({
      type: '[]v1.Taint',
      deprecated: true,
    });
    expect(text).to.contain('\naddress\tip\t0.0.0.0\tyes\tdeprecated-as-flag: ');
    expect(text.split('\n').every((l) => l.split('\t').length === 5 || l.startsWith('#') || l === '')).to.equal(true);
  });
});

describe('control-plane flags: parseHelp on crafted text', () => {
  const text = [
    'A description that mentions',
    '      --not-a-flag   before any section',
    '',
    'Usage:',
    '  kube-x [flags]',
    '',
    'Flags:',
    '      --bare',
    '      --off[=false]                 a boolean whose bare form means false',
    '      --log_dir string              klog spelling (default "/tmp")',
    '      --odd `word` thing            a back-quoted varname with a space',
    '      --gone int                    old (default 3) (DEPRECATED: use --new)',
    '',
  ].join('\n');
  const flags = parseHelp(text);

  it('GIVEN prose above the sections WHEN parsed THEN only the flags under a heading are read', () => {
    expect(flags.map((f) => f.name)).to.deep.equal(['bare', 'off', 'log_dir', 'odd', 'gone']);
  });
  it('GIVEN edge lines WHEN parsed THEN each flag gets its type, default and deprecation', () => {
    expect(flags[0]).to.include({ type: '', usage: '', default: '' });
    expect(flags[1]).to.include({ type: '', usage: 'a boolean whose bare form means false' });
    expect(flags[2]).to.include({ type: 'string', default: '"/tmp"', section: 'Flags' });
    expect(flags[3]!.type).to.equal('`word` thing');
    expect(flags[4]).to.include({ default: '3', deprecated: true, deprecation: 'use --new', usage: 'old' });
    expect(flags[4]!.note).to.equal('deprecated: DEPRECATED: use --new');
  });
});

describe('control-plane flags: helpDifferences', () => {
  const row = (name: string, type: string, deprecated = false) => ({ name, type, deprecated, note: '' });
  const help = parseHelp(
    [
      'Flags:',
      '      --a string   x',
      '      --log_dir string   x',
      '      --c int   x (DEPRECATED: old)',
      '      --d   x',
      '      --e int   x',
    ].join('\n'),
  );

  it('GIVEN lists that disagree with --help WHEN compared THEN every difference is named with its label', () => {
    const diffs = helpDifferences(
      'kube-scheduler 9.9',
      'kube-scheduler',
      [row('a', 'string'), row('log-dir', 'string'), row('c', 'int'), row('hidden', 'int', true), row('gone', '')],
      [row('e', 'strings')],
      help,
    );
    expect(diffs).to.deep.equal([
      'kube-scheduler 9.9: --c is deprecated in --help (old) but not in the TSV',
      'kube-scheduler 9.9: --gone is in the TSV (not deprecated) but --help does not print it',
      'kube-scheduler 9.9: --e is "strings" (readonly string[]) in known-omissions.tsv but --help prints "int" (number)',
      'kube-scheduler 9.9: --d is printed by --help but is in neither the TSV nor known-omissions.tsv',
    ]);
  });

  it('GIVEN a component that is not typed WHEN compared THEN kinds are not compared (its types need no kind)', () => {
    expect(helpDifferences('kubelet 9.9', 'kubelet', [row('e', 'RuntimeDefault')], [], help.slice(4))).to.deep.equal(
      [],
    );
  });
});

describe('control-plane flags: lists written from --help', () => {
  it('GIVEN a boolean with a back-quoted word WHEN its note is carried from the previous list THEN it is kept', () => {
    const prev =
      '# source: x\nseccomp-default\tRuntimeDefault\t\tno\tboolean flag: pflag shows the word\nv\tint\t\tno\tshorthand -v\n';
    const flags = parseHelp('Flags:\n      --seccomp-default RuntimeDefault   x\n  -v, --v Level   y\n');
    expect(carryNotes(flags, prev).map((f) => f.note)).to.deep.equal([
      'boolean flag: pflag shows the word',
      'shorthand -v',
    ]);
  });

  it('GIVEN a version and its binary WHEN the source line is made THEN it names --version and the hidden-flag caveat', () => {
    const s = helpSource('kubelet', 'Kubernetes v1.37.2\n', '/m/1.37.2/amd64/kubelet', '1.36');
    expect(s).to.match(/^kubelet --version: "Kubernetes v1\.37\.2" \(\/m\/1\.37\.2\/amd64\/kubelet/);
    expect(s).to.contain('read from its --help');
    expect(s).to.contain('MarkDeprecated');
  });

  for (const minor of listedMinors(FLAGS_DIR))
    for (const component of COMPONENTS) {
      const file = join(FLAGS_DIR, 'help', minor, `${component}.txt`);
      const title = existsSync(file)
        ? `GIVEN ${component} ${minor}'s captured --help WHEN compared with its list THEN they agree`
        : `${component} ${minor}: skipped, no captured --help (test/fixtures/flags/help/${minor}/ is absent: no ${minor} binary has run here)`;
      it(title, function () {
        if (!existsSync(file)) this.skip();
        const list = parseFlagList(readFileSync(join(FLAGS_DIR, minor, `${component}.tsv`), 'utf8'));
        const omissions = parseOmissions(
          readFileSync(join(FLAGS_DIR, 'known-omissions.tsv'), 'utf8'),
          component,
          minor,
        );
        const diffs = helpDifferences(
          `${component} ${minor}`,
          component,
          list.rows,
          omissions,
          parseHelp(captured(minor, component)),
        );
        expect(diffs, diffs.join('\n')).to.deep.equal([]);
      });
    }

  it('GIVEN the captured texts WHEN listed THEN every minor directory holds the five components', () => {
    for (const minor of readdirSync(join(FLAGS_DIR, 'help')))
      expect(readdirSync(join(FLAGS_DIR, 'help', minor)).sort()).to.deep.equal(
        COMPONENTS.map((c) => `${c}.txt`).sort(),
      );
  });
});
