// kubectl double: version, cluster-info, get (incl. --raw), apply -f (server-side apply), delete; via discovery.

import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { parseAllDocuments, stringify } from 'yaml';
import { gitVersion, type Embedded } from '../embedded.ts';
import { DoubleError } from '../fail.ts';
import { kubeRequest } from '../kube-client.ts';
import { checkKubeconfig, type KubeconfigInfo } from '../kubeconfig.ts';
import { parseKubectlArgs, type KubectlArgs } from './args.ts';

interface Res {
  name: string;
  singularName: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  gv: string;
}

const UA = 'kubectl-orchestrate-test-double';

async function call(
  kc: KubeconfigInfo,
  method: string,
  path: string,
  body?: string,
  contentType?: string,
): Promise<unknown> {
  const r = await kubeRequest(kc, method, path, {
    userAgent: UA,
    ...(body !== undefined ? { body, contentType } : {}),
  });
  let doc: { reason?: string; message?: string } | undefined;
  try {
    doc = JSON.parse(r.body) as typeof doc;
  } catch {
    doc = undefined;
  }
  if (r.status >= 400)
    throw new DoubleError(`Error from server (${doc?.reason ?? r.status}): ${doc?.message ?? r.body.trim()}`);
  return doc ?? r.body;
}

async function discover(kc: KubeconfigInfo): Promise<Res[]> {
  const gvs = [
    'v1',
    ...((await call(kc, 'GET', '/apis')) as { groups: { preferredVersion: { groupVersion: string } }[] }).groups.map(
      (g) => g.preferredVersion.groupVersion,
    ),
  ];
  const lists = await Promise.all(
    gvs.map(async (gv) => ({
      gv,
      list: (await call(kc, 'GET', gv === 'v1' ? '/api/v1' : `/apis/${gv}`)) as { resources: Res[] },
    })),
  );
  return lists.flatMap(({ gv, list }) =>
    list.resources.filter((r) => !r.name.includes('/')).map((r) => ({ ...r, gv })),
  );
}

const base = (r: Res, ns: string | undefined): string =>
  `${r.gv === 'v1' ? '/api/v1' : `/apis/${r.gv}`}${r.namespaced && ns ? `/namespaces/${encodeURIComponent(ns)}` : ''}/${r.name}`;
const group = (r: Res): string => (r.gv.includes('/') ? `.${r.gv.split('/')[0]}` : '');

function find(all: Res[], word: string): Res {
  const [name, ...g] = word.toLowerCase().split('.');
  const r = all.find(
    (x) =>
      (x.name === name || x.singularName === name || x.kind.toLowerCase() === name || x.shortNames?.includes(name!)) &&
      (g.length === 0 || group(x) === `.${g.join('.')}`),
  );
  if (!r) throw new DoubleError(`the server doesn't have a resource type "${word}"`);
  return r;
}

function print(obj: unknown, output: string | undefined, r?: Res): void {
  if (output === 'json') process.stdout.write(`${JSON.stringify(obj, null, 4)}\n`);
  else if (output === 'yaml') process.stdout.write(stringify(obj));
  else {
    const o = obj as { items?: { metadata: { name: string } }[]; metadata?: { name: string } };
    const names = o.items ? o.items.map((i) => i.metadata.name) : [o.metadata?.name ?? ''];
    if (output === 'name')
      process.stdout.write(names.map((n) => `${r?.singularName ?? ''}${r ? group(r) : ''}/${n}\n`).join(''));
    else process.stdout.write(`NAME\n${names.map((n) => `${n}\n`).join('')}`);
  }
}

