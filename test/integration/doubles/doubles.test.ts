// The built doubles as processes on this machine: they start on valid KTHW files and serve health; a misspelt
// flag, a removed flag or a missing file makes each exit 1 with the reason on stderr.

import { expect } from 'chai';
import { get as httpGet } from 'node:http';
import { createServer as createNet, type Server as NetServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kthwFixture, type Fixture } from '../../doubles/fixtures.ts';
import { fakeEtcd, type FakeEtcd } from './fake-etcd.ts';
import { SERVER_COMPONENTS, type DoubleComponent, type ServerComponent } from '../../doubles/build.ts';
import { doublesFor, freePort, httpsGet, killAll, runDoubleToExit, startDouble, waitFor } from './support.ts';
import { tempFiles } from '../../support/temp-dir.ts';

/** A removed (or never-existing-in-1.32) flag per component, with a value. */
const REMOVED: Record<ServerComponent, string> = {
  'kube-apiserver': '--insecure-port=0',
  'kube-controller-manager': '--port=0',
  'kube-scheduler': '--port=0',
  kubelet: '--network-plugin=cni',
  'kube-proxy': '--resource-container=',
};
/** A flag each component's fixture names a file with. */
const FILE_FLAG: Record<ServerComponent, string> = {
  'kube-apiserver': 'tls-cert-file',
  'kube-controller-manager': 'root-ca-file',
  'kube-scheduler': 'config',
  kubelet: 'kubeconfig',
  'kube-proxy': 'config',
};

