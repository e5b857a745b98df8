import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { sha256File } from '../../../src/modules/local-sha256.ts';
import { removeTempDir, tempDir } from '../../support/temp-dir.ts';

describe('modules/local-sha256', () => {
  const cases: { given: string; bytes: Buffer; then: string }[] = [
    {
      given: 'an empty file',
      bytes: Buffer.alloc(0),
      then: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    },
    {
      given: '"hello\\nworld\\n"',
      bytes: Buffer.from('hello\nworld\n'),
      then: '4a1e67f2fe1d1cc7b31d0ca2ec441da4778203a036a77da10344c85e24ff0f92',
    },
  ];
  for (const c of cases)
    it(`GIVEN ${c.given} WHEN hashed THEN the same hex as sha256sum`, async () => {
      const dir = tempDir();
      try {
        writeFileSync(`${dir}/f`, c.bytes);
        expect(await sha256File(`${dir}/f`)).to.equal(c.then);
      } finally {
        removeTempDir(dir);
      }
    });

  it('GIVEN a missing file WHEN hashed THEN the promise rejects with ENOENT', async () => {
    const err = await sha256File('/nonexistent/orchestrate/x').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).to.have.property('code', 'ENOENT');
  });
});
