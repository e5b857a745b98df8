// The hostVerifier handed to ssh2: known_hosts decides, mismatches are refused under every policy.

import type { ServerHostKeyAlgorithm } from 'ssh2';
import type { HostKeyPolicy } from '../inventory/types.ts';
import { OrchestrateError } from '../errors.ts';
import { fingerprint, keyTypeLabel, keyTypeOf } from './fingerprint.ts';
import { lookupName } from './host-pattern.ts';
import { checkHostKey, knownKeyTypes } from './known-hosts.ts';
import type { HostKeyCheck, KnownHostEntry } from './known-hosts.ts';
import { readKnownHosts, recordNewHostKey } from './known-hosts-file.ts';

export interface HostKeyTarget {
  /** Inventory name (for messages). */
  readonly label: string;
  readonly address: string;
  readonly port: number;
}

export interface HostKeyGuard {
  /** ssh2 hostVerifier (callback form: it must never return a Promise, ssh2 would read it as "valid"). */
  readonly hostVerifier: (key: Buffer, verify: (valid: boolean) => void) => void;
  /** ssh2 serverHostKey list: the key types on record for the host first, as OpenSSH orders them. */
  readonly serverHostKey: ServerHostKeyAlgorithm[];
  /** The refusal, once the verifier refused (ssh2 itself only says "verification failed"). */
  failure(): OrchestrateError | undefined;
}

const DEFAULT_HOST_KEY_ALGOS: ServerHostKeyAlgorithm[] = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/** Host key algorithms to offer: the ones matching recorded key types first. */
export function hostKeyAlgorithms(known: readonly string[]): ServerHostKeyAlgorithm[] {
  const offered = (a: string): a is ServerHostKeyAlgorithm => (DEFAULT_HOST_KEY_ALGOS as string[]).includes(a);
  const first = known
    .flatMap((t) => (t === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [t]))
    .filter(offered);
  return [...new Set([...first, ...DEFAULT_HOST_KEY_ALGOS])];
}

/** Reads known_hosts and builds the verifier for one connection attempt. */
export async function guardHostKey(file: string, policy: HostKeyPolicy, target: HostKeyTarget): Promise<HostKeyGuard> {
  const entries = await readKnownHosts(file);
  let failure: OrchestrateError | undefined;
  return {
    serverHostKey: hostKeyAlgorithms(knownKeyTypes(entries, target.address, target.port)),
    failure: () => failure,
    hostVerifier: (key, verify) => {
      decide(entries, file, policy, target, key).then(
        (err) => {
          failure = err;
          verify(err === undefined);
        },
        (err: unknown) => {
          failure = new OrchestrateError(
            'HOST_KEY_UNKNOWN',
            `${target.label}: could not check the host key against ${file}: ${(err as Error).message}`,
            {
              host: target.label,
              fix: `make ${file} readable and writable by this user`,
              cause: err,
            },
          );
          verify(false);
        },
      );
    },
  };
}

/** Checks a key a connection was verified with against known_hosts as it is now: undefined when usable. */
export async function checkHostKeyNow(
  file: string,
  policy: HostKeyPolicy,
  target: HostKeyTarget,
  key: Buffer,
): Promise<OrchestrateError | undefined> {
  return decide(await readKnownHosts(file), file, policy, target, key);
}

/** undefined when the key may be used, else the refusal. */
async function decide(
  entries: KnownHostEntry[],
  file: string,
  policy: HostKeyPolicy,
  target: HostKeyTarget,
  key: Buffer,
): Promise<OrchestrateError | undefined> {
  const keyType = keyTypeOf(key) ?? 'unknown';
  let check = checkHostKey(entries, target.address, target.port, keyType, key);
  if (check.status === 'unknown' && policy === 'accept-new') {
    check = await recordNewHostKey(file, target.address, target.port, keyType, key);
    if (check.status === 'unknown') return undefined; // recorded now
  }
  return refusal(check, file, target, keyType, key);
}

/** The HOST_KEY_* error for a check that is not a match (undefined for a match). */
export function refusal(
  check: HostKeyCheck,
  file: string,
  target: HostKeyTarget,
  keyType: string,
  key: Buffer,
): OrchestrateError | undefined {
  const name = lookupName(target.address, target.port);
  const presented = `${keyTypeLabel(keyType)} key ${fingerprint(key)}`;
  const scan = `ssh-keyscan -p ${target.port} ${target.address} >> ${file}`;
  switch (check.status) {
    case 'match':
      return undefined;
    case 'unknown':
      return new OrchestrateError(
        'HOST_KEY_UNKNOWN',
        `${target.label}: host key of ${name} (${presented}) is not in known_hosts ${file}; strict host key checking refuses unknown hosts`,
        {
          host: target.label,
          fix: `verify the fingerprint out of band, then add it (${scan}), or set hostKeyPolicy: accept-new to record it on first connect`,
        },
      );
    case 'mismatch': {
      const lines = `${file} line${check.lines.length > 1 ? 's' : ''} ${check.lines.join(', ')}`;
      const fix = `if the host was really reinstalled, remove the old key (ssh-keygen -R '${name}' -f ${file}) and add the new one after checking it (${scan})`;
      if (check.revoked) {
        return new OrchestrateError(
          'HOST_KEY_MISMATCH',
          `${target.label}: host ${name} presented ${presented}, which is marked @revoked in ${lines}`,
          {
            host: target.label,
            fix: 'give the host a new host key; a revoked key is never accepted',
          },
        );
      }
      return new OrchestrateError(
        'HOST_KEY_MISMATCH',
        `${target.label}: host key of ${name} has CHANGED: presented ${presented}, but ${lines} holds ${check.known.join(', ')}. This is refused under every policy (possible man-in-the-middle)`,
        { host: target.label, fix },
      );
    }
  }
}
