// Example inventory in TypeScript: the same hosts as example.yaml, with its vars type-checked.
//   orchestrate inventory -i inventory/example.ts --graph

import { defineInventory } from 'orchestrate';

/** The vars this inventory may set; every vars map below is checked against Partial<ExampleVars>. */
interface ExampleVars {
  ntp_server: string;
  http_port: number;
  postgres_max_connections: number;
}

export default defineInventory<ExampleVars>({
  vars: { ansible_user: 'admin', ansible_become: true, ntp_server: 'pool.ntp.org' },
  // knownHosts: 'known_hosts', // relative to this file; default ~/.ssh/known_hosts
  // hostKeyPolicy: 'accept-new', // default strict
  groups: {
    web: {
      hosts: { 'web-1': { address: '10.0.0.11' }, 'web-2': { address: '10.0.0.12' } },
      children: ['web_canary'],
      vars: { http_port: 80 },
    },
    // A child group: its hosts are in web too, and its vars win over web's.
    web_canary: { hosts: ['web-2'], vars: { http_port: 8080 } },
    db: {
      hosts: { 'db-1': { address: '10.0.1.21', port: 2222, vars: { postgres_max_connections: 200 } } },
      // db hosts sit on a private network, reached through a bastion.
      vars: { orchestrate_jump: 'admin@bastion.example.com', postgres_max_connections: 100 },
    },
  },
});
