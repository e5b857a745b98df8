// What an extension adds to the CLI: `orchestrate lab` subcommands and flags, a prepare hook for `lab up`,
// and the modules `orchestrate doctor` and `orchestrate verify` load when none is named. The engine stays
// generic; what a domain needs (building programs, a mirror for the lab, checks) comes from its extension.

import type { HostLayout, LabPrepareHook } from '../lab/index.ts';

/** A flag an extension adds to `orchestrate lab`: parsed with the lab's own flags, listed in its usage. */
export interface ExtensionFlag {
  readonly type: 'string' | 'boolean';
  /** The value's placeholder in the usage ('V' shows `--kubernetes V`); none for a boolean. */
  readonly value?: string;
  /** One line: what it does. */
  readonly help: string;
}

/** Flags by name (without the dashes). */
export type ExtensionFlags = Readonly<Record<string, ExtensionFlag>>;

/** The values of the lab's flags, the extensions' included (undefined: not given). */
export type FlagValues = Readonly<Record<string, string | boolean | readonly string[] | undefined>>;

/** One step of a long local build, for the progress view. */
export interface ProgressStep {
  readonly component: string;
  readonly version: string;
  readonly binary: string;
  readonly phase: 'start' | 'done' | 'cached';
  readonly seconds: number;
}

/** A progress view: feed steps in; end() closes it (always call it, also on failure). */
export interface Progress {
  readonly onStep: (s: ProgressStep) => void;
  readonly end: () => void;
}

/** What a lab subcommand gets. */
export interface LabCommandContext {
  /** The lab's name (--name, default "lab"). */
  readonly lab: string;
  /** The words after the subcommand. */
  readonly operands: readonly string[];
  readonly flags: FlagValues;
  /** The machine's cache dir, kept across labs (/var/cache/orchestrate). */
  readonly cacheDir: string;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** A live view of build steps on a terminal (listr2), plain lines otherwise, on stderr. */
  progress(): Progress;
}

/** `orchestrate lab NAME ...`: a subcommand an extension adds. */
export interface LabCommand {
  /** The word after `lab`; must not be one of the lab's own subcommands. */
  readonly name: string;
  /** Its usage after `lab`, e.g. 'artifacts [--kubernetes V]'. */
  readonly usage: string;
  /** One line: what it does. */
  readonly help: string;
  /** The flags it reads (an extension may declare one flag for several commands and `up`, the same way). */
  readonly flags?: ExtensionFlags;
  /** Resolves to the exit status; an OrchestrateError is printed with its fix (OPTIONS_INVALID: exit 5). */
  run(ctx: LabCommandContext): Promise<number>;
}

/** What an extension's `lab up` hook is asked: the layout and the flags given. */
export interface LabUpRequest {
  readonly layout: HostLayout;
  readonly flags: FlagValues;
}

/** An extension's part in `orchestrate lab up`: its flags, and work on this machine while the hosts boot. */
export interface LabUpExtension {
  /** Listed under `up` in the usage. */
  readonly flags?: ExtensionFlags;
  /**
   * The prepare hook for this `lab up` (its vars go into the lab's inventory), or undefined when this
   * layout needs none. Runs before any host starts: throw OPTIONS_INVALID for flags that do not fit.
   */
  prepare(request: LabUpRequest): LabPrepareHook | undefined;
}

/** A module an extension offers to `orchestrate doctor` or `verify` when no --checks / --tests is given. */
export interface DefaultModule {
  /** Absolute path of the module (its default export: defineDoctor(...) or defineVerifier(...)). */
  readonly path: string;
  /** Lines for the command's --help: what the module checks, what it needs, what it changes. */
  readonly help?: string;
}

/**
 * An extension: the default export of a module listed in the installation's package.json,
 * `"orchestrate": { "extensions": ["./path/to/extension.ts"] }`, made by defineExtension().
 */
export interface Extension {
  /** Shown in messages about the extension. */
  readonly name: string;
  readonly lab?: {
    readonly commands?: readonly LabCommand[];
    readonly up?: LabUpExtension;
  };
  readonly doctor?: DefaultModule;
  readonly verify?: DefaultModule;
}
