// The Kubernetes versions the typed flags are checked against: a version outside them is refused, not guessed at.

import { OrchestrateError } from 'orchestrate';
import { FLAG_LIST_VERSIONS } from './index.ts';

const minorOf = (v: string): [number, number] | undefined => {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(v);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
};
const order = (a: [number, number], b: [number, number]) => a[0] - b[0] || a[1] - b[1];

/**
 * Pure: throws VARS_INVALID unless `version` lies between the oldest and newest minor with flag lists (the roles'
 * flags are the ones every listed minor accepts, so a version in between accepts them too).
 */
export function checkFlagVersion(version: string): void {
  const listed = FLAG_LIST_VERSIONS.map((v) => minorOf(v)!);
  const [oldest, newest] = [listed[0]!, listed[listed.length - 1]!];
  const have = minorOf(version);
  if (have && order(have, oldest) >= 0 && order(have, newest) <= 0) return;
  const range = `${oldest.join('.')} to ${newest.join('.')}`;
  throw new OrchestrateError(
    'VARS_INVALID',
    `cluster.versions.kubernetes ${JSON.stringify(version)}: the control-plane flags are checked against Kubernetes ${range} only`,
    {
      fix: `set cluster.versions.kubernetes to a ${range} release, or add that minor's flag lists under test/fixtures/flags/ and run npx tsx kubernetes/flags/generate.ts`,
    },
  );
}
