// What every smoke test reads: the cluster model, the controller they run on, the image, the test Secret.

import { randomBytes } from 'node:crypto';
import { OrchestrateError, registerSecret, type Host, type VerifyInput } from 'orchestrate';
import { buildClusterModel, type ClusterModel } from '../cluster/index.ts';
import { ADMIN_CLIENT, firstController, type ApiClient } from '../api/index.ts';
import { CONTROL_PLANE_PKI } from '../pki/index.ts';

export interface VerifyContext {
  readonly model: ClusterModel;
  /** The controller every test runs on (the model's first, as the API-applying roles use). */
  readonly host: string;
  readonly client: ApiClient;
  /** For kubectl, when the controller has it. */
  readonly kubeconfig: string;
  /** Serves HTTP on port 80 and has sh (nginx by default); `-e verify_image=...` for a mirror. */
  readonly image: string;
  /** The test Secret's value: random per run, so finding it in etcd means it was stored in plaintext. */
  readonly plaintext: string;
  /** Seconds a pod may take to run (image pull included). */
  readonly waitSeconds: number;
}

/** Default image: KTHW's smoke tests use nginx; pinned so runs compare. */
export const DEFAULT_IMAGE = 'nginx:1.27';

/** The context from the whole inventory; a fresh random Secret value, registered so it is never printed. */
export function verifyContext(input: VerifyInput): VerifyContext {
  const model = buildClusterModel(input.inventory, input.stateDir);
  const host = firstController(model);
  const image = input.inventory.hosts.get(host)?.vars['verify_image'] ?? DEFAULT_IMAGE;
  if (typeof image !== 'string' || !/^[a-z0-9][\w./:@-]*$/i.test(image))
    throw new OrchestrateError('VARS_INVALID', `verify_image ${JSON.stringify(image)} is not an image reference`, {
      fix: 'e.g. -e verify_image=registry.example.internal/nginx:1.27 (it must serve HTTP on port 80 and have sh)',
    });
  const plaintext = `orchestrate-verify-${randomBytes(16).toString('hex')}`;
  registerSecret(plaintext);
  registerSecret(Buffer.from(plaintext).toString('base64'));
  return {
    model,
    host,
    client: ADMIN_CLIENT,
    kubeconfig: CONTROL_PLANE_PKI.adminKubeconfig,
    image,
    plaintext,
    waitSeconds: input.waitSeconds,
  };
}

/** The inventory host of the context's controller. */
export function verifyHost(ctx: VerifyContext, input: VerifyInput): Host {
  const host = input.inventory.hosts.get(ctx.host);
  if (host === undefined)
    throw new OrchestrateError('INVENTORY_INVALID', `the first controller ${ctx.host} is not a host of the inventory`, {
      fix: 'list the controllers under the controllers group',
    });
  return host;
}

/** What the tests learn and hand on. */
export interface VerifyFacts {
  readonly gitVersion: string;
  /** gitVersion looks like an upstream Kubernetes release (see version.ts). */
  readonly release: boolean;
  /** kubectl's path on the controller, when it and the admin kubeconfig are there. */
  readonly kubectl: string | undefined;
  readonly etcdctl: boolean;
  /** The namespace is verify's own (made now or by an earlier run): cleanup may delete it. */
  readonly namespaceOwned: boolean;
  readonly pod: { readonly name: string; readonly ip: string; readonly node: string };
}
