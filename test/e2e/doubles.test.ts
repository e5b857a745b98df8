// The test doubles in a real lab host: node bound read-only into the host, kube-scheduler and kube-proxy doubles
// under systemd with KTHW's units answer their health endpoints; a unit with a misspelt flag fails.

import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labDown, labSshRun, labUp } from '../../src/lab/index.ts';
import { buildDoubles, DOUBLE_NODE_PATH } from '../doubles/build.ts';
import { kthwFixture } from '../doubles/fixtures.ts';
import { doublesNodeBind, putFile } from '../doubles/lab.ts';

const LAB = 'e2e-doubles';
const HOST = 'h1';
const DIR = '/var/lib/kubernetes';

/** KTHW's unit shape: Restart=on-failure, RestartSec=5; `extra` adds [Service] lines. */
const unit = (description: string, execStart: string, extra = 'Restart=on-failure\nRestartSec=5'): string => `[Unit]
Description=${description}
Documentation=https://github.com/kubernetes/kubernetes

[Service]
ExecStart=${execStart}
${extra}

[Install]
WantedBy=multi-user.target
`;

async function on(script: string): Promise<string> {
  const r = await labSshRun(LAB, HOST, script);
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

describe('e2e: test doubles under systemd in a lab host', function () {
  this.timeout(300_000);
  let work = '';

  before(async function () {
    if (process.getuid?.() !== 0) this.skip();
    work = await mkdtemp(join(tmpdir(), 'e2e-doubles-'));
    await labDown(LAB);
    const [doubles] = await Promise.all([
      buildDoubles(join(work, 'bin'), 'v1.32.3'),
      labUp({ name: LAB, layout: { kind: 'plain', count: 1 }, binds: [doublesNodeBind()] }),
    ]);
    for (const c of ['kube-scheduler', 'kube-proxy'] as const)
      await putFile(LAB, HOST, `/usr/local/bin/${c}`, await readFile(doubles[c]), '0755');
    const fx = kthwFixture({ dir: DIR });
    for (const n of [
      'kube-scheduler.yaml',
      'kube-scheduler.kubeconfig',
      'kube-proxy-config.yaml',
      'kube-proxy.kubeconfig',
    ])
      await putFile(LAB, HOST, `${DIR}/${n}`, fx.files[n]!);
    await putFile(
      LAB,
      HOST,
      '/etc/systemd/system/kube-scheduler.service',
      unit('Kubernetes Scheduler', `/usr/local/bin/kube-scheduler --config=${DIR}/kube-scheduler.yaml --v=2`),
    );
    await putFile(
      LAB,
      HOST,
      '/etc/systemd/system/kube-proxy.service',
      unit('Kubernetes Kube Proxy', `/usr/local/bin/kube-proxy --config=${DIR}/kube-proxy-config.yaml`),
    );
    await putFile(
      LAB,
      HOST,
      '/etc/systemd/system/kube-scheduler-typo.service',
      unit('misspelt flag', `/usr/local/bin/kube-scheduler --confg=${DIR}/kube-scheduler.yaml`, 'Restart=no'),
    );
    await putFile(
      LAB,
      HOST,
      '/etc/systemd/system/kube-scheduler-notify.service',
      unit(
        'Type=notify',
        `/usr/local/bin/kube-scheduler --config=${DIR}/kube-scheduler.yaml --secure-port=10359`,
        'Type=notify\nTimeoutStartSec=20',
      ),
    );
  });

  after(async function () {
    if (process.getuid?.() !== 0) return;
    if (!process.env['KEEP_LAB']) await labDown(LAB);
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("the machine's node is in the host, read-only, and runs there", async () => {
    const out = await on(
      `${DOUBLE_NODE_PATH} --version; findmnt -n -o OPTIONS --target ${DOUBLE_NODE_PATH} | tr , '\\n' | grep -x ro; /usr/local/bin/kube-scheduler --version`,
    );
    expect(out).to.equal(`${process.version}\nro\nKubernetes v1.32.3-orchestrate-test-double\n`);
  });

  it('kube-scheduler and kube-proxy start under systemd and answer /healthz', async () => {
    await on('systemctl daemon-reload && systemctl start kube-scheduler kube-proxy');
    const out =
      await on(`for i in $(seq 50); do curl -ksf https://127.0.0.1:10259/healthz >/dev/null && curl -sf http://127.0.0.1:10256/healthz >/dev/null && break; sleep 0.2; done
      curl -ksS https://127.0.0.1:10259/healthz; echo; curl -sS -o /dev/null -w '%{http_code}\\n' http://127.0.0.1:10256/healthz; systemctl is-active kube-scheduler kube-proxy`);
    expect(out).to.equal('ok\n200\nactive\nactive\n');
  });

  it('a unit with a misspelt flag fails, and the journal says why', async () => {
    await on('systemctl start kube-scheduler-typo || true');
    const out = await on(`for i in $(seq 50); do systemctl is-failed -q kube-scheduler-typo && break; sleep 0.2; done
      systemctl is-failed kube-scheduler-typo; journalctl -u kube-scheduler-typo --no-pager -o cat | grep -m1 'unknown flag'`);
    expect(out).to.equal('failed\nError: unknown flag: --confg\n');
  });

  it('a Type=notify unit becomes active (READY=1 through systemd-notify)', async () => {
    expect(await on('systemctl start kube-scheduler-notify && systemctl is-active kube-scheduler-notify')).to.equal(
      'active\n',
    );
  });
});
