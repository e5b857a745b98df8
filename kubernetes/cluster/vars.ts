// The cluster's vars: the `cluster` map (all.vars) and the per-host ones, with the KTHW defaults.

import { z } from 'zod';
import { defaultReleaseLine, releaseLineFor, type ReleaseSet } from './release-sets.ts';

/** Component versions the roles install when the inventory names none: the default release line's set. */
export const DEFAULT_VERSIONS: ReleaseSet = defaultReleaseLine().set;

/** Group names the model reads when `cluster.groups` names none; etcd falls back to the controllers. */
export const DEFAULT_GROUPS = { controllers: 'controllers', workers: 'workers', etcd: 'etcd' } as const;

/** A release version, with or without a leading v; kept without it. */
const version = z
  .string()
  .regex(/^v?\d+\.\d+\.\d+([-+~.][0-9A-Za-z.+~-]+)?$/, 'expected a release version such as 1.32.3')
  .transform((v) => v.replace(/^v/, ''));

const groupName = z.string().min(1, 'a group name cannot be empty');

/** The `cluster` var (snake_case, as written in a YAML inventory); every key has a default. */
export const clusterVarsSchema = z
  .object({
    name: z.string().min(1).default('kubernetes-the-hard-way'),
    api: z
      .object({
        /** Addresses clients use (a load balancer's); default: the first controller's address. */
        addresses: z.array(z.string()).default([]),
        /** DNS names of the API, added to the apiserver certificate. */
        names: z.array(z.string().min(1)).default([]),
        port: z.number().int().min(1).max(65535).default(6443),
      })
      .strict()
      .prefault({}),
    cluster_cidr: z.string().default('10.200.0.0/16'),
    /** Length of each worker's pod CIDR carved from cluster_cidr (kube-controller-manager's --node-cidr-mask-size). */
    node_cidr_mask_size: z.number().int().min(8).max(30).default(24),
    service_cidr: z.string().default('10.32.0.0/24'),
    dns_ip: z.string().default('10.32.0.10'),
    cluster_domain: z
      .string()
      .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, 'expected a DNS domain')
      .default('cluster.local'),
    /** Each version left out comes from the release line of `kubernetes`'s minor (release-sets.ts). */
    versions: z
      .object({
        kubernetes: version.optional(),
        etcd: version.optional(),
        containerd: version.optional(),
        runc: version.optional(),
        cni: version.optional(),
        crictl: version.optional(),
        coredns: version.optional(),
        pause: z
          .string()
          .regex(/^\d+\.\d+(\.\d+)?$/, 'expected a pause image tag such as 3.10.2')
          .optional(),
      })
      .strict()
      .prefault({})
      .transform((v): ReleaseSet => {
        const line = (v.kubernetes === undefined ? undefined : releaseLineFor(v.kubernetes)) ?? defaultReleaseLine();
        const set = { ...line.set };
        for (const [k, value] of Object.entries(v)) if (value !== undefined) set[k as keyof ReleaseSet] = value;
        return set;
      }),
    images: z
      .object({
        /** OCI image archives the container runtime imports (absolute, or relative to artifacts_dir; {arch} expands). */
        bundles: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .prefault({}),
    key_size: z.union([z.literal(2048), z.literal(4096)]).default(2048),
    groups: z
      .object({
        controllers: groupName.default(DEFAULT_GROUPS.controllers),
        workers: groupName.default(DEFAULT_GROUPS.workers),
        etcd: groupName.default(DEFAULT_GROUPS.etcd),
      })
      .strict()
      .prefault({}),
  })
  .strict();

/** The `cluster` var as written (every key optional). */
export type ClusterVarsInput = z.input<typeof clusterVarsSchema>;
/** The `cluster` var with every default applied. */
export type ClusterVars = z.output<typeof clusterVarsSchema>;

/** Per-host vars the model reads (any other host var is left alone). */
export const nodeVarsSchema = z.object({
  /** The node's address on the cluster network, when ansible_host is not it (e.g. through a bastion). */
  internal_address: z.string().optional(),
  /** ExternalIP of the node, when it has one. */
  external_address: z.string().optional(),
  /** This worker's pod CIDR; default: assigned once from cluster_cidr and kept in the state dir. */
  pod_cidr: z.string().optional(),
});

/** The per-host vars the model reads. */
export type NodeVars = z.output<typeof nodeVarsSchema>;
