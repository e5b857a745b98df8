import { expect } from 'chai';
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { factsCachePath, readFactsCache, writeFactsCache } from '../../../src/facts/cache.ts';
import { parseFacts } from '../../../src/facts/parse.ts';
import { fixture } from './fixtures.ts';

describe('facts/cache', () => {
  let stateDir: string;
  beforeEach(() => {
    stateDir = join(mkdtempSync(join(tmpdir(), 'facts-cache-')), '.orchestrate');
  });
  afterEach(() => rmSync(join(stateDir, '..'), { recursive: true, force: true }));

  const facts = parseFacts(fixture('ubuntu2204'), new Date('2025-01-01T00:00:00Z'));

  it('round trips: what is written is read back', async () => {
    // GIVEN facts  WHEN written then read  THEN the same facts (absent optionals stay absent)
    await writeFactsCache(stateDir, 'worker-1', facts);
    expect(readFactsCache(stateDir, 'worker-1')).to.deep.equal(JSON.parse(JSON.stringify(facts)));
    expect(readFactsCache(stateDir, 'worker-1')?.resolved.stub).to.equal(true);
  });

  it('writes <stateDir>/facts/<host>.json 0600 in a 0700 dir, no temp file left', async () => {
    await writeFactsCache(stateDir, 'worker-1', facts);
    const path = join(stateDir, 'facts', 'worker-1.json');
    expect(factsCachePath(stateDir, 'worker-1')).to.equal(path);
    expect(statSync(path).mode & 0o777).to.equal(0o600);
    expect(statSync(join(stateDir, 'facts')).mode & 0o777).to.equal(0o700);
    expect(readdirSync(join(stateDir, 'facts'))).to.deep.equal(['worker-1.json']);
  });

  it('overwrites an older cache atomically', async () => {
    await writeFactsCache(stateDir, 'w', facts);
    await writeFactsCache(stateDir, 'w', { ...facts, hostname: 'renamed' });
    expect(readFactsCache(stateDir, 'w')?.hostname).to.equal('renamed');
    expect(readdirSync(join(stateDir, 'facts'))).to.deep.equal(['w.json']);
  });

  it('tightens a facts dir that exists too open', async () => {
    await writeFactsCache(stateDir, 'a', facts);
    chmodSync(join(stateDir, 'facts'), 0o755);
    await writeFactsCache(stateDir, 'a', facts);
    expect(statSync(join(stateDir, 'facts')).mode & 0o777).to.equal(0o700);
  });

  it('keeps a hostile host name inside the facts dir', async () => {
    await writeFactsCache(stateDir, '../../escape', facts);
    expect(readdirSync(join(stateDir, 'facts'))).to.deep.equal(['..%2F..%2Fescape.json']);
    expect(readFactsCache(stateDir, '../../escape')?.hostname).to.equal('worker-1');
  });

  const absent: [string, string | undefined][] = [
    ['no cache yet', undefined],
    ['corrupt JSON', '{"hostname":'],
    ['not facts', '{"hello":"world"}'],
  ];
  for (const [title, content] of absent) {
    it(`${title}: undefined`, async () => {
      // GIVEN a missing or unusable cache file  WHEN read  THEN treated as absent
      await writeFactsCache(stateDir, 'other', facts);
      if (content !== undefined) writeFileSync(factsCachePath(stateDir, 'h'), content);
      expect(readFactsCache(stateDir, 'h')).to.equal(undefined);
    });
  }
});
