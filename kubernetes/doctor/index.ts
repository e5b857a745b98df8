// `orchestrate doctor`'s checks for a cluster built the hard way (docs/doctor.md, docs/kthw.md#pitfalls),
// in report order. Every check is read-only; each judges what it saw and names the fix.

import { defineDoctor } from 'orchestrate';
import { kthwDoctorContext } from './context.ts';
import { apiReachability } from './checks/api-reachability.ts';
import { kubeletReachability } from './checks/kubelet-reachability.ts';
import { serviceCidr } from './checks/service-cidr.ts';
import { corednsLoop } from './checks/coredns-loop.ts';
import { brNetfilter } from './checks/br-netfilter.ts';
import { certificates } from './checks/certificates.ts';
import { podRoutes } from './checks/pod-routes.ts';

export default defineDoctor({
  name: 'kubernetes-the-hard-way',
  context: kthwDoctorContext,
  checks: [apiReachability, kubeletReachability, serviceCidr, corednsLoop, brNetfilter, certificates, podRoutes],
});
