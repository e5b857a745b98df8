// The apiserver double against a real etcd (the lab's Debian mirror binary, when this machine has it): its
// /health and v3 JSON gateway speak what the double expects, and KTHW's encryption smoke test passes.

import { expect } from 'chai';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import type { DoubleComponent } from '../../doubles/build.ts';
import { kthwFixture, type Fixture } from '../../doubles/fixtures.ts';
import { mirrorEtcd, realEtcd } from './fake-etcd.ts';
import { doublesFor, freePort, httpsGet, killAll, startDouble, waitFor } from './support.ts';
import { tempFiles } from '../../support/temp-dir.ts';

describe('doubles/kube-apiserver with a real etcd', function () {
  this.timeout(60_000);
  const tmp = tempFiles();
  const bin = mirrorEtcd();
  let etcd: ChildProcess | undefined;
  let doubles: Record<DoubleComponent, string>;
  let fx: Fixture;
  let ports: { apiserver: number; client: number; peer: number };

  before(async function () {
    if (bin === undefined) this.skip(); // `orchestrate lab mirror` fills it
    doubles = await doublesFor('1.32.3');
    ports = { apiserver: await freePort(), client: await freePort(), peer: await freePort() };
    fx = kthwFixture({ dir: tmp.dir, ports, etcdServers: `https://127.0.0.1:${ports.client}` });
    for (const [n, t] of Object.entries(fx.files)) tmp.write(n, t);
    etcd = realEtcd(bin!, join(tmp.dir, 'etcd-data'), ports, {
      cert: tmp.path('kubernetes.pem'),
      key: tmp.path('kubernetes-key.pem'),
      ca: tmp.path('ca.pem'),
    });
  });

  after(() => {
    killAll();
    etcd?.kill('SIGKILL');
    tmp.rm();
  });

  it('starts against it, stores a secret encrypted (etcdctl sees k8s:enc:aescbc:v1:key1:) and reads it back', async () => {
    const api = startDouble(doubles['kube-apiserver'], fx.args['kube-apiserver'], {
      ORCHESTRATE_DOUBLE_STATE_DIR: join(tmp.dir, 'state'),
      ORCHESTRATE_DOUBLE_ETCD_WAIT_S: '20',
    });
    await waitFor(api, 'serving on', 25_000);
    const admin = { ca: fx.ca.certPem, cert: fx.admin.certPem, key: fx.admin.keyPem };
    const path = `https://127.0.0.1:${ports.apiserver}/api/v1/namespaces/default/secrets/kubernetes-the-hard-way`;
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'kubernetes-the-hard-way' },
      data: { mykey: 'bXlkYXRh' },
    };
    const put = await httpsGet(`${path}?fieldManager=smoke`, {
      ...admin,
      method: 'PATCH',
      body: stringify(secret),
      headers: { 'Content-Type': 'application/apply-patch+yaml' },
    });
    expect(put.status, put.body).to.equal(201);
    const raw = execFileSync(
      join(dirname(bin!), 'etcdctl'),
      [
        `--endpoints=https://127.0.0.1:${ports.client}`,
        `--cacert=${tmp.path('ca.pem')}`,
        `--cert=${tmp.path('kubernetes.pem')}`,
        `--key=${tmp.path('kubernetes-key.pem')}`,
        'get',
        '--print-value-only',
        '/registry/secrets/default/kubernetes-the-hard-way',
      ],
      { env: { ...process.env, ETCDCTL_API: '3' } },
    );
    expect(raw.subarray(0, 23).toString()).to.equal('k8s:enc:aescbc:v1:key1:');
    const got = JSON.parse((await httpsGet(path, admin)).body);
    expect(got.data).to.deep.equal(secret.data);
    expect(Number(got.metadata.resourceVersion)).to.be.greaterThan(1);
    const svc = JSON.parse(
      (await httpsGet(`https://127.0.0.1:${ports.apiserver}/api/v1/namespaces/default/services/kubernetes`, admin))
        .body,
    );
    expect(svc.spec.clusterIP).to.equal('10.32.0.1');
    await api.stop();
  });
});
