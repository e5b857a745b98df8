// 'orchestrate/module-kit': what a module writer needs besides 'orchestrate': the module contract, probes
// (stat, unit state, shared reads), parsers (probe fields, facts' command outputs), planners and steps.
// A module is { id, probe, parse, plan } plus a constructor returning action(module, params); see src/modules/README.md.

// The contract
export { action } from './modules/types.ts';
export type { Action, Module, PlanContext, RunStep, Step, WriteStep } from './modules/types.ts';

// Probes
export { statProbe, parseStat, sameOwner } from './modules/lib/stat.ts';
export type { FileStat, PathType, StatProbeOptions } from './modules/lib/stat.ts';
export { unitStateProbe } from './modules/lib/systemctl.ts';
export { readLine } from './modules/shared-read.ts';
export type { SharedRead } from './modules/shared-read.ts';

// Parsers
export { ProbeFields, parseFields, invalid } from './modules/lib/fields.ts';
export { parseIpRouteText } from './facts/parse-ip-route-text.ts';
export { parseResolvConf } from './facts/parse-resolv-conf.ts';

// Parameters checked when an action is built
export { badParam, checkName, checkPath, normalizeMode, parentDir, MANAGED_HEADER } from './modules/lib/params.ts';

// Planners and steps
export { planFile, planGenerated, planRemoved } from './modules/lib/file-plan.ts';
export type { DesiredFile } from './modules/lib/file-plan.ts';
export { PlanConflict, attributeSteps, ownerSpec, runStep } from './modules/lib/steps.ts';
export { contentBytes, isText, sha256Hex } from './modules/lib/content.ts';
export { fileDiff } from './modules/lib/diff.ts';
export type { DiffSide } from './modules/lib/diff.ts';
