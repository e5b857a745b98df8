// The kubelet role's vars: dns.upstream (the CoreDNS-loop fix) and the kubelet's own settings.

import { isIP } from 'node:net';
import { z } from 'zod';
import { isLoopbackNameserver } from './loopback.ts';

const nameserver = z
  .string()
  .refine((s) => isIP(s) !== 0, 'expected an IP address')
  .refine((s) => !isLoopbackNameserver(s), 'a loopback nameserver is what makes CoreDNS forward to itself');

/**
 * `dns.upstream`: real DNS servers for pods (at most 3, as resolv.conf allows). A host or group var, so
 * workers in different networks can differ. When set it is always used (see roles/kubelet/README.md).
 */
export const dnsVars = z.object({
  dns: z
    .object({ upstream: z.array(nameserver).min(1).max(3).optional() })
    .strict()
    .prefault({}),
});

/** The kubelet role's vars. */
export const kubeletVars = dnsVars.extend({
  kubelet: z
    .object({
      /** KubeletConfiguration runtimeRequestTimeout (image pulls on slow links need minutes). */
      runtime_request_timeout: z
        .string()
        .regex(/^([0-9]+(\.[0-9]+)?(h|m|s|ms))+$/, 'expected a duration such as 15m')
        .default('15m'),
      /**
       * KubeletConfiguration localStorageCapacityIsolation: ephemeral-storage accounting needs the kubelet's dir on a
       * block device cadvisor can find; a host whose /var/lib/kubelet is on overlay or tmpfs (a container) sets false.
       */
      local_storage_capacity_isolation: z.boolean().default(true),
    })
    .strict()
    .prefault({}),
});

/** The vars as the role's tasks see them. */
export type KubeletVars = z.output<typeof kubeletVars>;
