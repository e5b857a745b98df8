// A host's connection settings, read from its merged vars (so groups and -e can set them).

import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { inventoryInvalid, show } from './invalid.ts';
import type { MergedVars } from './vars.ts';

export interface ConnectionSettings {
  readonly address: string;
  readonly port: number;
  readonly user: string;
  readonly become: boolean;
  readonly identityFile: string | undefined;
  readonly jump: string | undefined;
  readonly proxyCommand: string | undefined;
}

/** What relative paths and defaults are resolved against. */
export interface ConnectionContext {
  readonly source: string;
  /** Directory of the inventory file: relative paths written in the inventory start here. */
  readonly inventoryDir: string;
  /** Relative paths given with -e start here. */
  readonly cwd: string;
  readonly defaultUser: string;
  readonly homeDir: string;
  /** The origin string of extra vars, to tell -e paths from inventory paths. */
  readonly extraOrigin: string;
}

const TRUE = ['true', 'yes', 'on', '1'];
const FALSE = ['false', 'no', 'off', '0'];
const JUMP = /^(?:[^@\s]+@)?(?:\[[^\]\s]+\]|[^:@\s[\]]+)(?::(\d+))?$/;

/** Reads ansible_host/port/user/become/ssh_private_key_file and orchestrate_jump/proxy_command. */
export function connectionFor(name: string, merged: MergedVars, ctx: ConnectionContext): ConnectionSettings {
  const get = (key: string): unknown => merged.vars[key];
  const bad = (key: string, problem: string, fix: string): Error =>
    inventoryInvalid(
      ctx.source,
      `host ${name}`,
      `${key} ${show(get(key))} (set in ${merged.origins[key]}) ${problem}`,
      fix,
    );
  const text = (key: string): string | undefined => {
    const v = get(key);
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string' && v.trim() !== '') return v;
    throw bad(key, 'is not a non-empty string', `set ${key} to a string`);
  };

  // Ansible's older spellings (ansible_ssh_host, ...) still work; the current one wins when both are set.
  const pick = (key: string, alias: string): string =>
    get(key) === undefined && get(alias) !== undefined ? alias : key;
  const portVar = pick('ansible_port', 'ansible_ssh_port');
  const portValue = get(portVar);
  let port = 22;
  if (portValue !== undefined && portValue !== null) {
    port = typeof portValue === 'string' && /^\d+$/.test(portValue.trim()) ? Number(portValue) : (portValue as number);
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)
      throw bad(portVar, 'is not a port number', `set ${portVar} to an integer from 1 to 65535, e.g. 22`);
  }

  const becomeValue = get('ansible_become');
  let become = false;
  if (typeof becomeValue === 'boolean') become = becomeValue;
  else if (typeof becomeValue === 'string' && TRUE.includes(becomeValue.trim().toLowerCase())) become = true;
  else if (typeof becomeValue === 'string' && FALSE.includes(becomeValue.trim().toLowerCase())) become = false;
  else if (becomeValue !== undefined && becomeValue !== null)
    throw bad('ansible_become', 'is not a boolean', 'set ansible_become to true or false (or "yes"/"no")');

  const jump = text('orchestrate_jump');
  if (jump !== undefined) {
    const m = JUMP.exec(jump.trim());
    if (!m || (m[1] !== undefined && (Number(m[1]) < 1 || Number(m[1]) > 65535)))
      throw bad(
        'orchestrate_jump',
        'is not [user@]host[:port]',
        'set orchestrate_jump to e.g. admin@bastion.example.com:22 (one jump host)',
      );
  }
  const proxyCommand = text('orchestrate_proxy_command');
  if (jump !== undefined && proxyCommand !== undefined)
    throw inventoryInvalid(
      ctx.source,
      `host ${name}`,
      'both orchestrate_jump and orchestrate_proxy_command are set',
      'set only one of them: a jump host, or a proxy command',
    );

  const keyVar = pick('ansible_ssh_private_key_file', 'ansible_private_key_file');
  const key = text(keyVar);
  const keyBase = merged.origins[keyVar] === ctx.extraOrigin ? ctx.cwd : ctx.inventoryDir;
  return {
    address: text(pick('ansible_host', 'ansible_ssh_host')) ?? name,
    port,
    user: text(pick('ansible_user', 'ansible_ssh_user')) ?? ctx.defaultUser,
    become,
    identityFile: key === undefined ? undefined : expandPath(key, keyBase, ctx.homeDir),
    jump: jump?.trim(),
    proxyCommand,
  };
}

/** `~/x` against the home dir, a relative path against base, an absolute one as is. */
export function expandPath(path: string, base: string, home: string = homedir()): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return join(home, path.slice(2));
  return isAbsolute(path) ? path : resolve(base, path);
}
