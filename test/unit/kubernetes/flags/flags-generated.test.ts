import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kindOf, renderFlagModule, typeName } from '../../../../kubernetes/flags/emit.ts';
import { FLAGS_DIR as LISTS, generateFlagModules, OUT_DIR } from '../../../../kubernetes/flags/generate.ts';
import { parseFlagList, parseOmissions } from '../../../../kubernetes/flags/tsv.ts';
import { FLAGS_DIR, MINORS, realFlagNames } from '../../roles/control-plane/helpers.ts';

describe('control-plane flags: the generated modules', function () {
  this.timeout(20_000);

  it('GIVEN the committed modules WHEN generated afresh from test/fixtures/flags THEN they are byte for byte the same', async () => {
    expect(LISTS).to.equal(FLAGS_DIR);
    const fresh = await generateFlagModules();
    const committed = readdirSync(OUT_DIR).filter((f) => /^kube-.*-\d+\.\d+\.ts$/.test(f) || f === 'index.ts');
    expect([...fresh.keys()].sort()).to.deep.equal(committed.sort());
    for (const [name, text] of fresh)
      expect(readFileSync(join(OUT_DIR, name), 'utf8'), `${name}: run npx tsx kubernetes/flags/generate.ts`).to.equal(
        text,
      );
  });

  for (const component of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'])
    for (const minor of MINORS)
      it(`GIVEN ${component} ${minor} WHEN its module is read THEN it declares every real flag but help and version, and no other`, () => {
        const text = readFileSync(join(OUT_DIR, `${component}-${minor}.ts`), 'utf8');
        expect(text).to.contain(`export type ${typeName(component, minor)} = Partial<{`);
        const declared = [...text.matchAll(/^ {2}'?([a-z0-9-]+)'?: /gm)].map((m) => m[1]!);
        const want = [...realFlagNames(component, minor)].filter((n) => n !== 'help' && n !== 'version');
        expect([...declared].sort()).to.deep.equal(want.sort());
      });
});

describe('control-plane flags: kinds and lists', () => {
  const table: [string, string][] = [
    ['', 'boolean'],
    ['bool', 'boolean'],
    ['int', 'number'],
    ['int32', 'number'],
    ['float', 'number'],
    ['string', 'string'],
    ['duration', 'string'],
    ['quantity', 'string'],
    ["<a string in the form 'N1-N2'>", 'string'],
    ['strings', 'readonly string[]'],
    ['int32Slice', 'readonly number[]'],
    ['stringToString', 'Readonly<Record<string, string | number | boolean>>'],
    ['colonSeparatedMultimapStringString', 'Readonly<Record<string, string | number | boolean>>'],
    ["<comma-separated 'key=value' pairs>", 'Readonly<Record<string, string | number | boolean>>'],
    ['pattern=N,...', 'Readonly<Record<string, string | number | boolean>>'],
  ];
  for (const [type, kind] of table)
    it(`GIVEN type ${JSON.stringify(type)} WHEN mapped THEN the kind is ${kind}`, () => {
      expect(kindOf(type)).to.equal(kind);
    });

  it('GIVEN a type the generator does not know WHEN mapped THEN it refuses, naming the file to extend', () => {
    expect(() => kindOf('[]v1.Taint')).to.throw(/no TypeScript kind: add it to kubernetes\/flags\/emit.ts/);
  });

  it('GIVEN the omissions WHEN read for kube-apiserver 1.32 THEN the single-flag rows come back, the prose row does not', () => {
    const rows = parseOmissions(readFileSync(join(FLAGS_DIR, 'known-omissions.tsv'), 'utf8'), 'kube-apiserver', '1.32');
    expect(rows.map((r) => r.name).sort()).to.deep.equal([
      'admission-control',
      'apiserver-count',
      'enable-logs-handler',
      'log-json-info-buffer-size',
      'log-json-split-stream',
    ]);
    expect(rows.find((r) => r.name === 'apiserver-count')!.deprecated).to.equal(true);
    expect(rows.find((r) => r.name === 'log-json-split-stream')!.type).to.equal('');
  });

  it('GIVEN a deprecated and an omitted flag WHEN a module is rendered THEN both carry a doc comment', () => {
    const list = parseFlagList(
      '# source: here\n# flag\ttype\n' + 'a-b\tstring\t\tyes\tDEPRECATED: x\nplain\t\t\tno\t\n',
    );
    const text = renderFlagModule('kube-x', '9.9', list.source, list.rows, [
      { name: 'hidden', type: 'int', deprecated: false, note: 'why' },
    ]);
    expect(list.source).to.equal('here');
    expect(text).to.contain("  /** @deprecated */\n  'a-b': string;");
    expect(text).to.contain(
      '  /** Not on the reference page (test/fixtures/flags/known-omissions.tsv). */\n  hidden: number;',
    );
    expect(text).to.contain('  plain: boolean;');
    expect(text).to.contain('export type KubeXFlags99 = Partial<{');
  });
});
