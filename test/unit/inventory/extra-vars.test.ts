import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { parseExtraVars } from '../../../src/inventory/extra-vars.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { caught } from './helpers.ts';

describe('inventory/extra-vars', () => {
  const dir = tempDir('orchestrate-extra-');
  writeFileSync(join(dir, 'vars.yaml'), 'version: "1.32"\nnodes: [a, b]\n');
  writeFileSync(join(dir, 'vars.json'), '{"debug": true}');
  writeFileSync(join(dir, 'list.yaml'), '- a\n');
  writeFileSync(join(dir, 'broken.json'), '{"a": ');
  writeFileSync(join(dir, 'empty.yml'), '');
  writeFileSync(join(dir, 'vars.txt'), 'a=1');

  describe('GIVEN valid -e arguments', () => {
    const cases: [string[], Record<string, unknown>][] = [
      [['a=1'], { a: '1' }],
      [['a=1 b=two'], { a: '1', b: 'two' }],
      [['msg="hello world" x=\'y z\''], { msg: 'hello world', x: 'y z' }],
      [['eq=a=b'], { eq: 'a=b' }],
      [['empty='], { empty: '' }],
      [['esc=a\\ b'], { esc: 'a b' }],
      [['{"port": 2222, "tags": ["x"]}'], { port: 2222, tags: ['x'] }],
      [['{port: 2222}'], { port: 2222 }],
      [['@vars.yaml'], { version: '1.32', nodes: ['a', 'b'] }],
      [['@vars.json', 'debug=no'], { debug: 'no' }],
      [['@empty.yml'], {}],
      [['a=1', 'a=2 b=3'], { a: '2', b: '3' }],
      [[], {}],
    ];
    for (const [args, want] of cases)
      it(`WHEN -e ${args.map((a) => JSON.stringify(a)).join(' -e ')} THEN ${JSON.stringify(want)}`, () => {
        expect(parseExtraVars(args, { cwd: dir })).to.deep.equal(want);
      });
  });

  describe('GIVEN invalid -e arguments', () => {
    const cases: [string, string, RegExp][] = [
      ['novalue', 'OPTIONS_INVALID', /-e "novalue": "novalue" is not key=value/],
      ['=1', 'OPTIONS_INVALID', /is not key=value/],
      ['a="open', 'OPTIONS_INVALID', /-e "a=\\"open": has an unclosed "/],
      ['', 'OPTIONS_INVALID', /-e "": is empty/],
      ['@missing.yaml', 'OPTIONS_INVALID', /-e "@missing.yaml": .*missing\.yaml does not exist/],
      ['@vars.txt', 'OPTIONS_INVALID', /vars\.txt is not a \.yaml, \.yml or \.json file/],
      ['@', 'OPTIONS_INVALID', /names no file/],
      ['{"a": ', 'VARS_INVALID', /-e "\{\\"a\\": ": the value is not valid JSON\/YAML at line 1:\d+/],
      ['@broken.json', 'VARS_INVALID', /broken\.json is not valid JSON\/YAML at line/],
      ['@list.yaml', 'VARS_INVALID', /is not a mapping of names to values/],
      ['[1, 2]', 'VARS_INVALID', /the value is not a mapping/],
      ['a-b=1', 'VARS_INVALID', /"a-b" is not a valid variable name/],
    ];
    for (const [arg, code, message] of cases)
      it(`WHEN -e ${JSON.stringify(arg)} THEN ${code} names the argument`, () => {
        const err = caught(() => parseExtraVars([arg], { cwd: dir }));
        expect(err.code).to.equal(code);
        expect(err.message).to.match(message);
        expect(err.fix).to.be.a('string');
      });
  });
});
