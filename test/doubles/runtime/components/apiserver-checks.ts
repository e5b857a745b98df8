// kube-apiserver: the flags that name files, the required flags, and the values the real one validates.

import type { KeyObject, X509Certificate } from 'node:crypto';
import { checkEncryptionConfig } from '../encryption.ts';
import { Problems } from '../fail.ts';
import {
  checkCaFlag,
  checkKubeconfigAt,
  checkOtherFiles,
  checkPairFlags,
  checkYamlFlag,
  unknownValues,
} from '../files.ts';
import { boolValue, lastValue, listValue, type ParsedFlags } from '../flag-parse.ts';
import { loadPublicKeys, parseKey, readText, samePublicKey } from '../pem.ts';
import { parseTokenFile } from '../api/auth.ts';
import type { ClientIdentity } from '../serve.ts';

const AUTHZ_MODES = ['AlwaysAllow', 'AlwaysDeny', 'ABAC', 'Webhook', 'RBAC', 'Node'];
const ADMISSION =
  `AlwaysAdmit AlwaysDeny AlwaysPullImages CertificateApproval CertificateSigning CertificateSubjectRestriction
ClusterTrustBundleAttest DefaultIngressClass DefaultStorageClass DefaultTolerationSeconds DenyServiceExternalIPs EventRateLimit
ExtendedResourceToleration ImagePolicyWebhook LimitPodHardAntiAffinityTopology LimitRanger MutatingAdmissionPolicy
MutatingAdmissionWebhook NamespaceAutoProvision NamespaceExists NamespaceLifecycle NodeDeclaredFeatureValidator NodeRestriction
OwnerReferencesPermissionEnforcement PersistentVolumeClaimResize PodNodeSelector PodSecurity PodTolerationRestriction
PodTopologyLabels Priority ResourceQuota RuntimeClass ServiceAccount StorageObjectInUseProtection TaintNodesByCondition
ValidatingAdmissionPolicy ValidatingAdmissionWebhook`.split(/\s+/);

/** What the checks leave for serving. */
export interface ApiserverConfig {
  readonly serving?: { certPem: string; keyPem: string; cert: X509Certificate };
  readonly clientCaPem?: string;
  readonly etcd: { servers: string[]; caPem?: string; certPem?: string; keyPem?: string };
  readonly saKeys: KeyObject[];
  readonly saIssuers: string[];
  readonly staticTokens: Map<string, ClientIdentity>;
}

const HANDLED = new Set([
  'tls-cert-file',
  'tls-private-key-file',
  'client-ca-file',
  'etcd-cafile',
  'etcd-certfile',
  'etcd-keyfile',
  'kubelet-certificate-authority',
  'kubelet-client-certificate',
  'kubelet-client-key',
  'encryption-provider-config',
  'service-account-key-file',
  'service-account-signing-key-file',
  'requestheader-client-ca-file',
  'proxy-client-cert-file',
  'proxy-client-key-file',
  'oidc-ca-file',
  'token-auth-file',
  'audit-policy-file',
  'authorization-webhook-config-file',
  'authentication-token-webhook-config-file',
  'audit-webhook-config-file',
]);

