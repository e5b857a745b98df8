// KTHW smoke test 1, encryption at rest: a Secret written through the API is read back raw from etcd with
// etcdctl; its value must start with k8s:enc:<provider>:v1:<key>: and not contain the plaintext.

import { sh, defineSmokeTest, sectionMarker, type Judged } from 'orchestrate';
import { etcdServers } from '../../../roles/kube-apiserver/flags.ts';
import { CONTROL_PLANE_PKI } from '../../pki/index.ts';
import { apiCall, describeAnswer, ok, parseAnswer } from '../api.ts';
import type { VerifyContext, VerifyFacts } from '../context.ts';
import { paths, secretObject, SECRET_ETCD_KEY } from '../objects.ts';

export const encryptionTest = defineSmokeTest<VerifyContext, VerifyFacts>({
  id: 'encryption-at-rest',
  title: 'a Secret is stored encrypted in etcd (read back with etcdctl)',
  needs: ['namespace'],
  timeoutSeconds: () => 60,
  script: (ctx, facts) => {
    if (!facts.etcdctl)
      return {
        skip: `etcdctl is not on ${ctx.host}, so the raw value cannot be read from etcd there`,
        fix: `install etcdctl on ${ctx.host} (playbooks/control-plane.ts does when the controllers are etcd members)`,
      };
    const etcdctl = [
      'etcdctl',
      `--endpoints=${etcdServers(ctx.model).join(',')}`,
      `--cacert=${CONTROL_PLANE_PKI.ca}`,
      `--cert=${CONTROL_PLANE_PKI.etcdClientCert}`,
      `--key=${CONTROL_PLANE_PKI.etcdClientKey}`,
      '--command-timeout=10s',
      'get',
      SECRET_ETCD_KEY,
      '--print-value-only',
    ];
    const plain = ctx.plaintext;
    const b64 = Buffer.from(plain).toString('base64');
    const found = (what: string, value: string) =>
      sh`if LC_ALL=C grep -a -q -F -e ${value} "$v"; then echo ${what}" found"; else echo ${what}" absent"; fi`;
    return [
      apiCall(ctx.client, 'secret', { path: paths.apply(paths.secret), apply: secretObject(ctx) }, true),
      'v=$(mktemp); e=$(mktemp)',
      sh`ETCDCTL_API=3 ${etcdctl} >"$v" 2>"$e"; x=$?`,
      sectionMarker('etcd'),
      'echo "exit $x"',
      'echo "bytes $(wc -c <"$v")"',
      `echo "head $(head -c 64 "$v" | LC_ALL=C tr -c '[:print:]' '.')"`,
      found('plaintext', plain),
      found('base64', b64),
      sectionMarker('etcd-stderr'),
      'head -c 2000 "$e"',
      'rm -f "$v" "$e"',
    ].join('\n');
  },
  judge: (sections) => judgeEncryption(sections),
});

const PREFIX = /^k8s:enc:([a-z0-9]+):v1:([^:.]+):/;

/** Pure: the verdict from the Secret's apply answer and what etcdctl read. */
export function judgeEncryption(sections: ReadonlyMap<string, string>): Judged<VerifyFacts> {
  const applied = parseAnswer(sections.get('secret'));
  if (!ok(applied))
    return {
      outcome: 'fail',
      summary: 'the API refused the test Secret',
      evidence: [describeAnswer('apply Secret', applied)],
      fix: 'see the API message above',
    };
  const etcd = new Map(
    (sections.get('etcd') ?? '').split('\n').map((l) => [l.split(' ')[0]!, l.slice(l.indexOf(' ') + 1)] as const),
  );
  const stderr = (sections.get('etcd-stderr') ?? '').split('\n').slice(0, 5);
  const bytes = Number(etcd.get('bytes') ?? '0');
  if (etcd.get('exit') !== '0')
    return {
      outcome: 'fail',
      summary: `etcdctl get ${SECRET_ETCD_KEY} failed (exit ${etcd.get('exit') ?? '?'})`,
      evidence: stderr,
      fix: `check etcd (orchestrate doctor) and the apiserver's etcd client cert ${CONTROL_PLANE_PKI.etcdClientCert}`,
    };
  if (bytes === 0)
    return {
      outcome: 'fail',
      summary: `${SECRET_ETCD_KEY} is not in etcd although the API accepted the Secret`,
      fix: `the apiserver writes to other etcd servers than its --etcd-servers here, or another --etcd-prefix`,
    };
  const head = etcd.get('head') ?? '';
  const m = PREFIX.exec(head);
  const leaked = etcd.get('plaintext') === 'found' || etcd.get('base64') === 'found';
  const evidence = [
    `etcdctl get ${SECRET_ETCD_KEY}: ${bytes} bytes, starting ${m ? m[0] : JSON.stringify(head.slice(0, 24))}`,
    `the Secret's value ${leaked ? 'IS' : 'is not'} in them (as written or base64)`,
  ];
  const fix =
    'give every apiserver --encryption-provider-config with aescbc first (orchestrate apply playbooks/cluster.ts); ' +
    'then rewrite old Secrets: kubectl get secrets -A -o json | kubectl replace -f -';
  if (m === null || m[1] === 'identity')
    return { outcome: 'fail', summary: 'the Secret is stored in plaintext in etcd', evidence, fix };
  if (leaked)
    return {
      outcome: 'fail',
      summary: `the stored value carries the ${m[1]} prefix but holds the plaintext`,
      evidence,
      fix,
    };
  const kthw = m[1] === 'aescbc' ? '' : ` (KTHW uses aescbc)`;
  return {
    outcome: 'pass',
    summary: `the Secret is stored encrypted: ${m[1]} with key ${m[2]}${kthw}, the plaintext is not in etcd`,
    evidence,
  };
}
