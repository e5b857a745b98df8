// Host key blobs as ssh2 hands them over: their type and the fingerprint `ssh-keygen -l` prints.

import { createHash } from 'node:crypto';

/** SHA256 fingerprint of a public key blob, spelled as `ssh-keygen -lf` prints it. */
export function fingerprint(keyBlob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '');
}

/** The key type named inside an SSH wire-format public key blob (e.g. ssh-ed25519), or undefined. */
export function keyTypeOf(keyBlob: Buffer): string | undefined {
  if (keyBlob.length < 4) return undefined;
  const len = keyBlob.readUInt32BE(0);
  if (len === 0 || len > 64 || 4 + len > keyBlob.length) return undefined;
  return keyBlob.subarray(4, 4 + len).toString('latin1');
}

/** `ssh-ed25519` -> `ED25519`, as ssh-keygen shows the type after a fingerprint. */
export function keyTypeLabel(keyType: string): string {
  if (keyType === 'ssh-rsa') return 'RSA';
  if (keyType === 'ssh-dss') return 'DSA';
  if (keyType.startsWith('ecdsa-sha2-')) return 'ECDSA';
  if (keyType === 'ssh-ed25519') return 'ED25519';
  if (keyType.startsWith('sk-ecdsa')) return 'ECDSA-SK';
  if (keyType.startsWith('sk-ssh-ed25519')) return 'ED25519-SK';
  return keyType.toUpperCase();
}
