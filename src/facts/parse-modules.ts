// Kernel modules: loaded ones from /proc/modules and built-in ones from modules.builtin.

/** The kernel treats '-' and '_' in module names alike; /proc/modules and /sys/module use '_'. */
export function canonicalModuleName(name: string): string {
  return name.replace(/-/g, '_');
}

/** Loaded module names: the first field of each /proc/modules line. */
export function parseProcModules(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const name = line.trim().split(/\s+/)[0];
    if (name) out.push(canonicalModuleName(name));
  }
  return out;
}

/** Built-in module names: basenames of the modules.builtin paths, without .ko. */
export function parseModulesBuiltin(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const path = line.trim();
    if (path === '') continue;
    const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.ko(\.[a-z0-9]+)?$/, '');
    if (base) out.push(canonicalModuleName(base));
  }
  return out;
}

/** Loaded and built-in modules merged: sorted, each once. */
export function mergeModules(...lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())].sort();
}
