// The executor end to end without SSH: a "remote" that runs each script with the local sh.

import { expect } from 'chai';
import { rmSync, writeFileSync, readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildInventory } from '../../../src/inventory/build.ts';
import { parseYamlInventory } from '../../../src/inventory/yaml.ts';
import { runPlaybook } from '../../../src/executor/run-playbook.ts';
import { defineHandler, definePlaybook, defineRole } from '../../../src/executor/define.ts';
import type { Module } from '../../../src/modules/types.ts';
import type { Play } from '../../../src/executor/types.ts';
import type { RunEvent } from '../../../src/reporting/events.ts';
import { sh } from '../../../src/shell/quote.ts';
import { hostPaths } from '../../../src/executor/host-paths.ts';
import { localShell, testHost, type TestHost } from '../../support/remote-host.ts';
import { removeTempDir, tempDir } from '../../support/temp-dir.ts';

/** A value in a file: probe reads it, the step writes it; a value 'FAIL' makes the step fail. */
const value: Module<{ file: string; want: string }, string> = {
  id: 'test.value',
  probe: (p) => sh`cat ${p.file} 2>/dev/null || echo absent`,
  parse: (out) => out.trim(),
  plan: (p, have) =>
    have === p.want
      ? []
      : [
          {
            kind: 'run',
            summary: `set ${p.want}`,
            script: p.want === 'FAIL' ? 'echo boom >&2; exit 1' : sh`printf %s ${p.want} > ${p.file}`,
          },
        ],
};

