// The connection layer against a real OpenSSH sshd on 127.0.0.1 (needs root; installs what it lacks).

import { execSuite } from './connection/exec-become.ts';
import { setupConnEnv } from './connection/fixture.ts';
import { hostKeySuite } from './connection/host-keys.ts';
import { routesSuite } from './connection/routes.ts';
import { uploadLockSuite } from './connection/upload-lock.ts';

describe('connection (e2e, throwaway sshd on 127.0.0.1)', function () {
  this.timeout(60_000);
  const env = setupConnEnv();
  execSuite(env);
  hostKeySuite(env);
  uploadLockSuite(env);
  routesSuite(env);
});
