import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OrchestrateError } from '../../../../src/errors.ts';
import { runGo } from '../../../../kubernetes/artifacts/go-tool.ts';
import { removeTempDir, tempDir } from '../../../support/temp-dir.ts';

describe('kubernetes/artifacts/go-tool', () => {
  describe('goEnv and runGo', () => {
    let tmp = '';
    beforeEach(() => (tmp = tempDir('orch-go-')));
    afterEach(() => removeTempDir(tmp));

    it('GIVEN a go that fails THEN its code and both streams, never a rejection', async () => {
      const go = join(tmp, 'go');
      writeFileSync(go, '#!/bin/sh\necho "out $1"\necho "err $2" >&2\nexit 3\n', { mode: 0o755 });
      const r = await runGo(go, ['mod', 'tidy'], tmp, { PATH: '/usr/bin:/bin' });
      expect(r.code).to.equal(3);
      expect(r.output).to.contain('out mod').and.to.contain('err tidy');
    });

    it('GIVEN no go at that path THEN BUILD_FAILED naming it, with a fix', async () => {
      const err = await runGo('/nonexistent/go', ['version'], tmp, {}).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).to.be.instanceOf(OrchestrateError);
      const e = err as OrchestrateError;
      expect(e.code).to.equal('BUILD_FAILED');
      expect(e.message).to.contain('/nonexistent/go');
      expect(e.fix).to.contain('ORCHESTRATE_GO');
    });
  });
});
