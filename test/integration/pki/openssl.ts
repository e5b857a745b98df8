// Certificates checked by the real openssl, as the components' TLS stacks would judge them.

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../support/temp-dir.ts';

/** `openssl verify -CAfile` (with an optional -purpose); returns its stdout, throws on failure. */
export function opensslVerify(caPem: string, certPem: string, purpose?: 'sslserver' | 'sslclient'): string {
  const dir = tempDir('orchestrate-openssl-');
  writeFileSync(join(dir, 'ca.pem'), caPem);
  writeFileSync(join(dir, 'cert.pem'), certPem);
  const args = [
    'verify',
    ...(purpose ? ['-purpose', purpose] : []),
    '-CAfile',
    join(dir, 'ca.pem'),
    join(dir, 'cert.pem'),
  ];
  return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
