// What commands that load a module of checks (doctor, verify) share: the module, the connector.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { OrchestrateError } from '../errors.ts';
import { connect } from '../connection/connect.ts';
import type { RemoteHost } from '../connection/types.ts';
import type { Host, Inventory } from '../inventory/types.ts';
import { importModule } from '../loader/compile-cache.js';
import { loadExtensions, type DefaultModule, type Extension } from '../extension/index.ts';

/** What a module's default export must be, for the messages when it is not. */
export interface ModuleKind<T> {
  /** "doctor module", "verify module". */
  readonly what: string;
  /** The flag that names another module. */
  readonly flag: string;
  /** "defineDoctor({ name, context, checks: [...] })". */
  readonly example: string;
  readonly valid: (value: unknown) => value is T;
}

/** Imports a module's default export; PLAYBOOK_INVALID when missing, failing or of the wrong shape. */
export async function loadModuleExport<T>(path: string, kind: ModuleKind<T>): Promise<T> {
  const abs = resolve(path);
  if (!existsSync(abs))
    throw new OrchestrateError('PLAYBOOK_INVALID', `${kind.what} ${path} does not exist`, {
      fix: `pass ${kind.flag} FILE with a module whose default export is ${kind.example}`,
    });
  let mod: { default?: unknown };
  try {
    mod = (await importModule(abs)) as { default?: unknown };
  } catch (err) {
    throw new OrchestrateError('PLAYBOOK_INVALID', `${kind.what} ${path} failed to load: ${(err as Error).message}`, {
      fix: 'fix the error above in the module or a file it imports',
      cause: err,
    });
  }
  if (!kind.valid(mod.default))
    throw new OrchestrateError(
      'PLAYBOOK_INVALID',
      `${path} has no default export made by ${kind.example.split('(')[0]}()`,
      {
        fix: `end the file with: export default ${kind.example}`,
      },
    );
  return mod.default;
}

/** Connects to a host with the inventory's known_hosts and host key policy (accept-new on request). */
export function hostConnector(inventory: Inventory, acceptNew: boolean | undefined): (h: Host) => Promise<RemoteHost> {
  return (h) =>
    connect(h, {
      knownHostsFile: inventory.knownHostsFile,
      hostKeyPolicy: acceptNew ? 'accept-new' : inventory.hostKeyPolicy,
    });
}

/** The module an extension offers for doctor or verify (the first that offers one), or undefined. */
export function extensionModule(
  extensions: readonly Extension[],
  command: 'doctor' | 'verify',
): (DefaultModule & { readonly extension: string }) | undefined {
  for (const e of extensions) {
    const m = e[command];
    if (m !== undefined) return { ...m, extension: e.name };
  }
  return undefined;
}

/** The path of the module to load: the flag's, else an extension's; OPTIONS_INVALID when there is neither. */
export async function modulePath(
  given: string | undefined,
  command: 'doctor' | 'verify',
  kind: ModuleKind<unknown>,
  extensions?: readonly Extension[],
): Promise<string> {
  if (given !== undefined) return given;
  const m = extensionModule(extensions ?? (await loadExtensions()), command);
  if (m === undefined)
    throw new OrchestrateError(
      'OPTIONS_INVALID',
      `no ${kind.what} given, and no extension of this installation offers one`,
      {
        fix: `pass ${kind.flag} FILE with a module whose default export is ${kind.example}`,
      },
    );
  return m.path;
}

/** The --help lines about the default module (none when no extension offers one). */
export async function defaultModuleHelp(
  command: 'doctor' | 'verify',
  extensions?: readonly Extension[],
): Promise<string> {
  const m = extensionModule(extensions ?? (await loadExtensions()), command);
  return m === undefined ? '' : `  Default: ${m.path} (extension ${m.extension}).\n${m.help ?? ''}`;
}
