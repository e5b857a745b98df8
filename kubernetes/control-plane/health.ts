// Health gates of the control plane, run on the controller itself after its service (re)started.

import { sh, type HealthGate } from 'orchestrate';
import { CONTROL_PLANE_PKI } from '../pki/index.ts';

/** The apiserver's port on every controller (the controllers' kubeconfigs use https://127.0.0.1:6443). */
export const APISERVER_PORT = 6443;
/** kube-controller-manager's and kube-scheduler's HTTPS health ports. */
export const CONTROLLER_MANAGER_PORT = 10257;
export const SCHEDULER_PORT = 10259;

/** /readyz over TLS, verified against the cluster CA (127.0.0.1 is one of the apiserver cert's SANs). */
export function apiserverReadyz(): HealthGate {
  const url = `https://127.0.0.1:${APISERVER_PORT}/readyz`;
  return {
    name: 'kube-apiserver /readyz',
    check: sh`curl -fsS --max-time 5 --cacert ${CONTROL_PLANE_PKI.ca} ${url}`,
    retries: 60,
    delayMs: 2000,
  };
}

/**
 * /healthz of kube-controller-manager or kube-scheduler. Without --tls-cert-file they serve a self-signed
 * certificate made at start-up, which no CA vouches for: curl -k is the honest check (it proves the service
 * listens and answers "ok", not who it is). Giving them certificates from the PKI would let this verify.
 */
export function secureHealthz(component: string, port: number): HealthGate {
  const url = `https://127.0.0.1:${port}/healthz`;
  return { name: `${component} /healthz`, check: sh`curl -fsSk --max-time 5 ${url}`, retries: 60, delayMs: 2000 };
}
