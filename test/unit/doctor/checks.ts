// Checks the doctor tests run: one that echoes a value per host, one whose snippet fails, one whose judge throws.

import { defineCheck, finding } from '../../../src/doctor/index.ts';
import type { Host } from '../../../src/inventory/types.ts';

const host = (name: string, group: string) => ({ name, groups: new Set([group]) }) as unknown as Host;
export const HOSTS = [host('a', 'x'), host('b', 'x'), host('c', 'y')];

/** Echoes a value per host; judges "bad" as fail, "meh" as warn. */
export const echoCheck = defineCheck<{ values: Record<string, string> }>({
  id: 'echo',
  title: 'echo a value',
  probe: (h, ctx) =>
    ctx.values[h.name] === undefined ? undefined : `echo value=${ctx.values[h.name]}; echo noise >&2`,
  judge: (outputs) =>
    [...outputs].map(([name, o]) => {
      if (!o.ok) return finding('echo', name, 'fail', 'lost');
      const v = /value=(\w+)/.exec(o.text)?.[1];
      const verdict = v === 'bad' ? 'fail' : v === 'meh' ? 'warn' : 'ok';
      return finding('echo', name, verdict, `value ${v}`, [o.text], verdict === 'ok' ? undefined : 'set it to good');
    }),
});
export const failingSnippet = defineCheck<unknown>({
  id: 'broken-snippet',
  title: 'a snippet that exits non-zero',
  probe: () => 'echo partial; exit 7',
  judge: (outputs) => [...outputs].map(([name, o]) => finding('broken-snippet', name, 'ok', o.ok ? o.text : 'lost')),
});
export const crashingJudge = defineCheck<unknown>({
  id: 'crash',
  title: 'a judge that throws',
  probe: (h) => (h.name === 'a' ? 'true' : undefined),
  judge: () => {
    throw new Error('boom');
  },
});
