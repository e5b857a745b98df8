// `orchestrate verify`'s smoke tests for a cluster built the hard way (docs/kthw.md#smoke-tests), in run order,
// all from the first controller. They create objects in namespace orchestrate-verify; the cleanup deletes it.

import { defineVerifier } from '../src/verify/index.ts';
import {
  apiTest,
  cleanup,
  deploymentTest,
  dnsTest,
  encryptionTest,
  execTest,
  logsTest,
  namespaceTest,
  nodePortTest,
  podNetworkTest,
  portForwardTest,
  verifyContext,
  verifyHost,
} from '../roles/verify/index.ts';

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
