// Ansible host ranges in inventory host keys: `worker-[0:2]`, `db-[01:10:2]`, `node-[a:c]`.

export type RangeResult =
  { readonly ok: true; readonly names: string[] } | { readonly ok: false; readonly problem: string };

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** A typo like [0:1000000] must not allocate a million hosts. */
const MAX_HOSTS = 10_000;

/** Expands every [begin:end(:step)] in a host key (left to right, nested as a product); keys without one pass through. */
export function expandHostRange(key: string): RangeResult {
  const open = key.indexOf('[');
  if (open < 0) return key.includes(']') ? fail(`unbalanced ']' in ${JSON.stringify(key)}`) : ok([key]);
  const close = key.indexOf(']', open);
  if (close < 0) return fail(`unbalanced '[' in ${JSON.stringify(key)}`);
  const head = key.slice(0, open);
  const tail = key.slice(close + 1);
  const seq = rangeValues(key.slice(open + 1, close));
  if (!seq.ok) return seq;
  const names: string[] = [];
  for (const value of seq.names) {
    const rest = expandHostRange(`${head}${value}${tail}`);
    if (!rest.ok) return rest;
    names.push(...rest.names);
    if (names.length > MAX_HOSTS) return fail(`range ${JSON.stringify(key)} expands to more than ${MAX_HOSTS} hosts`);
  }
  return ok(names);
}

/** The values of one bracket body `begin:end(:step)`, numeric (zero-padded when begin is) or alphabetic. */
function rangeValues(body: string): RangeResult {
  const bounds = body.split(':');
  if (bounds.length !== 2 && bounds.length !== 3)
    return fail(`host range [${body}] must be [begin:end] or [begin:end:step]`);
  const begin = bounds[0] === '' ? '0' : bounds[0]!;
  const end = bounds[1]!;
  const stepText = bounds[2] ?? '1';
  if (end === '') return fail(`host range [${body}] has no end value`);
  if (!/^[0-9]+$/.test(stepText) || Number(stepText) < 1)
    return fail(`host range [${body}] step must be a positive integer`);
  const step = Number(stepText);
  if (/^[a-zA-Z]$/.test(begin) && /^[a-zA-Z]$/.test(end)) {
    const from = LETTERS.indexOf(begin);
    const to = LETTERS.indexOf(end);
    if (from > to) return fail(`host range [${body}] must have begin <= end`);
    const names: string[] = [];
    for (let i = from; i <= to; i += step) names.push(LETTERS[i]!);
    return ok(names);
  }
  if (!/^[0-9]+$/.test(begin) || !/^[0-9]+$/.test(end))
    return fail(`host range [${body}] must be two numbers or two letters`);
  const padded = begin.length > 1 && begin.startsWith('0');
  if (padded && begin.length !== end.length)
    return fail(`host range [${body}] must write begin and end with the same number of digits`);
  const from = Number(begin);
  const to = Number(end);
  if (from > to) return fail(`host range [${body}] must have begin <= end`);
  if ((to - from) / step + 1 > MAX_HOSTS) return fail(`host range [${body}] expands to more than ${MAX_HOSTS} hosts`);
  const names: string[] = [];
  for (let i = from; i <= to; i += step) names.push(padded ? String(i).padStart(begin.length, '0') : String(i));
  return ok(names);
}

function ok(names: string[]): RangeResult {
  return { ok: true, names };
}

function fail(problem: string): RangeResult {
  return { ok: false, problem };
}
