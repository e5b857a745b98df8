// Pure: argv to a typed command; every bad flag is OPTIONS_INVALID naming the flag and the fix.

import { OrchestrateError } from '../errors.ts';
import { didYouMean } from '../inventory/suggest.ts';
import { parseFlags } from './parse-flags.ts';

export interface ApplyArgs {
  readonly command: 'apply' | 'plan';
  readonly playbook: string;
  readonly inventory: string | undefined;
  readonly limit: string | undefined;
  readonly roles: string[] | undefined;
  readonly tags: string[];
  readonly skipTags: string[];
  readonly check: boolean;
  readonly diff: boolean;
  readonly forks: number | undefined;
  readonly extraVars: string[];
  readonly verbose: number;
  readonly json: boolean;
  readonly stateDir: string | undefined;
  readonly artifactsDir: string | undefined;
  readonly detailedExitcode: boolean;
  readonly lockWait: number;
  readonly timeout: number;
  readonly acceptNewHostKeys: boolean;
  /** Seconds the connection mux keeps SSH connections after the run (0: connect directly, close at exit). */
  readonly persist: number;
}

export type Command =
  | ApplyArgs
  | {
      readonly command: 'inventory';
      readonly inventory: string | undefined;
      readonly limit: string | undefined;
      readonly graph: boolean;
      readonly extraVars: string[];
    }
  | {
      readonly command: 'facts';
      readonly inventory: string | undefined;
      readonly limit: string | undefined;
      readonly stateDir: string | undefined;
      readonly extraVars: string[];
      readonly acceptNewHostKeys: boolean;
    }
  | { readonly command: 'lab'; readonly argv: string[] }
  | { readonly command: 'pki'; readonly argv: string[] }
  | { readonly command: 'doctor'; readonly argv: string[] }
  | { readonly command: 'verify'; readonly argv: string[] }
  | { readonly command: 'help'; readonly topic: string | undefined }
  | { readonly command: 'version' };

/** Commands the top level knows (for suggestions). */
const COMMANDS = ['apply', 'plan', 'inventory', 'facts', 'pki', 'doctor', 'lab'];

