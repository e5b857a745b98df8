// Pure: the extensions' part of `orchestrate lab`: their flags (parsed with the lab's), their subcommands,
// their `lab up` hooks and the usage lines; a name taken twice is refused before anything runs.

import { OrchestrateError } from '../errors.ts';
import type { Extension, ExtensionFlag, ExtensionFlags, LabCommand, LabUpExtension } from '../extension/index.ts';

/** What the extensions add to the lab command. */
export interface LabExtensions {
  /** parseArgs options of every extension flag. */
  readonly options: Readonly<Record<string, { readonly type: 'string' | 'boolean' }>>;
  readonly commands: ReadonlyMap<string, LabCommand>;
  readonly up: readonly LabUpExtension[];
  /** Usage lines listed under `up` (its flags) and after `base` (the subcommands). */
  readonly upUsage: readonly string[];
  readonly commandUsage: readonly string[];
}

/** The usage's second column starts here, as the lab's own lines do. */
const COLUMN = 44;
const line = (left: string, help: string): string =>
  left.length < COLUMN ? `${left.padEnd(COLUMN)}${help}` : `${left}\n${''.padEnd(COLUMN)}${help}`;
const flagLine = (name: string, f: ExtensionFlag): string =>
  line(`      --${name}${f.value === undefined ? '' : ` ${f.value}`}`, f.help);

/** Combines the extensions; PLAYBOOK_INVALID when one takes a flag or subcommand of the lab or of another extension. */
export function labExtensions(
  extensions: readonly Extension[],
  own: { readonly flags: readonly string[]; readonly commands: readonly string[] },
): LabExtensions {
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  const declaredBy = new Map<string, string>();
  const commands = new Map<string, LabCommand>();
  const up: LabUpExtension[] = [];
  const upUsage: string[] = [];
  const commandUsage: string[] = [];
  const refuse = (ext: Extension, what: string): never => {
    throw new OrchestrateError('PLAYBOOK_INVALID', `extension ${ext.name}: ${what}`, {
      fix: 'rename it in the extension, or list only one of the extensions in package.json',
    });
  };
  const addFlags = (ext: Extension, flags: ExtensionFlags | undefined): void => {
    for (const [name, f] of Object.entries(flags ?? {})) {
      if (own.flags.includes(name)) refuse(ext, `flag --${name} is one of orchestrate lab's own`);
      const by = declaredBy.get(name);
      if (by !== undefined && by !== ext.name) refuse(ext, `flag --${name} is extension ${by}'s`);
      if (options[name] !== undefined && options[name].type !== f.type)
        refuse(ext, `flag --${name} is declared both as ${options[name].type} and ${f.type}`);
      options[name] = { type: f.type };
      declaredBy.set(name, ext.name);
    }
  };
  for (const ext of extensions) {
    const lab = ext.lab;
    if (lab === undefined) continue;
    if (lab.up !== undefined) {
      addFlags(ext, lab.up.flags);
      up.push(lab.up);
      for (const [name, f] of Object.entries(lab.up.flags ?? {})) upUsage.push(flagLine(name, f));
    }
    for (const c of lab.commands ?? []) {
      if (own.commands.includes(c.name)) refuse(ext, `lab command "${c.name}" is one of orchestrate lab's own`);
      if (commands.has(c.name)) refuse(ext, `lab command "${c.name}" is defined twice`);
      addFlags(ext, c.flags);
      commands.set(c.name, c);
      commandUsage.push(line(`  ${c.usage}`, c.help));
    }
  }
  return { options, commands, up, upUsage, commandUsage };
}
