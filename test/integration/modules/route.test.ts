import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { route } from '../../../src/modules/route.ts';
import { ROUTES_UNIT_CONTENT, routesFileContent } from '../../../src/modules/lib/route-files.ts';
import { hasCommand, planLocally } from './harness.ts';
import { removeTempDir, tempDir } from '../../support/temp-dir.ts';

const POD = { dst: '10.200.1.0/24', via: '10.240.0.21' };
const POD2 = { dst: '10.200.2.0/24', via: '10.240.0.22', dev: 'eth0' };

describe('modules/route', () => {
  it("GIVEN routes files WHEN the replay unit's command runs (with a stub ip) THEN every line is replayed, comments skipped", () => {
    const dir = tempDir();
    try {
      mkdirSync(`${dir}/bin`);
      mkdirSync(`${dir}/routes.d`);
      writeFileSync(`${dir}/bin/ip`, `#!/bin/sh\necho "$*" >> ${dir}/log\n`, { mode: 0o755 });
      writeFileSync(`${dir}/routes.d/a`, routesFileContent([{ ...POD, dev: undefined }, POD2]));
      writeFileSync(`${dir}/routes.d/b`, '\n# nothing\n10.9.0.0/16 via 10.0.0.1\n');
      const exec = ROUTES_UNIT_CONTENT.split('\n').find((l) => l.startsWith('ExecStart='))!;
      const script = /^ExecStart=\/bin\/sh -c '(.*)'$/
        .exec(exec)![1]!
        .replace(/\$\$/g, '$')
        .replace('/etc/orchestrate/routes.d', `${dir}/routes.d`);
      execFileSync('sh', ['-c', script], { env: { PATH: `${dir}/bin:/usr/bin:/bin` } });
      expect(readFileSync(`${dir}/log`, 'utf8')).to.equal(
        'route replace 10.200.1.0/24 via 10.240.0.21\nroute replace 10.200.2.0/24 via 10.240.0.22 dev eth0\nroute replace 10.9.0.0/16 via 10.0.0.1\n',
      );
    } finally {
      removeTempDir(dir);
    }
  });

  (hasCommand('ip') ? it : it.skip)(
    'GIVEN this machine WHEN the probe runs for real (read-only) THEN it parses',
    () => {
      const { state } = planLocally(route({ dst: '198.51.100.0/24', via: '192.0.2.1' }));
      expect(state.runtime.get('198.51.100.0/24')).to.equal('');
    },
  );
});
