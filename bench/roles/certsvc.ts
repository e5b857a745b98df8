// The benchmark role, orchestrate side; bench/ansible/certsvc.yml is the same role for Ansible.

import { readFileSync } from 'node:fs';
import { defineHandler, defineRole, directory, file, systemdService, sysctl, systemdUnit } from 'orchestrate';
import { renderCertsvcUnit } from '../certsvc/unit.ts';

/** The four certificate-sized files (about 1.5 kB each), shared with the Ansible playbook. */
export const CERT_NAMES = ['ca.pem', 'server.pem', 'client.pem', 'peer.pem'] as const;
const certs = CERT_NAMES.map((n) => [n, readFileSync(new URL(`../certsvc/certs/${n}`, import.meta.url), 'utf8')]);

/** Everything the role manages on a host (the bench resets these between first-apply samples). */
export const CERTSVC_PATHS = [
  '/etc/certsvc',
  '/var/lib/certsvc',
  '/etc/systemd/system/certsvc.service',
  '/etc/sysctl.d/70-certsvc.conf',
  '/etc/modules-load.d/certsvc.conf',
] as const;

const restart = defineHandler({
  name: 'restart certsvc',
  action: systemdService({ name: 'certsvc', state: 'restarted' }),
});

export const certsvc = defineRole({
  name: 'certsvc',
  tasks: (ctx) => [
    { name: 'config dir', action: directory({ path: '/etc/certsvc', mode: '0755' }) },
    { name: 'certs dir', action: directory({ path: '/etc/certsvc/certs', mode: '0700' }) },
    { name: 'state dir', action: directory({ path: '/var/lib/certsvc', mode: '0750' }) },
    ...certs.map(([name, content]) => ({
      name: `cert ${name}`,
      action: file({ path: `/etc/certsvc/certs/${name}`, content: content!, mode: '0600' }),
      notify: [restart],
    })),
    {
      name: 'unit',
      action: systemdUnit({
        name: 'certsvc.service',
        content: renderCertsvcUnit({ name: ctx.host.name, address: ctx.host.address }),
      }),
      notify: [restart],
    },
    {
      name: 'sysctls',
      action: sysctl({
        file: '70-certsvc.conf',
        values: { 'net.ipv4.ip_forward': 1, 'net.ipv4.tcp_keepalive_time': 600 },
      }),
    },
    {
      name: 'modules-load line',
      action: file({ path: '/etc/modules-load.d/certsvc.conf', content: 'br_netfilter\n', mode: '0644' }),
    },
    { name: 'service', action: systemdService({ name: 'certsvc', enabled: true, state: 'started' }) },
  ],
  handlers: [restart],
});
