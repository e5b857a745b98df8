// Assembles Facts from the gather script's output: each section through its pure parser.

import { OrchestrateError } from '../errors.ts';
import type { Facts, ResolvConf } from './types.ts';
import { firstLine, splitSections, type SectionName } from './sections.ts';
import { RESOLV_CONF } from './script.ts';
import { parseOsRelease } from './parse-os-release.ts';
import { normalizeArch } from './parse-arch.ts';
import { parseIpAddrJson } from './parse-ip-addr-json.ts';
import { parseIpAddrText } from './parse-ip-addr-text.ts';
import { parseIpRouteJson } from './parse-ip-route-json.ts';
import { parseIpRouteText } from './parse-ip-route-text.ts';
import { parseResolvConf } from './parse-resolv-conf.ts';
import { isResolvedStub, parseIsActive, resolveLinkTarget } from './parse-resolved.ts';
import { parseSwaps } from './parse-swaps.ts';
import { mergeModules, parseModulesBuiltin, parseProcModules } from './parse-modules.ts';
import { parseSystemctlVersion } from './parse-systemctl-version.ts';

const FIX = 'run the gather script by hand on the host (`orchestrate facts -l HOST -v`) and check its output';

/** A PROBE_INVALID that names the section, so a broken host is diagnosable from the message. */
function invalid(section: string, problem: string, cause?: unknown): OrchestrateError {
  return new OrchestrateError('PROBE_INVALID', `facts: section "${section}" ${problem}`, { fix: FIX, cause });
}

/** Reads the gather output's sections, insisting on those every run prints. */
function reader(stdout: string) {
  const sections = splitSections(stdout);
  if (!sections.has('end')) throw invalid('end', 'is missing: the gather output was cut short or is not ours');
  const body = (name: SectionName): string => {
    const b = sections.get(name);
    if (b === undefined) throw invalid(name, 'is missing from the gather output');
    return b;
  };
  const mandatory = (name: SectionName): string => {
    const line = firstLine(body(name));
    if (line === '') throw invalid(name, 'is empty: the host did not report it');
    return line;
  };
  /** The JSON form when the host printed it, else the text form: one of the two is always there. */
  const either = <T>(
    json: SectionName,
    text: SectionName,
    fromJson: (s: string) => T,
    fromText: (s: string) => T,
  ): T => {
    const j = sections.get(json);
    if (j !== undefined) return parseWith(json, fromJson, j);
    return parseWith(text, fromText, body(text));
  };
  /** A section a host may lack (added to the script later, or not knowable there): undefined then. */
  const optional = (name: SectionName): string | undefined => sections.get(name);
  return { body, mandatory, either, optional };
}

/** Runs one parser, turning its failure into PROBE_INVALID naming the section. */
function parseWith<T>(section: SectionName, parse: (s: string) => T, text: string): T {
  try {
    return parse(text);
  } catch (err) {
    throw invalid(section, `cannot be parsed: ${err instanceof Error ? err.message : String(err)}`, err);
  }
}

/** The cgroup-fs section: '1', '2', or nothing (no /sys/fs/cgroup: unknown). */
export function parseCgroupVersion(body: string | undefined): 1 | 2 | undefined {
  const v = firstLine(body);
  return v === '2' ? 2 : v === '1' ? 1 : undefined;
}

/** The cap-bounding section: CapBnd's hex digits, lower case; undefined when absent or not hex. */
export function parseCapBounding(body: string | undefined): string | undefined {
  const v = firstLine(body).toLowerCase();
  return /^[0-9a-f]+$/.test(v) ? v : undefined;
}

/** Turns one gather run's stdout into Facts; throws PROBE_INVALID naming the section at fault. */
export function parseFacts(stdout: string, now: Date): Facts {
  const { body, mandatory, either, optional } = reader(stdout);
  const hostname = mandatory('hostname');
  const resolvConf: ResolvConf = {
    path: RESOLV_CONF,
    target: resolveLinkTarget(RESOLV_CONF, body('resolv-target')),
    ...parseResolvConf(body('resolv-conf')),
  };
  const routes = either('ip-route-json', 'ip-route-text', parseIpRouteJson, parseIpRouteText);
  return {
    hostname,
    fqdn: firstLine(body('fqdn')) || hostname,
    os: parseOsRelease(body('os-release')),
    arch: normalizeArch(mandatory('arch')),
    kernel: mandatory('kernel'),
    addresses: either('ip-addr-json', 'ip-addr-text', parseIpAddrJson, parseIpAddrText),
    defaultRoute: routes.find((r) => r.dst === 'default'),
    routes,
    resolvConf,
    resolved: {
      active: parseIsActive(body('resolved-active')),
      stub: isResolvedStub(resolvConf),
      upstream: parseResolvConf(body('resolved-upstream')).nameservers,
    },
    swap: parseSwaps(body('swaps')),
    modules: mergeModules(parseProcModules(body('modules')), parseModulesBuiltin(body('modules-builtin'))),
    systemd: {
      version: parseSystemctlVersion(body('systemd-version')),
      running: firstLine(body('systemd-running')) === 'yes',
    },
    cgroupVersion: parseCgroupVersion(optional('cgroup-fs')),
    capBounding: parseCapBounding(optional('cap-bounding')),
    gatheredAt: now.toISOString(),
  };
}
