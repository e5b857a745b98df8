// orchestrate verify's smoke tests (KTHW's six, docs/kthw.md#smoke-tests, plus DNS from a pod), run from the
// first controller.

export { verifyContext, verifyHost, DEFAULT_IMAGE } from './context.ts';
export type { VerifyContext, VerifyFacts } from './context.ts';
export { apiTest } from './tests/api.ts';
export { namespaceTest } from './tests/namespace.ts';
export { encryptionTest } from './tests/encryption.ts';
export { deploymentTest } from './tests/deployment.ts';
export { portForwardTest } from './tests/port-forward.ts';
export { logsTest } from './tests/logs.ts';
export { execTest } from './tests/exec.ts';
export { nodePortTest } from './tests/node-port.ts';
export { dnsTest } from './tests/dns.ts';
export { podNetworkTest } from './tests/pod-network.ts';
export { cleanup } from './cleanup.ts';
export { NAMESPACE } from './objects.ts';
