// Loads the captured and reconstructed gather outputs under test/fixtures/facts (see its README).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { splitSections, type SectionName } from '../../../src/facts/sections.ts';

const DIR = fileURLToPath(new URL('../../fixtures/facts/', import.meta.url));

/** Every fixture by a short name; the file name says captured or reconstructed. */
export const FIXTURES = {
  vm: 'captured-debian12-vm.txt',
  vmIpText: 'captured-debian12-vm-ip-text.txt',
  chroot: 'captured-debian12-chroot.txt',
  netns: 'captured-netns-routes.txt',
  netnsIpText: 'captured-netns-routes-ip-text.txt',
  ubuntu2004: 'reconstructed-ubuntu2004-resolved.txt',
  ubuntu2204: 'reconstructed-ubuntu2204-resolved.txt',
  debian12Plain: 'reconstructed-debian12-plain.txt',
  labHost: 'captured-lab-nspawn-host.txt',
} as const;

export type FixtureName = keyof typeof FIXTURES;

/** The whole gather output of one fixture. */
export function fixture(name: FixtureName): string {
  return readFileSync(DIR + FIXTURES[name], 'utf8');
}

/** One section's body from one fixture; fails the test when the fixture lacks it. */
export function section(name: FixtureName, sectionName: SectionName): string {
  const body = splitSections(fixture(name)).get(sectionName);
  if (body === undefined) throw new Error(`fixture ${name} has no section ${sectionName}`);
  return body;
}