/** Every check; throws one DoubleError listing all problems. */
export function checkApiserver(flags: ParsedFlags): ApiserverConfig {
  const problems = new Problems();
  const servers = listValue(flags, 'etcd-servers');
  if (servers.length === 0) problems.add('--etcd-servers must be specified');
  if (listValue(flags, 'service-account-issuer').length === 0 || !lastValue(flags, 'service-account-signing-key-file'))
    problems.add('--service-account-signing-key-file and --service-account-issuer are required flags');
  const serving = checkPairFlags(flags, 'tls-cert-file', 'tls-private-key-file', problems);
  const clientCa = checkCaFlag(flags, 'client-ca-file', problems);
  const etcdCa = checkCaFlag(flags, 'etcd-cafile', problems);
  const etcdPair = checkPairFlags(flags, 'etcd-certfile', 'etcd-keyfile', problems);
  checkCaFlag(flags, 'kubelet-certificate-authority', problems);
  checkPairFlags(flags, 'kubelet-client-certificate', 'kubelet-client-key', problems);
  checkCaFlag(flags, 'requestheader-client-ca-file', problems);
  checkPairFlags(flags, 'proxy-client-cert-file', 'proxy-client-key-file', problems);
  checkCaFlag(flags, 'oidc-ca-file', problems);
  checkYamlFlag(flags, 'audit-policy-file', problems, 'Policy');
  for (const f of [
    'authorization-webhook-config-file',
    'authentication-token-webhook-config-file',
    'audit-webhook-config-file',
  ])
    checkKubeconfigAt(lastValue(flags, f), `--${f}`, problems);
  const enc = lastValue(flags, 'encryption-provider-config');
  if (enc) problems.check('--encryption-provider-config', () => void checkEncryptionConfig(enc));
  const saKeys = serviceAccountKeys(flags, problems);
  let staticTokens = new Map<string, ClientIdentity>();
  const tokenFile = lastValue(flags, 'token-auth-file');
  if (tokenFile) problems.check('--token-auth-file', () => (staticTokens = parseTokenFile(readText(tokenFile))));
  checkModes(flags, problems);
  checkOtherFiles(flags, HANDLED, problems);
  problems.throwIfAny();
  return {
    ...(serving ? { serving } : {}),
    ...(clientCa ? { clientCaPem: clientCa.pem } : {}),
    etcd: {
      servers,
      ...(etcdCa ? { caPem: etcdCa.pem } : {}),
      ...(etcdPair ? { certPem: etcdPair.certPem, keyPem: etcdPair.keyPem } : {}),
    },
    saKeys,
    saIssuers: listValue(flags, 'service-account-issuer'),
    staticTokens,
  };
}

/** Verification keys parse; the signing key is one of them (else every token it issues fails). */
function serviceAccountKeys(flags: ParsedFlags, problems: Problems): KeyObject[] {
  const files = listValue(flags, 'service-account-key-file');
  if (files.length === 0 && lastValue(flags, 'tls-private-key-file'))
    files.push(lastValue(flags, 'tls-private-key-file')!);
  const keys: KeyObject[] = [];
  for (const f of files) problems.check('--service-account-key-file', () => keys.push(...loadPublicKeys(f)));
  const signing = lastValue(flags, 'service-account-signing-key-file');
  if (signing) {
    problems.check('--service-account-signing-key-file', () => {
      const key = parseKey(readText(signing), signing);
      if (keys.length > 0 && !keys.some((k) => samePublicKey(k, key)))
        throw new Error(
          `${signing}: its public key is in none of --service-account-key-file (${files.join(', ')}): tokens the apiserver issues would not verify`,
        );
      if (files.length === 0) keys.push(key);
    });
  }
  return keys;
}

/** --authorization-mode, --enable/disable-admission-plugins, --anonymous-auth: names the real one knows. */
function checkModes(flags: ParsedFlags, problems: Problems): void {
  const badModes = unknownValues(flags, 'authorization-mode', AUTHZ_MODES);
  if (badModes.length)
    problems.add(
      `--authorization-mode: unknown authorization mode(s) ${badModes.join(', ')} (known: ${AUTHZ_MODES.join(', ')})`,
    );
  const modes = listValue(flags, 'authorization-mode');
  if (modes.includes('Webhook') && !lastValue(flags, 'authorization-webhook-config-file'))
    problems.add('--authorization-mode Webhook requires --authorization-webhook-config-file');
  if (modes.includes('ABAC') && !lastValue(flags, 'authorization-policy-file'))
    problems.add('--authorization-mode ABAC requires --authorization-policy-file');
  for (const f of ['enable-admission-plugins', 'disable-admission-plugins']) {
    const bad = unknownValues(flags, f, ADMISSION);
    if (bad.length) problems.add(`--${f}: plugin(s) ${bad.map((b) => `"${b}"`).join(', ')} unknown`);
  }
  if (
    !boolValue(flags, 'anonymous-auth', true) &&
    !lastValue(flags, 'client-ca-file') &&
    !lastValue(flags, 'token-auth-file')
  )
    problems.add(
      '--anonymous-auth=false and no authenticator (--client-ca-file, --token-auth-file): nothing could ever authenticate',
    );
}
