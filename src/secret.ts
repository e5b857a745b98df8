// Secrets are a branded value: printing, JSON or string coercion shows a mask, and every
// registered secret value is scrubbed from logs, diffs and errors by mask().

const MASK = '********';
const registry = new Set<string>();

export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
    if (value.length >= 4) registry.add(value);
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
  if (value.length >= 4) registry.add(value);
  // Multi-line secrets are also masked line by line, so partial dumps are caught too.
  for (const line of value.split('\n')) if (line.trim().length >= 16) registry.add(line.trim());
}

/** Replaces every registered secret value in text with the mask. */
export function mask(text: string): string {
  if (registry.size === 0 || text.length === 0) return text;
  let out = text;
  for (const s of registry) if (out.includes(s)) out = out.split(s).join(MASK);
  return out;
}

export const SECRET_MASK = MASK;