const common = {
  inventory: { type: 'string', short: 'i' },
  limit: { type: 'string', short: 'l' },
  'extra-vars': { type: 'string', short: 'e', multiple: true },
  'state-dir': { type: 'string' },
  'accept-new-host-keys': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const applyOptions = {
  ...common,
  role: { type: 'string', multiple: true },
  tags: { type: 'string', short: 't', multiple: true },
  'skip-tags': { type: 'string', multiple: true },
  check: { type: 'boolean', short: 'C' },
  diff: { type: 'boolean', short: 'D' },
  forks: { type: 'string', short: 'f' },
  verbose: { type: 'boolean', short: 'v', multiple: true },
  json: { type: 'boolean' },
  'artifacts-dir': { type: 'string' },
  'detailed-exitcode': { type: 'boolean' },
  'lock-wait': { type: 'string' },
  timeout: { type: 'string' },
  persist: { type: 'string' },
} as const;

/** Parses the orchestrate command line. */
export function parseCommand(argv: readonly string[]): Command {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h')
    return { command: 'help', topic: rest[0] };
  if (sub === '--version' || sub === 'version') return { command: 'version' };
  if (sub === 'lab') return { command: 'lab', argv: rest };
  if (sub === 'pki') return { command: 'pki', argv: rest };
  if (sub === 'doctor') return { command: 'doctor', argv: rest };
  if (sub === 'verify') return { command: 'verify', argv: rest };
  if (sub === 'apply' || sub === 'plan') return parseApply(sub, rest);
  if (sub === 'inventory') {
    const { values } = parseFlags(
      { command: sub, options: { ...common, graph: { type: 'boolean' } }, maxOperands: 0 },
      rest,
    );
    if (values.help) return { command: 'help', topic: sub };
    return {
      command: 'inventory',
      inventory: str(values.inventory),
      limit: str(values.limit),
      graph: values.graph === true,
      extraVars: list(values['extra-vars']),
    };
  }
  if (sub === 'facts') {
    const { values } = parseFlags({ command: sub, options: common, maxOperands: 0 }, rest);
    if (values.help) return { command: 'help', topic: sub };
    return {
      command: 'facts',
      inventory: str(values.inventory),
      limit: str(values.limit),
      stateDir: str(values['state-dir']),
      extraVars: list(values['extra-vars']),
      acceptNewHostKeys: values['accept-new-host-keys'] === true,
    };
  }
  throw new OrchestrateError('OPTIONS_INVALID', `unknown command "${sub}"${didYouMean(sub, COMMANDS)}`, {
    fix: `run orchestrate --help for the commands (${COMMANDS.join(', ')})`,
  });
}

function parseApply(sub: 'apply' | 'plan', rest: readonly string[]): Command {
  const { values, positionals } = parseFlags(
    { command: sub, options: applyOptions, maxOperands: 1, operand: 'playbook' },
    rest,
  );
  if (values.help) return { command: 'help', topic: sub };
  const playbook = positionals[0];
  if (!playbook)
    throw new OrchestrateError('OPTIONS_INVALID', `orchestrate ${sub} needs a playbook`, {
      fix: `orchestrate ${sub} playbooks/demo.ts`,
    });
  const roles = list(values.role).flatMap(csv);
  const tags = list(values.tags).flatMap(csv);
  const skipTags = list(values['skip-tags']).flatMap(csv);
  const both = tags.filter((t) => skipTags.includes(t));
  if (both.length > 0)
    throw new OrchestrateError('OPTIONS_INVALID', `--tags and --skip-tags both name ${both.join(', ')}`, {
      fix: `keep ${both.join(', ')} in one of them: --skip-tags wins, so the tagged tasks would never run`,
    });
  return {
    command: sub,
    playbook,
    inventory: str(values.inventory),
    limit: str(values.limit),
    roles: roles.length > 0 ? roles : undefined,
    tags,
    skipTags,
    check: sub === 'plan' || values.check === true,
    diff: sub === 'plan' || values.diff === true,
    forks: values.forks === undefined ? undefined : positiveInt('--forks', values.forks, 1, 1000),
    extraVars: list(values['extra-vars']),
    verbose: Array.isArray(values.verbose) ? values.verbose.length : 0,
    json: values.json === true,
    stateDir: str(values['state-dir']),
    artifactsDir: str(values['artifacts-dir']),
    detailedExitcode: values['detailed-exitcode'] === true,
    lockWait: values['lock-wait'] === undefined ? 10 : positiveInt('--lock-wait', values['lock-wait'], 0, 86400),
    timeout: values.timeout === undefined ? 600 : positiveInt('--timeout', values.timeout, 1, 86400),
    acceptNewHostKeys: values['accept-new-host-keys'] === true,
    persist: persistSeconds(str(values.persist)),
  };
}

/** --persist SECONDS, else ORCHESTRATE_PERSIST, else 0 (no mux). */
function persistSeconds(flag: string | undefined): number {
  if (flag !== undefined) return positiveInt('--persist', flag, 0, 86400);
  const env = process.env['ORCHESTRATE_PERSIST'];
  if (env === undefined || env === '') return 0;
  try {
    return positiveInt('ORCHESTRATE_PERSIST', env, 0, 86400);
  } catch (err) {
    throw new OrchestrateError(
      'OPTIONS_INVALID',
      (err as Error).message.replace('ORCHESTRATE_PERSIST ', 'ORCHESTRATE_PERSIST='),
      {
        fix: 'set ORCHESTRATE_PERSIST to whole seconds (e.g. 60), or unset it',
      },
    );
  }
}

function positiveInt(flag: string, v: string, min: number, max: number): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max)
    throw new OrchestrateError('OPTIONS_INVALID', `${flag} ${v}: expected a whole number from ${min} to ${max}`, {
      fix: `e.g. ${flag} ${Math.max(min, 10)}`,
    });
  return n;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const csv = (v: string): string[] =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
