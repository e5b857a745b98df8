// Test helpers: a verify context on a 1 + 2 KTHW inventory, captured outputs, sections as a script prints them.

import { readFileSync } from 'node:fs';
import { kthwInventory } from '../cluster/helpers.ts';
import { verifyContext, type VerifyContext, type VerifyFacts } from '../../../../kubernetes/verify/context.ts';
import { tempDir } from '../../../support/temp-dir.ts';

export const PLAINTEXT = 'orchestrate-verify-00112233445566778899aabbccddeeff';

/** controller-0 + worker-0, worker-1; a fixed Secret value. */
export function testContext(hostVars: Record<string, unknown> = {}): VerifyContext {
  const inventory = kthwInventory({ controllers: 1, workers: 2, hostVars: { 'controller-0': hostVars } });
  const ctx = verifyContext({ inventory, stateDir: tempDir('orch-cluster-'), waitSeconds: 60 });
  return { ...ctx, plaintext: PLAINTEXT };
}

/** A file of test/fixtures/verify. */
export const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/verify/${name}`, import.meta.url), 'utf8').replace(/\n$/, '');

/** A section as apiPrint prints it. */
export const answer = (code: number, body: string, curlExit = 0): string =>
  `${body}\n@@http ${String(code).padStart(3, '0')} ${curlExit}`;

/** Sections by name. */
export const sections = (s: Record<string, string>): Map<string, string> => new Map(Object.entries(s));

/** Facts after a passing api and deployment test on the real binaries. */
export const FACTS: Partial<VerifyFacts> = {
  gitVersion: 'v1.32.3',
  release: true,
  kubectl: '/usr/local/bin/kubectl',
  etcdctl: true,
  namespaceOwned: true,
  pod: { name: 'verify-web-6d8f4b7c9-x2k4q', ip: '10.200.1.2', node: 'worker-1' },
};