describe('runPlaybook (local sh as the remote)', function () {
  this.timeout(30_000);
  let dir = '';
  // The local "hosts" share one state dir of the engine, in the test's own dir.
  beforeEach(() => (dir = tempDir('orch-exec-')));
  afterEach(() => removeTempDir(dir));

  const inventory = () =>
    buildInventory(
      parseYamlInventory(`all:\n  hosts:\n    h1: {}\n    h2: {}\n    h3: {}\n    h4: {}\n`, join(dir, 'inv.yaml')),
      { cwd: dir },
    );

  const role = (name: string, opts: { fail?: string[]; gateFail?: string[]; serial?: number } = {}) =>
    defineRole({
      name,
      ...(opts.serial ? { serial: opts.serial } : {}),
      tasks: (ctx) => [
        {
          name: 'value',
          action: {
            module: value,
            params: {
              file: join(dir, `${ctx.host.name}-${name}`),
              want: opts.fail?.includes(ctx.host.name) ? 'FAIL' : 'v1',
            },
          },
        },
      ],
      health: (ctx) => ({
        name: 'gate',
        check: opts.gateFail?.includes(ctx.host.name) ? 'false' : 'true',
        retries: 2,
        delayMs: 0,
      }),
    });

  async function run(plays: Play[], check = false) {
    const events: RunEvent[] = [];
    const hosts: TestHost[] = [];
    const result = await runPlaybook({
      inventory: inventory(),
      playbook: definePlaybook({ name: 't', plays }),
      limit: undefined,
      roles: undefined,
      tags: [],
      skipTags: [],
      check,
      diff: false,
      forks: 2,
      stateDir: join(dir, 'state'),
      artifactsDir: undefined,
      runId: 'unit-run',
      lockWaitMs: 0,
      probeTimeoutMs: 10_000,
      applyTimeoutMs: 10_000,
      hostPaths: hostPaths(join(dir, 'host')),
      connect: async (h) => {
        const host = testHost(h.name, { exec: localShell, locks: true });
        hosts.push(host);
        return host;
      },
      sink: (e) => events.push(e),
    });
    const status = Object.fromEntries([...result.sessions].map(([k, s]) => [k, s.status]));
    const ran = (r: string) => ['h1', 'h2', 'h3', 'h4'].filter((h) => existsSync(join(dir, `${h}-${r}`)));
    const rt = Object.fromEntries([...result.sessions].map(([k, s]) => [k, s.remote?.execCount]));
    return { events, status, ran, rt, hosts };
  }

  it('GIVEN a failing host WHEN linear THEN only that host stops; the next role runs on the rest', async () => {
    const r = await run([{ name: 'p', hosts: 'all', roles: [role('a', { fail: ['h2'] }), role('b')] }]);
    expect(r.status).to.deep.equal({ h1: 'ok', h2: 'failed', h3: 'ok', h4: 'ok' });
    expect(r.ran('b')).to.deep.equal(['h1', 'h3', 'h4']);
  });

  it('GIVEN serial 1 and a health gate failing on the first host THEN the rollout stops before the next host', async () => {
    const r = await run([{ name: 'p', hosts: 'all', roles: [role('a', { gateFail: ['h1'], serial: 1 })] }]);
    expect(r.status['h1']).to.equal('failed');
    expect(r.ran('a')).to.deep.equal(['h1']);
    const gate = r.events.find((e) => e.type === 'health');
    expect(gate).to.deep.include({ host: 'h1', passed: false });
  });

  it('GIVEN a rolling role THEN tasks run everywhere at once, handlers one host at a time, and a failing gate stops the rest', async () => {
    const restart = defineHandler({
      name: 'restart',
      action: { module: value, params: { file: join(dir, 'restarts'), want: 'x' } },
    });
    const rolling = defineRole({
      name: 'r',
      rolling: 1,
      tasks: (ctx) => [
        {
          name: 'value',
          action: { module: value, params: { file: join(dir, `${ctx.host.name}-r`), want: 'v1' } },
          notify: [restart],
        },
      ],
      handlers: [restart],
      health: (ctx) => ({ name: 'gate', check: ctx.host.name === 'h2' ? 'false' : 'true', retries: 1, delayMs: 0 }),
    });
    // The handler's "value" module appends nothing on a no-op, so count restarts through events instead.
    const r = await run([{ name: 'p', hosts: 'all', roles: [rolling] }]);
    expect(r.ran('r')).to.deep.equal(['h1', 'h2', 'h3', 'h4']);
    const handled = r.events.filter((e) => e.type === 'handler').map((e) => (e.type === 'handler' ? e.host : ''));
    expect(handled).to.deep.equal(['h1', 'h2']);
    expect(r.status).to.deep.equal({ h1: 'ok', h2: 'failed', h3: 'ok', h4: 'ok' });
  });

  it('GIVEN host paths under a temp dir THEN the host lock, the staging dir and the pending-handler journal are there', async () => {
    // The handler fails: its journal entry stays for the next run.
    const restart = defineHandler({
      name: 'restart',
      action: { module: value, params: { file: join(dir, 'restarts'), want: 'FAIL' } },
    });
    const journaled = defineRole({
      name: 'j',
      tasks: (ctx) => [
        {
          name: 'value',
          action: { module: value, params: { file: join(dir, `${ctx.host.name}-j`), want: 'v1' } },
          notify: [restart],
        },
      ],
      handlers: [restart],
    });
    const r = await run([{ name: 'p', hosts: 'h1', roles: [journaled] }]);
    expect(r.status).to.deep.equal({ h1: 'failed' });
    expect(r.hosts.map((h) => h.locks)).to.deep.equal([[join(dir, 'host', 'lock')]]);
    expect(readFileSync(join(dir, 'host', 'pending', 'j--restart'), 'utf8')).to.equal('restart\n');
    // The run's own staging dir was made there and removed by the apply script.
    expect(readdirSync(join(dir, 'host', 'stage'))).to.deep.equal([]);
  });

  it('GIVEN anyErrorsFatal THEN a failure stops every host before the next role', async () => {
    const r = await run([
      { name: 'p', hosts: 'all', anyErrorsFatal: true, roles: [role('a', { fail: ['h3'] }), role('b')] },
    ]);
    expect(r.ran('b')).to.deep.equal([]);
  });

  it('GIVEN maxFailPercentage 25 and 2 of 4 failing THEN the play stops; at 50 it goes on', async () => {
    const stop = await run([
      { name: 'p', hosts: 'all', maxFailPercentage: 25, roles: [role('a', { fail: ['h1', 'h2'] }), role('b')] },
    ]);
    expect(stop.ran('b')).to.deep.equal([]);
    rmSync(join(dir, 'h3-a'));
    rmSync(join(dir, 'h4-a'));
    const go = await run([
      { name: 'p', hosts: 'all', maxFailPercentage: 50, roles: [role('a', { fail: ['h1', 'h2'] }), role('b')] },
    ]);
    expect(go.ran('b')).to.deep.equal(['h3', 'h4']);
  });

  it('GIVEN strategy free THEN each host runs all its roles without waiting for the others', async () => {
    const r = await run([
      { name: 'p', hosts: 'all', strategy: 'free', roles: [role('a', { fail: ['h4'] }), role('b')] },
    ]);
    expect(r.ran('b')).to.deep.equal(['h1', 'h2', 'h3']);
    // Host h1's role b starts before the last host finished role a: the order of role-starts interleaves.
    const starts = r.events
      .filter((e) => e.type === 'role-start')
      .map((e) => (e.type === 'role-start' ? `${e.host}:${e.role}` : ''));
    expect(starts.indexOf('h1:b')).to.be.lessThan(starts.lastIndexOf('h4:a') + 2);
  });

  it('GIVEN --check THEN nothing is written and the would-be changes are reported', async () => {
    const r = await run([{ name: 'p', hosts: 'all', roles: [role('a')] }], true);
    expect(r.ran('a')).to.deep.equal([]);
    expect(r.events.filter((e) => e.type === 'task' && e.status === 'changed')).to.have.length(4);
  });

  it('GIVEN a second run THEN nothing changes and each host used ONE round trip: facts and the probes of all its roles', async () => {
    const plays = (): Play[] => [
      { name: 'p', hosts: 'all', roles: [role('a'), role('b')] },
      { name: 'q', hosts: 'h1:h2', roles: [role('c')] },
    ];
    await run(plays());
    const again = await run(plays());
    expect(again.events.filter((e) => e.type === 'task' && e.status !== 'ok')).to.deep.equal([]);
    expect(again.rt).to.deep.equal({ h1: 1, h2: 1, h3: 1, h4: 1 });
    writeFileSync(join(dir, 'h1-a'), 'drift');
    await run([{ name: 'p', hosts: 'all', roles: [role('a')] }]);
    expect(readFileSync(join(dir, 'h1-a'), 'utf8')).to.equal('v1');
  });

  it('GIVEN cached facts that no longer hold WHEN run THEN a probe built from them is not used: that role probes with the real facts', async () => {
    // The task's file is named after the kernel release, a fact: its probe text depends on the facts.
    const byKernel = defineRole({
      name: 'k',
      tasks: (ctx) => [
        {
          name: 'value',
          action: { module: value, params: { file: join(dir, `${ctx.host.name}-${ctx.facts.kernel}`), want: 'v1' } },
        },
      ],
    });
    const plays = (): Play[] => [{ name: 'p', hosts: 'all', roles: [role('a'), byKernel] }];
    await run(plays());
    const cache = join(dir, 'state', 'facts', 'h1.json');
    const cached = JSON.parse(readFileSync(cache, 'utf8')) as { kernel: string };
    writeFileSync(cache, JSON.stringify({ ...cached, kernel: 'an-older-kernel' }));
    // Plant the file the stale probe would look at: read from it, k would look done on h1.
    writeFileSync(join(dir, 'h1-an-older-kernel'), 'v1');
    rmSync(join(dir, `h1-${cached.kernel}`));
    const again = await run(plays());
    const changed = again.events.filter((e) => e.type === 'task' && e.status === 'changed');
    expect(changed.map((e) => (e.type === 'task' ? `${e.host}:${e.role}` : ''))).to.deep.equal(['h1:k']);
    expect(readFileSync(join(dir, `h1-${cached.kernel}`), 'utf8')).to.equal('v1');
    // h1: facts with probes (a used; k's was built from the stale kernel), k probed afresh, k applied.
    // (The other hosts' k is read again too if h1's apply came first: any apply ends reading ahead.)
    expect(again.rt.h1).to.equal(3);
  });

  it('GIVEN roles whose tasks and health use their context THEN context() runs once per host per run on its facts, rolling or not', async () => {
    const calls: { role: string; host: string; gatheredAt: string }[] = [];
    const restarts = join(dir, 'restarts');
    const restart = defineHandler({
      name: 'restart',
      action: { module: value, params: { file: restarts, want: 'x' } },
    });
    const withContext = (name: string, rolling?: number) =>
      defineRole({
        name,
        ...(rolling ? { rolling } : {}),
        context: (ctx) => {
          calls.push({ role: name, host: ctx.host.name, gatheredAt: ctx.facts.gatheredAt });
          return { file: join(dir, `${ctx.host.name}-${name}`) };
        },
        tasks: (_ctx, c) => [
          { name: 'value', action: { module: value, params: { file: c.file, want: 'v1' } }, notify: [restart] },
        ],
        handlers: [restart],
        health: (_ctx, c) => ({ name: 'gate', check: sh`test -f ${c.file}`, retries: 1, delayMs: 0 }),
      });
    const plays = (): Play[] => [{ name: 'p', hosts: 'all', roles: [withContext('a'), withContext('r', 1)] }];
    const once = ['a', 'r'].flatMap((role) => ['h1', 'h2', 'h3', 'h4'].map((host) => `${role} ${host}`));
    const first = await run(plays());
    expect(first.status).to.deep.equal({ h1: 'ok', h2: 'ok', h3: 'ok', h4: 'ok' });
    // Tasks, the probes read ahead for r, the handlers and the gates all used the one context per host.
    expect(first.events.filter((e) => e.type === 'health' && e.passed)).to.have.length(8);
    expect(calls.map((c) => `${c.role} ${c.host}`).sort()).to.deep.equal(once);
    // With the facts cached, the probes sent along with the facts come from a context of the cached facts:
    // a guess, dropped; this run's facts still get theirs once.
    calls.length = 0;
    await run(plays());
    const facts = (host: string) =>
      (JSON.parse(readFileSync(join(dir, 'state', 'facts', `${host}.json`), 'utf8')) as { gatheredAt: string })
        .gatheredAt;
    const onRunFacts = calls.filter((c) => c.gatheredAt === facts(c.host));
    expect(onRunFacts.map((c) => `${c.role} ${c.host}`).sort()).to.deep.equal(once);
    expect(calls.length - onRunFacts.length).to.be.at.most(once.length);
  });

  /** A role whose one task sets `file` to v1 on the hosts listed (all when omitted). */
  const setter = (name: string, file: string, on?: string[]) =>
    defineRole({
      name,
      tasks: (ctx) =>
        on && !on.includes(ctx.host.name)
          ? []
          : [{ name: 'value', action: { module: value, params: { file, want: 'v1' } } }],
    });

  it('GIVEN a role that changes a host THEN later roles are probed afresh, never from what was read before the change', async () => {
    const shared = join(dir, 'shared');
    // Role w writes `shared` on h1 only; role r, later, wants the same on every host: after w it is
    // already there, which only a probe taken after w's apply can see (h2-h4 read ahead before it).
    const r = await run([{ name: 'p', hosts: 'all', roles: [setter('w', shared, ['h1']), setter('r', shared)] }]);
    const changed = r.events.filter((e) => e.type === 'task' && e.status === 'changed');
    expect(changed.map((e) => (e.type === 'task' ? `${e.host}:${e.role}` : ''))).to.deep.equal(['h1:w']);
    // h1: facts, probe (w, reading r ahead), apply, probe r afresh; the others: facts, probe, probe.
    expect(r.rt).to.deep.equal({ h1: 4, h2: 3, h3: 3, h4: 3 });
  });

  it('GIVEN --check THEN what was read ahead stays valid: one probe per host for all roles', async () => {
    const r = await run([{ name: 'p', hosts: 'all', roles: [role('a'), role('b')] }], true);
    expect(r.events.filter((e) => e.type === 'task' && e.status === 'changed')).to.have.length(8);
    expect(r.rt).to.deep.equal({ h1: 2, h2: 2, h3: 2, h4: 2 });
  });
});
