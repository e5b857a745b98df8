import { expect } from 'chai';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Role, RoleContext, Task } from '../../../../src/executor/types.ts';
import { kubeApiserver } from '../../../../roles/kube-apiserver/index.ts';
import { kubeControllerManager } from '../../../../roles/kube-controller-manager/index.ts';
import { kubeScheduler } from '../../../../roles/kube-scheduler/index.ts';
import { controlPlaneWorld, type ControlPlaneWorld } from '../../../unit/roles/control-plane/helpers.ts';
import { healthFor, tasksFor } from '../../../../src/testing.ts';

const ROLES: [Role, string[], RegExp][] = [
  [
    kubeApiserver,
    [
      'kube-apiserver binary',
      'pki /var/lib/kubernetes/ca.pem',
      'pki /var/lib/kubernetes/ca-key.pem',
      'pki /var/lib/kubernetes/kubernetes.pem',
      'pki /var/lib/kubernetes/kubernetes-key.pem',
      'pki /var/lib/kubernetes/service-account.pem',
      'pki /var/lib/kubernetes/service-account-key.pem',
      'pki /var/lib/kubernetes/apiserver-etcd-client.pem',
      'pki /var/lib/kubernetes/apiserver-etcd-client-key.pem',
      'pki /var/lib/kubernetes/encryption-config.yaml',
      'unit',
      'inputs record',
      'running',
      'kubectl binary',
    ],
    /^curl -fsS --max-time 5 --cacert \/var\/lib\/kubernetes\/ca.pem https:\/\/127.0.0.1:6443\/readyz$/,
  ],
  [
    kubeControllerManager,
    [
      'kube-controller-manager binary',
      'pki /var/lib/kubernetes/ca.pem',
      'pki /var/lib/kubernetes/ca-key.pem',
      'pki /var/lib/kubernetes/service-account-key.pem',
      'pki /var/lib/kubernetes/kube-controller-manager.kubeconfig',
      'unit',
      'inputs record',
      'running',
    ],
    /^curl -fsSk --max-time 5 https:\/\/127.0.0.1:10257\/healthz$/,
  ],
  [
    kubeScheduler,
    [
      'kube-scheduler binary',
      'pki /var/lib/kubernetes/kube-scheduler.kubeconfig',
      'config /etc/kubernetes/config/kube-scheduler.yaml',
      'unit',
      'inputs record',
      'running',
    ],
    /^curl -fsSk --max-time 5 https:\/\/127.0.0.1:10259\/healthz$/,
  ],
];

const inputsOf = (role: Role, ctx: RoleContext<unknown>): string =>
  String((tasksFor(role, ctx).find((t) => t.name === 'inputs record')!.action.params as { content: string }).content);

describe('control-plane roles: tasks, handlers, gates', function () {
  this.timeout(60_000);
  let world: ControlPlaneWorld;
  before(() => (world = controlPlaneWorld()));
  after(() => world.cleanup());

  for (const [role, names, gate] of ROLES)
    describe(`GIVEN ${role.name} on controller-1`, () => {
      let tasks: Task[] = [];
      let ctx: RoleContext<unknown>;
      before(async () => {
        ctx = await world.contextFor({}, 'controller-1');
        tasks = tasksFor(role, ctx);
      });

      it('THEN its tasks are binary, files, unit, inputs record, running, in that order', () => {
        expect(tasks.map((t) => t.name)).to.deep.equal(names);
      });

      it(`THEN every input notifies "restart ${role.name}" and nothing else; the one handler restarts that service`, () => {
        // running starts the service and kubectl is the operator's client: neither restarts anything.
        const quiet = ['running', 'kubectl binary'];
        for (const t of tasks.filter((x) => !quiet.includes(x.name)))
          expect(t.notify, t.name).to.have.ordered.members([role.handlers[0]]);
        for (const t of tasks.filter((x) => quiet.includes(x.name))) expect(t.notify, t.name).to.equal(undefined);
        expect(role.handlers.map((h) => [h.name, h.action.params])).to.deep.equal([
          [`restart ${role.name}`, { name: role.name, enabled: undefined, state: 'restarted' }],
        ]);
      });

      it('THEN restarts roll one controller at a time behind a health gate on the host', () => {
        expect(role.rolling).to.equal(1);
        expect(healthFor(role, ctx)!.check).to.match(gate);
      });
    });

  it('GIVEN a worker WHEN a control-plane role plans for it THEN PLAYBOOK_INVALID says to run it on the controllers', async () => {
    const ctx = await world.contextFor({}, 'worker-0');
    for (const [role] of ROLES)
      expect(() => tasksFor(role, ctx))
        .to.throw(/worker-0 is not a controller/)
        .with.property('fix')
        .that.contains('controller-0, controller-1, controller-2');
  });

  it('GIVEN a Kubernetes version outside the flag lists WHEN planned THEN VARS_INVALID', async () => {
    const ctx = await world.contextFor({ cluster: { versions: { kubernetes: '1.31.0' } } });
    expect(() => tasksFor(kubeApiserver, ctx)).to.throw(/1\.32 to 1\.37 only/);
  });
});

describe('control-plane roles: which service a change restarts', function () {
  this.timeout(120_000);
  const all = [kubeApiserver, kubeControllerManager, kubeScheduler];
  let base: ControlPlaneWorld;
  let world: ControlPlaneWorld;
  before(async () => {
    base = controlPlaneWorld();
    await base.contextFor();
  });
  after(() => base.cleanup());
  beforeEach(() => (world = controlPlaneWorld(base.stateDir)));
  afterEach(() => world.cleanup());

  /** The roles whose inputs record differs after `change` (each record notifies its own restart). */
  async function restartedBy(change: () => Promise<RoleContext<unknown>>): Promise<string[]> {
    const ctx = await world.contextFor();
    const before = all.map((r) => inputsOf(r, ctx));
    const after = await change();
    return all.filter((r, i) => inputsOf(r, after) !== before[i]).map((r) => r.name);
  }
  const drop = (...names: string[]) => {
    for (const n of names) rmSync(join(world.stateDir, 'pki', n));
  };

  const table: [string, () => Promise<RoleContext<unknown>>, string[]][] = [
    ['nothing', () => world.contextFor(), []],
    [
      'an API address added (apiserver cert reissued)',
      () => world.contextFor({ cluster: { api: { addresses: ['10.240.0.10', '10.240.0.100'] } } }),
      ['kube-apiserver'],
    ],
    [
      'the service-account keypair',
      async () => (drop('service-account.pem', 'service-account-key.pem'), world.contextFor()),
      ['kube-apiserver', 'kube-controller-manager'],
    ],
    [
      "the controller manager's cert (its kubeconfig)",
      async () => (drop('kube-controller-manager.pem'), world.contextFor()),
      ['kube-controller-manager'],
    ],
    [
      "the scheduler's cert (its kubeconfig)",
      async () => (drop('kube-scheduler.pem'), world.contextFor()),
      ['kube-scheduler'],
    ],
    ['the CA (rotated)', () => world.contextFor({}, 'controller-0', { rotateCa: true }), all.map((r) => r.name)],
    [
      'the service CIDR (apiserver and kcm flags)',
      () => world.contextFor({ cluster: { service_cidr: '10.33.0.0/24', dns_ip: '10.33.0.10' } }),
      ['kube-apiserver', 'kube-controller-manager'],
    ],
  ];
  for (const [what, change, want] of table)
    it(`GIVEN ${what} changed WHEN planned again THEN ${want.length > 0 ? `only ${want.join(', ')}` : 'nothing'} restarts`, async () => {
      expect(await restartedBy(change)).to.deep.equal(want);
    });
});
