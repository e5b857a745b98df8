// The CoreDNS Deployment: 2 replicas, dnsPolicy Default (the node's loop-free resolv.conf), hardened.

import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { CorednsInput } from './names.ts';
import { LABELS, NAME, NAMESPACE } from './names.ts';

/** Pure: KTHW's CoreDNS Deployment (with kubernetes.io/os instead of the removed beta label). */
export function corednsDeployment(c: CorednsInput): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: NAME, namespace: NAMESPACE, labels: { ...LABELS } },
    spec: {
      replicas: c.replicas,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      selector: { matchLabels: { 'k8s-app': LABELS['k8s-app'] } },
      template: {
        metadata: { labels: { 'k8s-app': LABELS['k8s-app'] } },
        spec: {
          priorityClassName: 'system-cluster-critical',
          serviceAccountName: NAME,
          tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }],
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          // CoreDNS resolves upstream through the node's resolver file (kubelet resolvConf), not itself.
          dnsPolicy: 'Default',
          containers: [
            {
              name: 'coredns',
              image: c.image,
              imagePullPolicy: 'IfNotPresent',
              resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
              args: ['-conf', '/etc/coredns/Corefile'],
              volumeMounts: [{ name: 'config-volume', mountPath: '/etc/coredns', readOnly: true }],
              ports: [
                { containerPort: 53, name: 'dns', protocol: 'UDP' },
                { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
              ],
              securityContext: {
                allowPrivilegeEscalation: false,
                capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
                readOnlyRootFilesystem: true,
              },
              livenessProbe: {
                httpGet: { path: '/health', port: 8080, scheme: 'HTTP' },
                initialDelaySeconds: 60,
                timeoutSeconds: 5,
                successThreshold: 1,
                failureThreshold: 5,
              },
              readinessProbe: { httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' } },
            },
          ],
          volumes: [
            { name: 'config-volume', configMap: { name: NAME, items: [{ key: 'Corefile', path: 'Corefile' }] } },
          ],
        },
      },
    },
  };
}
