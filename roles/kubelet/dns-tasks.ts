// The resolvConf choice as tasks: write what dns.upstream needs, remove what an earlier choice left.

import { defineHandler, file, systemdService, type Task } from 'orchestrate';
import { renderKubeletResolvConf, renderResolvedDropIn } from './dns-files.ts';
import type { ResolvChoice } from './resolv-conf.ts';
import { KUBELET_RESOLV_FILE, UPSTREAM_DROP_IN } from './resolv-conf.ts';

/** The systemd-resolved restart (the drop-in takes effect then); the kubelet role lists it first. */
export const restartResolved = defineHandler({
  name: 'restart systemd-resolved',
  action: systemdService({ name: 'systemd-resolved', state: 'restarted' }),
});

/** The drop-in and our resolv file, each present only when the choice uses it; resolved restarts on a change. */
export function resolvTasks(choice: ResolvChoice, resolvedActive: boolean): Task[] {
  // A stopped resolved stays stopped: its restart would start it.
  const notify = resolvedActive ? [restartResolved] : [];
  return [
    {
      name: 'dns.upstream resolved drop-in',
      action:
        choice.kind === 'resolved-drop-in'
          ? file({ path: UPSTREAM_DROP_IN, content: renderResolvedDropIn(choice.upstream) })
          : file({ path: UPSTREAM_DROP_IN, state: 'absent' }),
      notify,
      tags: ['dns'],
    },
    {
      name: 'dns.upstream kubelet resolv.conf',
      action:
        choice.kind === 'kubelet-file'
          ? file({ path: KUBELET_RESOLV_FILE, content: renderKubeletResolvConf(choice.upstream, choice.search) })
          : file({ path: KUBELET_RESOLV_FILE, state: 'absent' }),
      tags: ['dns'],
    },
  ];
}
