// Tasks every API-applying role runs on a controller first: curl, and the admin client's files.

import { aptPackage, type Task } from 'orchestrate';
import type { ClusterModel } from '../cluster/model-types.ts';
import { pkiFileTasks } from '../pki/index.ts';
import { adminClientFiles } from './api-client.ts';

/** curl (the probes and steps call the API with it) and admin.kubeconfig, admin.pem, admin-key.pem. */
export function adminClientTasks(model: ClusterModel, stateDir: string, host: string): Task[] {
  return [
    { name: 'curl', action: aptPackage({ names: ['curl'] }) },
    ...pkiFileTasks(adminClientFiles(model, stateDir, host)),
  ];
}
