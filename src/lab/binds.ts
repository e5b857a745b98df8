// Caller-given binds into lab hosts: absolute paths nspawn can parse, sources that exist on the machine.

import { access } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { OrchestrateError } from '../errors.ts';
import type { LabBind } from './launcher.ts';

/** Pure: "SRC" or "SRC:DST" (as `lab up --bind-ro` takes it) -> a read-only bind. */
export function parseBindSpec(spec: string): LabBind {
  const [source = '', target = source, ...rest] = spec.split(':');
  if (rest.length > 0) throw badBind(spec, 'expected SRC or SRC:DST');
  return { source, target, readOnly: true };
}

function badBind(what: string, why: string): OrchestrateError {
  return new OrchestrateError('OPTIONS_INVALID', `bind ${JSON.stringify(what)}: ${why}`, {
    fix: 'give absolute paths without ":" or ",", e.g. --bind-ro /usr/bin/node:/opt/orchestrate-test/node',
  });
}

/** Refuses relative paths, nspawn's separators and sources that do not exist; returns the binds. */
export async function checkBinds(binds: readonly LabBind[]): Promise<LabBind[]> {
  for (const b of binds) {
    const label = `${b.source}:${b.target}`;
    if (!isAbsolute(b.source) || !isAbsolute(b.target)) throw badBind(label, 'paths must be absolute');
    if (/[:,\\]/.test(b.source + b.target)) throw badBind(label, 'paths must not contain ":", "," or "\\"');
    await access(b.source).catch(() => {
      throw badBind(label, `${b.source} does not exist on this machine`);
    });
  }
  return [...binds];
}
