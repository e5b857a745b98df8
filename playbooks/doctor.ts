// `orchestrate doctor`'s checks for a cluster built the hard way (docs/doctor.md, docs/kthw.md#pitfalls),
// in report order. Every check is read-only; each judges what it saw and names the fix.

import { defineDoctor } from '../src/doctor/index.ts';
import { kthwDoctorContext } from '../roles/doctor/context.ts';
import { apiReachability } from '../roles/doctor/checks/api-reachability.ts';
import { kubeletReachability } from '../roles/doctor/checks/kubelet-reachability.ts';
import { serviceCidr } from '../roles/doctor/checks/service-cidr.ts';
import { corednsLoop } from '../roles/doctor/checks/coredns-loop.ts';
import { brNetfilter } from '../roles/doctor/checks/br-netfilter.ts';
import { certificates } from '../roles/doctor/checks/certificates.ts';
import { podRoutes } from '../roles/doctor/checks/pod-routes.ts';

export default defineDoctor({
  name: 'kubernetes-the-hard-way',
  context: kthwDoctorContext,
  checks: [apiReachability, kubeletReachability, serviceCidr, corednsLoop, brNetfilter, certificates, podRoutes],
});