async function apply(kc: KubeconfigInfo, a: KubectlArgs, ns: string): Promise<void> {
  const file = a.flags.get('filename');
  if (!file) throw new DoubleError('error: must specify one of -f and -k');
  const text = readFileSync(file === '-' ? 0 : file, 'utf8');
  const all = await discover(kc);
  const serverSide = a.flags.get('server-side') === 'true';
  const manager = a.flags.get('field-manager') ?? (serverSide ? 'kubectl' : 'kubectl-client-side-apply');
  for (const doc of parseAllDocuments(text)) {
    const obj = doc.toJS() as {
      apiVersion?: string;
      kind?: string;
      metadata?: { name?: string; namespace?: string };
    } | null;
    if (!obj) continue;
    const r = all.find((x) => x.kind === obj.kind && x.gv === obj.apiVersion);
    if (!r)
      throw new DoubleError(
        `resource mapping not found for name: "${obj.metadata?.name}" namespace: "" from "${file}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`,
      );
    const path = `${base(r, obj.metadata?.namespace ?? ns)}/${encodeURIComponent(obj.metadata?.name ?? '')}?fieldManager=${encodeURIComponent(manager)}${a.flags.has('force-conflicts') ? '&force=true' : ''}`;
    const before = serverSide ? undefined : await call(kc, 'GET', path.split('?')[0]!).catch(() => undefined);
    const after = (await call(kc, 'PATCH', path, JSON.stringify(obj), 'application/apply-patch+yaml')) as {
      metadata: { resourceVersion: string };
    };
    const rv = (before as { metadata?: { resourceVersion?: string } } | undefined)?.metadata?.resourceVersion;
    const verb = serverSide
      ? 'serverside-applied'
      : before === undefined
        ? 'created'
        : rv === after.metadata.resourceVersion
          ? 'unchanged'
          : 'configured';
    process.stdout.write(`${r.singularName}${group(r)}/${obj.metadata?.name} ${verb}\n`);
  }
}

async function run(e: Embedded, a: KubectlArgs): Promise<void> {
  const [verb, ...rest] = a.words;
  if (verb === 'version' && a.flags.get('client') === 'true')
    return void process.stdout.write(`Client Version: ${gitVersion(e)}\n`);
  const path = a.flags.get('kubeconfig') ?? process.env['KUBECONFIG'] ?? `${homedir()}/.kube/config`;
  const kc = checkKubeconfig(path);
  const ns = a.flags.get('namespace') ?? 'default';
  switch (verb) {
    case 'version': {
      const v = (await call(kc, 'GET', '/version')) as { gitVersion: string };
      return void process.stdout.write(`Client Version: ${gitVersion(e)}\nServer Version: ${v.gitVersion}\n`);
    }
    case 'cluster-info':
      return void process.stdout.write(`Kubernetes control plane is running at ${kc.server.href.replace(/\/$/, '')}\n`);
    case 'apply':
      return apply(kc, a, ns);
    case 'get':
    case 'delete': {
      if (a.flags.has('raw'))
        return void process.stdout.write(`${JSON.stringify(await call(kc, 'GET', a.flags.get('raw')!))}\n`);
      const [what, name] = rest[0]?.includes('/') ? rest[0].split('/') : [rest[0], rest[1]];
      if (!what) throw new DoubleError('You must specify the type of resource to get.');
      const r = find(await discover(kc), what);
      const listNs = a.flags.has('all-namespaces') ? undefined : ns;
      const url = `${base(r, listNs)}${name ? `/${encodeURIComponent(name)}` : ''}`;
      if (verb === 'delete') {
        await call(kc, 'DELETE', url);
        return void process.stdout.write(`${r.singularName}${group(r)} "${name}" deleted\n`);
      }
      return print(await call(kc, 'GET', url), a.flags.get('output'), r);
    }
    default:
      throw new DoubleError(
        `unknown command "${verb ?? ''}" for "kubectl" (the orchestrate test double implements version, cluster-info, get, apply, delete)`,
      );
  }
}

/** The kubectl double's main: exit 0, or 1 with kubectl's "error: ..." on stderr. */
export function kubectlMain(e: Embedded): void {
  Promise.resolve()
    .then(() => run(e, parseKubectlArgs(process.argv.slice(2))))
    .then(
      () => process.exit(0),
      (err: unknown) => {
        const msg = err instanceof Error ? err.message : String(err);
        process.stderr.write(`${/^(error|Error from server)/.test(msg) ? msg : `error: ${msg}`}\n`);
        process.exit(1);
      },
    );
}
