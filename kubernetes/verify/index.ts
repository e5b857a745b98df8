// `orchestrate verify`'s smoke tests for a cluster built the hard way (docs/kthw.md#smoke-tests), in run order,
// all from the first controller. They create objects in namespace orchestrate-verify; the cleanup deletes it.

import { defineVerifier } from 'orchestrate';
import { verifyContext, verifyHost } from './context.ts';
import { apiTest } from './tests/api.ts';
import { namespaceTest } from './tests/namespace.ts';
import { encryptionTest } from './tests/encryption.ts';
import { deploymentTest } from './tests/deployment.ts';
import { portForwardTest } from './tests/port-forward.ts';
import { logsTest } from './tests/logs.ts';
import { execTest } from './tests/exec.ts';
import { nodePortTest } from './tests/node-port.ts';
import { dnsTest } from './tests/dns.ts';
import { podNetworkTest } from './tests/pod-network.ts';
import { cleanup } from './cleanup.ts';

export default defineVerifier({
  name: 'kubernetes-the-hard-way',
  context: verifyContext,
  host: verifyHost,
  tests: [
    apiTest,
    namespaceTest,
    encryptionTest,
    deploymentTest,
    portForwardTest,
    logsTest,
    execTest,
    nodePortTest,
    dnsTest,
    podNetworkTest,
  ],
  cleanup,
});
