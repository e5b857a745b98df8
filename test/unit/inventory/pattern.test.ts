import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { parsePattern, splitPattern } from '../../../src/inventory/pattern-parse.ts';
import { selectHosts } from '../../../src/inventory/pattern.ts';
import { caught, fromYaml, PATTERN_INVENTORY } from './helpers.ts';

describe('inventory/pattern', () => {
  const dir = mkdtempSync(join(tmpdir(), 'orchestrate-pattern-'));
  writeFileSync(join(dir, 'retry'), '# failed hosts of the last run\ndb-2\n\nweb-1   # flaky\n');
  writeFileSync(join(dir, 'stale'), 'web-1\nweb-9\n');
  writeFileSync(join(dir, 'empty'), '# nothing failed\n');
  const inv = fromYaml(PATTERN_INVENTORY, { cwd: dir });
  const select = (p: string) => selectHosts(inv, p, dir).map((h) => h.name);

  describe('GIVEN a pattern', () => {
    const cases: [string, string[]][] = [
      ['all', ['bastion', 'web-1', 'web-2', 'web-3', 'db-1', 'db-2']],
      ['*', ['bastion', 'web-1', 'web-2', 'web-3', 'db-1', 'db-2']],
      ['web', ['web-1', 'web-2', 'web-3']],
      ['canary', ['web-3']],
      ['ungrouped', ['bastion']],
      ['empty', []],
      ['web-2', ['web-2']],
      ['web-*', ['web-1', 'web-2', 'web-3']],
      ['w*', ['web-1', 'web-2', 'web-3']],
      ['db-?', ['db-1', 'db-2']],
      ['web-[1-2]', ['web-1', 'web-2']],
      ['db-[!2]', ['db-1']],
      ['~web-[12]', ['web-1', 'web-2']],
      ['~.*-1', ['web-1', 'db-1']],
      ['~(web|db)$', ['web-1', 'web-2', 'web-3', 'db-1', 'db-2']],
      ['web:db', ['web-1', 'web-2', 'web-3', 'db-1', 'db-2']],
      ['db:web', ['web-1', 'web-2', 'web-3', 'db-1', 'db-2']],
      ['web,db', ['web-1', 'web-2', 'web-3', 'db-1', 'db-2']],
      ['web, db', ['web-1', 'web-2', 'web-3', 'db-1', 'db-2']],
      ['web:&prod', ['web-1']],
      ['web:!canary', ['web-1', 'web-2']],
      ['!web', ['bastion', 'db-1', 'db-2']],
      ['&prod', ['web-1', 'db-1']],
      ['web:!web', []],
      ['web:&prod:!web-1', []],
      ['prod:web:&db', ['db-1']],
      ['!canary:&prod:web', ['web-1']],
      ['web:&prod,db', ['web-1', 'db-1']],
      ['web[0]', ['web-1']],
      ['web[-1]', ['web-3']],
      ['web[0:1]', ['web-1', 'web-2']],
      ['web[1:]', ['web-2', 'web-3']],
      ['all[0]', ['bastion']],
      ['web[0:1]:!web-1', ['web-2']],
      ['@retry', ['web-1', 'db-2']],
      ['web:!@retry', ['web-2', 'web-3']],
      ['@empty', []],
    ];
    for (const [pattern, want] of cases)
      it(`WHEN ${JSON.stringify(pattern)} THEN [${want.join(', ')}] in inventory order`, () => {
        expect(select(pattern)).to.deep.equal(want);
      });
  });

  describe('GIVEN a pattern that is malformed or names nothing known', () => {
    const cases: [string, RegExp][] = [
      ['webb', /host pattern "webb": no host or group is named "webb" \(did you mean web/],
      ['web:!dbb', /no host or group is named "dbb" \(did you mean db/],
      ['web-01', /no host or group is named "web-01" \(did you mean web-1/],
      ['xyz-*', /xyz-\* matches no host or group/],
      ['~zzz', /~zzz matches no host or group/],
      ['~(', /~\( is not a valid regular expression/],
      ['', /the pattern is empty/],
      [' : , ', /the pattern is empty/],
      ['web:!', /'!' has no host or group after the operator/],
      ['&', /'&' has no host or group/],
      ['@', /'@' has no file name/],
      ['~', /'~' has no regular expression/],
      ['@missing', /cannot read @missing \(.*missing\): ENOENT/],
      ['@stale', /@stale line 2: no host or group is named "web-9"/],
      ['web[7]', /web\[7\]: index 7 is out of range \(3 hosts\)/],
      ['we!b', /'we!b' is not a host or group name/],
    ];
    for (const [pattern, message] of cases)
      it(`WHEN ${JSON.stringify(pattern)} THEN PATTERN_INVALID: ${message.source}`, () => {
        const err = caught(() => select(pattern));
        expect(err.code).to.equal('PATTERN_INVALID');
        expect(err.message).to.match(message);
        expect(err.fix).to.be.a('string').and.not.equal('');
      });
  });

  describe('GIVEN Inventory.select', () => {
    it('THEN it is selectHosts with the cwd given at build time (for @file)', () => {
      expect(inv.select('@retry').map((h) => h.name)).to.deep.equal(['web-1', 'db-2']);
    });
  });

  describe('parsePattern', () => {
    it('GIVEN mixed operators WHEN parsed THEN unions come first, then intersections, then exclusions', () => {
      expect(parsePattern('!a:&b:c:!d:&e:f').map((t) => t.written)).to.deep.equal(['c', 'f', '&b', '&e', '!a', '!d']);
    });
    it('GIVEN brackets WHEN split THEN separators inside them are kept', () => {
      expect(splitPattern('web[0:2]:~(a|b:c):db')).to.deep.equal(['web[0:2]', '~(a|b:c)', 'db']);
    });
  });
});
