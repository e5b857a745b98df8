// The side-by-side benchmark's playbook: the certsvc role on every host (bench/ansible/certsvc.yml for Ansible).

import { definePlaybook } from 'orchestrate';
import { certsvc } from '../roles/certsvc.ts';

export default definePlaybook({ name: 'certsvc', plays: [{ name: 'certsvc', hosts: 'all', roles: [certsvc] }] });
