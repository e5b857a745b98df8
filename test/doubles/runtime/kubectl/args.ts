// kubectl double's command line: the subset of kubectl it implements; any other flag is refused as unknown.

import { DoubleError } from '../fail.ts';

/** Flags the double understands (name -> takes a value). Shorthands map to these names. */
const FLAGS: Record<string, boolean> = {
  kubeconfig: true,
  namespace: true,
  context: true,
  output: true,
  filename: true,
  'field-manager': true,
  'server-side': false,
  'force-conflicts': false,
  validate: true,
  raw: true,
  client: false,
  'all-namespaces': false,
  v: true,
  'request-timeout': true,
};
const SHORT: Record<string, string> = { n: 'namespace', o: 'output', f: 'filename', A: 'all-namespaces', v: 'v' };

/** A parsed kubectl command line. */
export interface KubectlArgs {
  readonly words: string[];
  readonly flags: Map<string, string>;
}

/** Pure: argv -> words and flags, with kubectl's error text for an unknown flag. */
export function parseKubectlArgs(argv: readonly string[]): KubectlArgs {
  const words: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      words.push(a);
      continue;
    }
    const long = a.startsWith('--');
    const body = a.slice(long ? 2 : 1);
    const eq = body.indexOf('=');
    const rawName = eq < 0 ? body : body.slice(0, eq);
    const name = long ? rawName : (SHORT[rawName] ?? '');
    if (!(name in FLAGS))
      throw new DoubleError(long ? `unknown flag: --${rawName}` : `unknown shorthand flag: '${rawName[0]}' in ${a}`);
    if (eq >= 0) flags.set(name, body.slice(eq + 1));
    else if (!FLAGS[name]) flags.set(name, 'true');
    else if (i + 1 < argv.length) flags.set(name, argv[++i]!);
    else throw new DoubleError(`flag needs an argument: ${a}`);
  }
  return { words, flags };
}
