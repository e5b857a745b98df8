// The guard test/support/pure-unit.ts puts around the unit tier: `npm run test:unit` loads it first.

import { expect } from 'chai';
import { exec, execFile, execFileSync, execSync, fork, spawn, spawnSync } from 'node:child_process';
import { generateKeyPair, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../../support/temp-dir.ts';

const PURE = /unit tests are pure: move this test to test\/integration$/;

describe('the unit tier is pure (test/support/pure-unit.ts)', () => {
  // Without the guard these tests would start processes and write into the tree: they stop first.
  before(() =>
    expect(
      (globalThis as Record<symbol, unknown>)[Symbol.for('orchestrate.pure-unit')],
      'run the unit tier with `npm run test:unit` (mocha --require test/support/pure-unit.ts)',
    ).to.equal(true),
  );

  it('GIVEN a unit test WHEN it starts a process, any way child_process offers THEN it throws, naming the integration tier', () => {
    const starts = [
      () => spawn('true'),
      () => spawnSync('true'),
      () => exec('true'),
      () => execSync('true'),
      () => execFile('true'),
      () => execFileSync('true'),
      () => fork('/dev/null'),
    ];
    for (const start of starts) expect(start).to.throw(PURE).with.property('name', 'ImpureUnitTest');
  });

  it('GIVEN a unit test WHEN it generates an RSA key THEN it throws; an ed25519 key is still made', () => {
    expect(() => generateKeyPairSync('rsa', { modulusLength: 2048 })).to.throw(PURE);
    expect(() => generateKeyPair('rsa', { modulusLength: 2048 }, () => undefined)).to.throw(PURE);
    expect(generateKeyPairSync('ed25519').privateKey.asymmetricKeyType).to.equal('ed25519');
  });

  it('GIVEN a unit test WHEN it writes outside the temp dir THEN it throws; inside a temp dir it writes', async () => {
    // Not the checkout: a clone under /tmp lies inside the temp dir itself.
    const outside = join('/var', 'orchestrate-unit-guard-probe');
    expect(() => writeFileSync(outside, 'x')).to.throw(
      /^fs\.writeFileSync\(.*\/orchestrate-unit-guard-probe\) outside the temp dir: unit tests are pure/,
    );
    expect(() => mkdirSync(outside)).to.throw(PURE);
    const err = await writeFile(outside, 'x').catch((e: unknown) => e);
    expect((err as Error).message).to.match(PURE);
    writeFileSync(join(tempDir(), 'ok'), 'x');
  });
});
