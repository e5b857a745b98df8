// The demo: a small non-Kubernetes playbook whose two roles use every module of the engine.

import { definePlaybook } from 'orchestrate';
import { demoBase } from '../roles/demo-base/index.ts';
import { demoWeb } from '../roles/demo-web/index.ts';

export default definePlaybook({
  name: 'demo',
  plays: [{ name: 'demo hosts', hosts: 'all', roles: [demoBase, demoWeb] }],
});
