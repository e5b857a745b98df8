// Secrets are a branded value: printing, JSON or string coercion shows a mask, and every
// registered secret value is scrubbed from logs, diffs and errors by mask().

const MASK = '********';
const registry = new Set<string>();
/** Registered values by their first 4 characters (every value has at least 4): rebuilt after a registration. */
let byPrefix: Map<string, string[]> | undefined;
/** Values whose lines registerSecret() registered too. */
const linesRegistered = new Set<string>();

function register(value: string): void {
  if (value.length < 4 || registry.has(value)) return;
  registry.add(value);
  byPrefix = undefined;
}

export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
    register(value);
  }
  /** The real value, for the few places that must write it (a file on a host). */
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return MASK;
  }
  toJSON(): string {
    return MASK;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Secret(${MASK})`;
  }
}

/** Wraps a value as a Secret (and registers it for masking). */
export function secret(value: string): Secret {
  return new Secret(value);
}

/** Registers a value that must never be printed (e.g. a PEM private key read from disk). */
export function registerSecret(value: string): void {
  if (linesRegistered.has(value)) return; // read again (the same key for the next host): done already
  linesRegistered.add(value);
  register(value);
  // Multi-line secrets are also masked line by line, so partial dumps are caught too.
  for (const line of value.split('\n')) if (line.trim().length >= 16) register(line.trim());
}

/**
 * Replaces every registered secret value in text with the mask. One pass over the text finds the
 * values that start at each position (by their first 4 characters), so a text without secrets costs
 * its length, not its length times the hundreds of values (PEM keys line by line) registered.
 */
export function mask(text: string): string {
  if (registry.size === 0 || text.length < 4) return text;
  if (byPrefix === undefined) {
    byPrefix = new Map();
    for (const s of registry) {
      const k = s.slice(0, 4);
      const list = byPrefix.get(k);
      if (list) list.push(s);
      else byPrefix.set(k, [s]);
    }
  }
  let found: Set<string> | undefined;
  for (let i = 0; i + 4 <= text.length; i++) {
    const candidates = byPrefix.get(text.slice(i, i + 4));
    if (candidates) for (const s of candidates) if (text.startsWith(s, i)) (found ??= new Set()).add(s);
  }
  if (found === undefined) return text;
  // Registration order, as before: a whole key first, then any of its lines still left.
  let out = text;
  for (const s of registry) if (found.has(s) && out.includes(s)) out = out.split(s).join(MASK);
  return out;
}

export const SECRET_MASK = MASK;
