// PKI files as tasks, for roles that need nothing more than "put these files there, restart me if they change".

import { file, type Handler, type Task } from 'orchestrate';
import type { PkiFile } from './files-for.ts';

/** One `file` task per PKI file (root-owned; keys 0600), each notifying the given handlers. */
export function pkiFileTasks(files: readonly PkiFile[], notify: readonly Handler[] = []): Task[] {
  return files.map((f) => ({
    name: `pki ${f.path}`,
    action: file({ path: f.path, content: f.content, mode: f.mode }),
    tags: ['pki'],
    ...(notify.length > 0 ? { notify } : {}),
  }));
}
