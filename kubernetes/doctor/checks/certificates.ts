// The certificates on the hosts match the PKI in the state dir, cover the addresses in use
// (docs/kthw.md#api-address-change), and are not expired or expiring within the renewal window. Only
// certificates are read, never keys.

import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineCheck, finding, sh, raw, type Finding } from 'orchestrate';
import type { ClusterModel } from '../../cluster/model-types.ts';
import { certFile, pkiDir } from '../../pki/names.ts';
import { hostCertFiles, requiredSans, sansOf, type HostCertFile } from '../cert-sans.ts';
import type { KthwDoctorContext } from '../context.ts';
import { CERT_BLOCKS } from '../kubelet-probe.ts';
import { parseCatFiles } from '../probe-lib.ts';

const ID = 'certificates';
const DAY_MS = 86_400_000;
const APPLY = 'orchestrate apply playbooks/cluster.ts';

/** Read-only: `@@file PATH` and the certificate blocks of each file (a key in the same file stays unprinted). */
export function certFilesProbe(paths: readonly string[]): string {
  return paths
    .map((p) => sh`if [ -r ${p} ]; then echo "@@file "${p}; ${raw(CERT_BLOCKS)} ${p}; else echo "@@missing "${p}; fi`)
    .join('\n');
}

export const certificates = defineCheck<KthwDoctorContext>({
  id: ID,
  title: 'certificates on the hosts match the state dir, cover the addresses in use, and are not expiring',
  probe: (host, { model }) => {
    const files = hostCertFiles(model, host.name);
    return files.length > 0 ? certFilesProbe(files.map((f) => f.path)) : undefined;
  },
  judge: (outputs, { model, stateDir, renewWindowDays }) => {
    const out: Finding[] = [];
    for (const [host, o] of outputs) {
      if (!o.ok) continue;
      const files = hostCertFiles(model, host);
      const state = new Map(files.map((f) => [f.cert, readStateCert(stateDir, f.cert)]));
      out.push(
        ...judgeCertificates(host, files, parseCatFiles(o.text), { model, state, now: new Date(), renewWindowDays }),
      );
    }
    return out;
  },
});

/** The state dir's PEM of a certificate, undefined when it has none (a cluster orchestrate did not build). */
function readStateCert(stateDir: string, cert: string): string | undefined {
  const path = join(pkiDir(stateDir), certFile(cert));
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

export interface CertJudgeInput {
  readonly model: ClusterModel;
  /** cert name -> the state dir's PEM (undefined: not in the state dir). */
  readonly state: ReadonlyMap<string, string | undefined>;
  readonly now: Date;
  readonly renewWindowDays: number;
}

/** Pure: one finding per problem on the host, or one ok finding. */
export function judgeCertificates(
  host: string,
  files: readonly HostCertFile[],
  seen: ReadonlyMap<string, string | null>,
  { model, state, now, renewWindowDays }: CertJudgeInput,
): Finding[] {
  const problems: Finding[] = [];
  const covered = new Set<string>();
  let matched = 0;
  let minDays = Infinity;
  for (const f of files) {
    const roles = `${APPLY} --role ${f.roles.join(',')}`;
    const text = seen.get(f.path);
    const fail = (summary: string, evidence: string[], fix: string) =>
      problems.push(finding(ID, host, 'fail', summary, evidence, fix));
    if (text === undefined || text === null) {
      fail(`${f.path} (the ${f.cert} certificate) is missing on ${host}`, [`@@missing ${f.path}`], roles);
      continue;
    }
    let x509: X509Certificate;
    try {
      x509 = new X509Certificate(text);
    } catch {
      fail(`${f.path} on ${host} holds no readable certificate`, [text.split('\n')[0] ?? '(empty)'], roles);
      continue;
    }
    const id = `${f.path}: subject ${x509.subject.replace(/\n/g, ', ')}; serial ${x509.serialNumber}; not after ${x509.validTo}`;
    const want = state.get(f.cert);
    if (want !== undefined) {
      const ref = new X509Certificate(want);
      if (ref.fingerprint256 !== x509.fingerprint256)
        fail(
          `stale certificate on the host: ${f.path} on ${host} is not the state dir's pki/${certFile(f.cert)}`,
          [`host ${id}`, `state dir pki/${certFile(f.cert)}: serial ${ref.serialNumber}; not after ${ref.validTo}`],
          roles,
        );
      else matched++;
    }
    const have = sansOf(x509);
    const required = requiredSans(model, f.cert);
    const missing = required.filter((s) => !have.includes(s));
    required.filter((s) => have.includes(s)).forEach((s) => covered.add(s));
    if (missing.length > 0)
      fail(
        `${f.path} on ${host} lacks the SAN${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: clients using ` +
          `${missing.length > 1 ? 'them' : 'it'} get "x509: certificate is valid for ..., not ..."`,
        [id, `SANs: ${have.join(', ') || '(none)'}`],
        `re-run ${APPLY}: it reissues the certificates whose SANs change and places them (by hand: reissue ${f.cert} with ${missing.join(', ')})`,
      );
    const days = Math.floor((new Date(x509.validTo).getTime() - now.getTime()) / DAY_MS);
    if (days < 0)
      fail(`${f.path} on ${host} expired on ${x509.validTo}`, [id], `${APPLY} (it reissues expired certificates)`);
    else if (days < renewWindowDays)
      problems.push(
        finding(
          ID,
          host,
          'warn',
          `${f.path} on ${host} expires in ${days} days (renewal window ${renewWindowDays})`,
          [id],
          `${APPLY} (it renews certificates within the renewal window)`,
        ),
      );
    else minDays = Math.min(minDays, days);
  }
  if (problems.length > 0) return problems;
  const match =
    matched === files.length
      ? `match the state dir`
      : `(${matched} of them match the state dir; it has no copy of the rest)`;
  const cover = covered.size > 0 ? `, cover ${[...covered].join(', ')}` : '';
  return [
    finding(
      ID,
      host,
      'ok',
      `${files.length} certificates ${match}${cover}, expire in ≥ ${minDays} days`,
      files.map((f) => f.path),
    ),
  ];
}