function httpStatus(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    httpGet(url, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe("doubles (built, run with this machine's node)", function () {
  this.timeout(60_000);
  const tmp = tempFiles();
  const stateDir = join(tmp.dir, 'apiserver-state');
  let doubles: Record<DoubleComponent, string>;
  let fx: Fixture;
  let etcd: FakeEtcd;
  let cri: NetServer;
  const ports: Record<string, number> = {};

  before(async () => {
    doubles = await doublesFor('v1.32.3');
    for (const k of [
      'apiserver',
      'controllerManager',
      'scheduler',
      'kubelet',
      'kubeletHealthz',
      'proxyHealthz',
      'proxyMetrics',
      'etcd',
    ])
      ports[k] = await freePort();
    const criSocket = join(tmp.dir, 'containerd.sock');
    fx = kthwFixture({ dir: tmp.dir, ports, criSocket, etcdServers: `https://127.0.0.1:${ports['etcd']}` });
    for (const [n, t] of Object.entries(fx.files)) tmp.write(n, t);
    etcd = await fakeEtcd(ports['etcd']!, {
      cert: fx.files['kubernetes.pem']!,
      key: fx.files['kubernetes-key.pem']!,
      caPem: fx.ca.certPem,
    });
    cri = createNet((s) => s.destroy());
    await new Promise<void>((r) => cri.listen(criSocket, r));
  });

  after(() => {
    killAll();
    void etcd?.close();
    cri?.close();
    tmp.rm();
  });

  const env = (): NodeJS.ProcessEnv => ({
    ORCHESTRATE_DOUBLE_STATE_DIR: stateDir,
    ORCHESTRATE_DOUBLE_ETCD_WAIT_S: '2',
    ORCHESTRATE_DOUBLE_CRI_WAIT_S: '1',
  });

  it('--version says it is a double of that version; --help lists the flags', async () => {
    for (const c of SERVER_COMPONENTS) {
      const v = await runDoubleToExit(doubles[c], ['--version']);
      expect(v).to.deep.equal({ code: 0, output: 'Kubernetes v1.32.3-orchestrate-test-double\n' });
    }
    const h = await runDoubleToExit(doubles['kube-scheduler'], ['-h']);
    expect(h.code).to.equal(0);
    expect(h.output).to.include('--leader-elect');
  });

  for (const c of SERVER_COMPONENTS) {
    describe(c, () => {
      it('refuses a misspelt flag: exit 1, "unknown flag" on stderr', async () => {
        const r = await runDoubleToExit(doubles[c], [...fx.args[c], '--kubeconfg=/x'], env());
        expect(r.code).to.equal(1);
        expect(r.output).to.include('unknown flag: --kubeconfg');
      });

      it(`refuses a removed flag (${REMOVED[c]})`, async () => {
        const r = await runDoubleToExit(doubles[c], [...fx.args[c], REMOVED[c]], env());
        expect(r.code).to.equal(1);
        expect(r.output).to.include(`unknown flag: ${REMOVED[c].split('=')[0]}`);
      });

      it(`refuses a missing file (--${FILE_FLAG[c]})`, async () => {
        const args = fx.args[c].map((a) =>
          a.startsWith(`--${FILE_FLAG[c]}=`) ? `--${FILE_FLAG[c]}=${tmp.dir}/missing.file` : a,
        );
        const r = await runDoubleToExit(doubles[c], args, env());
        expect(r.code, r.output).to.equal(1);
        expect(r.output).to.match(new RegExp(`--${FILE_FLAG[c]}.*${tmp.dir}/missing.file: no such file`));
      });
    });
  }

  it('kube-scheduler serves /healthz over TLS (self-signed) and stops on SIGTERM with exit 0', async () => {
    const p = startDouble(doubles['kube-scheduler'], fx.args['kube-scheduler'], env());
    await waitFor(p, 'serving health on');
    const r = await httpsGet(`https://127.0.0.1:${ports['scheduler']}/healthz`).catch((e: Error) => e);
    expect(String(r)).to.match(/self.signed|certificate/i); // not our CA: a client must skip verification, as for the real one
    const ok = await httpsGetInsecure(`https://127.0.0.1:${ports['scheduler']}/healthz`);
    expect(ok).to.include({ status: 200, body: 'ok' });
    expect(await p.stop()).to.equal(0);
  });

  it('kube-controller-manager serves /healthz on its secure port', async () => {
    const p = startDouble(doubles['kube-controller-manager'], fx.args['kube-controller-manager'], env());
    await waitFor(p, 'serving health on');
    expect(await httpsGetInsecure(`https://127.0.0.1:${ports['controllerManager']}/healthz`)).to.include({
      status: 200,
      body: 'ok',
    });
    await p.stop();
  });

  it('kube-proxy serves http /healthz and /proxyMode', async () => {
    const p = startDouble(doubles['kube-proxy'], fx.args['kube-proxy'], env());
    await waitFor(p, 'healthz on');
    const h = await httpStatus(`http://127.0.0.1:${ports['proxyHealthz']}/healthz`);
    expect(h.status).to.equal(200);
    expect(JSON.parse(h.body)).to.have.property('lastUpdated');
    expect(await httpStatus(`http://127.0.0.1:${ports['proxyMetrics']}/proxyMode`)).to.deep.equal({
      status: 200,
      body: 'iptables',
    });
    await p.stop();
  });

  it('with the apiserver double up: the kubelet serves and registers its node; the others reach the API as themselves', async () => {
    const api = startDouble(doubles['kube-apiserver'], fx.args['kube-apiserver'], env());
    await waitFor(api, 'serving on');
    const p = startDouble(doubles.kubelet, fx.args.kubelet, env());
    await waitFor(p, 'serving https');
    const url = `https://127.0.0.1:${ports['kubelet']}/healthz`;
    expect((await httpsGet(url, { ca: fx.ca.certPem })).status).to.equal(401); // anonymous: false
    const apiClient = { cert: fx.files['kubernetes.pem'], key: fx.files['kubernetes-key.pem'] };
    expect(await httpsGet(url, { ca: fx.ca.certPem, ...apiClient })).to.include({ status: 200, body: 'ok' });
    expect(await httpStatus(`http://127.0.0.1:${ports['kubeletHealthz']}/healthz`)).to.deep.equal({
      status: 200,
      body: 'ok',
    });
    await waitFor(p, 'node registered');
    const admin = { ca: fx.ca.certPem, cert: fx.admin.certPem, key: fx.admin.keyPem };
    const node = await httpsGet(`https://127.0.0.1:${ports['apiserver']}/api/v1/nodes/worker-0`, admin);
    expect(JSON.parse(node.body).status.nodeInfo.kubeletVersion).to.equal('v1.32.3-orchestrate-test-double');
    const others = (['kube-scheduler', 'kube-controller-manager', 'kube-proxy'] as const).map((c) =>
      startDouble(doubles[c], fx.args[c], env()),
    );
    for (const o of others) await waitFor(o, 'reached the apiserver');
    const users = readFileSync(join(stateDir, 'requests.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).user);
    expect(users).to.include.members([
      'system:node:worker-0',
      'system:kube-scheduler',
      'system:kube-controller-manager',
      'system:kube-proxy',
    ]);
    for (const x of [p, api, ...others]) await x.stop();
  });

  it('kubelet exits 1 when the CRI socket does not answer', async () => {
    const cfg = fx.files['kubelet-config.yaml']!.replace(
      /containerRuntimeEndpoint: .*/,
      `containerRuntimeEndpoint: unix://${tmp.dir}/nope.sock`,
    );
    const args = fx.args.kubelet.map((a) =>
      a.startsWith('--config=') ? `--config=${tmp.write('kubelet-nocri.yaml', cfg)}` : a,
    );
    const r = await runDoubleToExit(doubles.kubelet, args, env());
    expect(r.code).to.equal(1);
    expect(r.output).to.include('validate service connection');
  });

  it('reports every problem at once', async () => {
    const args = fx.args['kube-controller-manager'].map((a) =>
      a.startsWith('--root-ca-file=')
        ? `--root-ca-file=${tmp.dir}/kubernetes.pem`
        : a.startsWith('--kubeconfig=')
          ? '--kubeconfig=/nope'
          : a,
    );
    const r = await runDoubleToExit(doubles['kube-controller-manager'], args, env());
    expect(r.code).to.equal(1);
    expect(r.output).to.include('2 problems').and.include('is not a CA').and.include('/nope: no such file');
  });
});

/** GET without verifying the server (the self-signed health ports). */
function httpsGetInsecure(url: string): Promise<{ status: number; body: string }> {
  return httpsGet(url, { insecure: true });
}
