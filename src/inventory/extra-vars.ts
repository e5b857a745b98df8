// -e / --extra-vars, as ansible-playbook: `k=v k2="v 2"`, `'{"json": 1}'`, `@vars.yaml`; later wins.

import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { OrchestrateError } from '../errors.ts';
import { isRecord, show } from './invalid.ts';

export interface ExtraVarsOptions {
  /** `@file` paths are relative to this; default process.cwd(). */
  readonly cwd?: string;
}

const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FILE_TYPES = ['.yaml', '.yml', '.json'];

/** Merges every -e argument left to right (shallow: a later key replaces an earlier one whole). */
export function parseExtraVars(args: readonly string[], opts: ExtraVarsOptions = {}): Record<string, unknown> {
  const cwd = opts.cwd ?? process.cwd();
  const merged: Record<string, unknown> = {};
  for (const arg of args) Object.assign(merged, parseExtraVarsArg(arg, cwd));
  return merged;
}

/** One -e argument: `@file`, a `{...}` JSON/YAML mapping, or space-separated k=v pairs (values are strings). */
export function parseExtraVarsArg(arg: string, cwd: string): Record<string, unknown> {
  const text = arg.trim();
  if (text === '') throw optionsInvalid(arg, 'is empty', 'write -e key=value, -e \'{"key": 1}\' or -e @vars.yaml');
  if (text.startsWith('@')) return fromFile(arg, text.slice(1), cwd);
  if (text.startsWith('{') || text.startsWith('[')) return checked(arg, parseMapping(arg, text, 'the value'));
  return checked(arg, parseKeyValues(arg, text));
}

/** `a=1 b="two words" c='x y'`: shell-like quoting, a backslash escapes the next character. */
export function parseKeyValues(arg: string, text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const token of tokenize(arg, text)) {
    const eq = token.raw.indexOf('=');
    if (eq <= 0)
      throw optionsInvalid(
        arg,
        `${show(token.value)} is not key=value`,
        "write key=value pairs separated by spaces, e.g. -e 'version=1.32 debug=true'",
      );
    out[token.value.slice(0, eq)] = token.value.slice(eq + 1);
  }
  return out;
}

/** Whitespace-separated words; quotes group and are removed. `raw` (same length) masks quoted or escaped chars, to find the unquoted `=`. */
function tokenize(arg: string, text: string): { raw: string; value: string }[] {
  const tokens: { raw: string; value: string }[] = [];
  let raw = '';
  let value = '';
  let quote: string | undefined;
  let inToken = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && quote !== "'" && i + 1 < text.length) {
      value += text[++i];
      raw += 'x';
    } else if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      else {
        value += ch;
        raw += ch === '=' ? 'x' : ch;
      }
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (/\s/.test(ch)) {
      if (inToken) tokens.push({ raw, value });
      raw = value = '';
      inToken = false;
      continue;
    } else {
      value += ch;
      raw += ch;
    }
    inToken = true;
  }
  if (quote !== undefined)
    throw optionsInvalid(arg, `has an unclosed ${quote}`, `close the quote, e.g. -e 'msg="hello world"'`);
  if (inToken) tokens.push({ raw, value });
  return tokens;
}

function fromFile(arg: string, path: string, cwd: string): Record<string, unknown> {
  if (path === '') throw optionsInvalid(arg, 'names no file', 'write -e @vars.yaml');
  const full = resolve(cwd, path);
  if (!FILE_TYPES.includes(extname(full).toLowerCase()))
    throw optionsInvalid(
      arg,
      `${path} is not a .yaml, .yml or .json file`,
      'give a vars file ending in .yaml, .yml or .json',
    );
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw optionsInvalid(
      arg,
      code === 'ENOENT' ? `${full} does not exist` : `${full} cannot be read (${code ?? String(err)})`,
      'give a vars file path relative to the current directory',
      err,
    );
  }
  return checked(arg, text.trim() === '' ? {} : parseMapping(arg, text, full));
}

/** JSON or YAML text that must be a mapping; syntax errors give line:col. */
function parseMapping(arg: string, text: string, what: string): Record<string, unknown> {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0];
    const at = pos ? ` at line ${pos.line}:${pos.col}` : '';
    throw varsInvalid(
      arg,
      `${what} is not valid JSON/YAML${at}: ${err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
      'fix the syntax; a JSON object needs double-quoted keys',
    );
  }
  const value: unknown = doc.toJS({ maxAliasCount: 1000 });
  if (!isRecord(value))
    throw varsInvalid(
      arg,
      `${what} is not a mapping of names to values (got ${show(value)})`,
      'extra vars must be an object such as {"name": "value"}',
    );
  return value;
}

/** Every top-level name must be a variable name, as Ansible requires. */
function checked(arg: string, vars: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(vars))
    if (!VAR_NAME.test(key))
      throw varsInvalid(
        arg,
        `${show(key)} is not a valid variable name`,
        'use letters, digits and _, not starting with a digit',
      );
  return vars;
}

function optionsInvalid(arg: string, problem: string, fix: string, cause?: unknown): OrchestrateError {
  return new OrchestrateError(
    'OPTIONS_INVALID',
    `-e ${show(arg)}: ${problem}`,
    cause === undefined ? { fix } : { fix, cause },
  );
}

function varsInvalid(arg: string, problem: string, fix: string): OrchestrateError {
  return new OrchestrateError('VARS_INVALID', `-e ${show(arg)}: ${problem}`, { fix });
}
