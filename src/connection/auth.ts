// Which credentials a connection offers: the host's identityFile, else the agent and default keys.

import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { AgentAuthMethod, ParsedKey, PublicKeyAuthMethod } from 'ssh2';
import { OrchestrateError } from '../errors.ts';
import { registerSecret } from '../secret.ts';

export interface AuthPlan {
  readonly methods: (PublicKeyAuthMethod | AgentAuthMethod)[];
  /** What is offered, for the "authentication failed" message (e.g. `publickey ~/.ssh/id_ed25519`). */
  readonly tried: string[];
}

export interface AuthSources {
  readonly identityFile: string | undefined;
  /** Agent socket; defaults to SSH_AUTH_SOCK. */
  readonly agentSocket?: string | undefined;
  /** Where default keys are looked for; defaults to ~/.ssh. */
  readonly sshDir?: string;
}

// Every connection of a run loads the same key: parse each distinct key once.
const parsedKeys = new Map<string, ReturnType<typeof ssh2.utils.parseKey>>();

function parseKeyOnce(text: string, key: Buffer): ReturnType<typeof ssh2.utils.parseKey> {
  let parsed = parsedKeys.get(text);
  if (parsed === undefined) parsedKeys.set(text, (parsed = ssh2.utils.parseKey(key)));
  return parsed;
}

/** A private key file ssh2 can use, or why not. */
type KeyLoad = { ok: true; key: ParsedKey } | { ok: false; problem: string; fix: string };

/** Reads a private key the way ssh does: refuse group/other-readable files and encrypted keys. */
export async function loadPrivateKey(file: string): Promise<KeyLoad> {
  let mode: number;
  try {
    mode = (await stat(file)).mode;
  } catch (err) {
    return {
      ok: false,
      problem: `cannot read private key ${file} (${(err as Error).message})`,
      fix: 'check identityFile in the inventory',
    };
  }
  if ((mode & 0o077) !== 0) {
    const octal = (mode & 0o777).toString(8).padStart(4, '0');
    return {
      ok: false,
      problem: `private key ${file} is accessible by group or others (mode ${octal}); ssh refuses such keys too`,
      fix: `chmod 600 ${file}`,
    };
  }
  const key = await readFile(file);
  const text = key.toString('utf8');
  registerSecret(text);
  const parsed = parseKeyOnce(text, key);
  if (parsed instanceof Error) {
    if (/passphrase/i.test(parsed.message)) {
      return {
        ok: false,
        problem: `private key ${file} is encrypted with a passphrase, which orchestrate cannot prompt for`,
        fix: `load it into ssh-agent (ssh-add ${file}) and leave identityFile unset, or use a key without a passphrase`,
      };
    }
    return {
      ok: false,
      problem: `${file} is not a private key ssh2 can read (${parsed.message})`,
      fix: 'point identityFile at an OpenSSH or PEM private key',
    };
  }
  // Handed to ssh2 parsed, so it does not parse the key again for every connection.
  return { ok: true, key: parsed };
}

/** Builds the auth methods for user; throws UNREACHABLE naming the host when none can work. */
export async function planAuth(hostName: string, user: string, src: AuthSources): Promise<AuthPlan> {
  if (src.identityFile !== undefined) {
    const loaded = await loadPrivateKey(src.identityFile);
    if (!loaded.ok)
      throw new OrchestrateError('UNREACHABLE', `${hostName}: ${loaded.problem}`, { host: hostName, fix: loaded.fix });
    return {
      methods: [{ type: 'publickey', username: user, key: loaded.key }],
      tried: [`publickey ${src.identityFile}`],
    };
  }
  const methods: AuthPlan['methods'] = [];
  const tried: string[] = [];
  const skipped: string[] = [];
  const agent = src.agentSocket ?? process.env['SSH_AUTH_SOCK'];
  if (agent !== undefined && agent !== '') {
    methods.push({ type: 'agent', username: user, agent });
    tried.push(`agent ${agent}`);
  }
  const dir = src.sshDir ?? join(homedir(), '.ssh');
  for (const name of ['id_ed25519', 'id_rsa']) {
    const file = join(dir, name);
    const exists = await stat(file).then(
      () => true,
      () => false,
    );
    if (!exists) continue;
    const loaded = await loadPrivateKey(file);
    if (loaded.ok) {
      methods.push({ type: 'publickey', username: user, key: loaded.key });
      tried.push(`publickey ${file}`);
    } else skipped.push(`${loaded.problem} (${loaded.fix})`);
  }
  if (methods.length === 0) {
    const why = skipped.length > 0 ? `: ${skipped.join('; ')}` : '';
    throw new OrchestrateError(
      'UNREACHABLE',
      `${hostName}: no SSH credentials to offer: no identityFile, no SSH_AUTH_SOCK agent and no usable ${dir}/id_ed25519 or id_rsa${why}`,
      {
        host: hostName,
        fix: 'set identityFile for the host in the inventory, or start ssh-agent and ssh-add a key',
      },
    );
  }
  return { methods, tried };
}
