// Usage text, one screen per command.

const USAGE = `orchestrate: agentless, typed orchestration over SSH

usage:
  orchestrate apply <playbook.ts> [-i INV] [-l PATTERN] [--role NAME[,NAME]] [-t TAG] [--skip-tags TAG]
                    [-C|--check] [-D|--diff] [-f|--forks N] [-e k=v|@file] [-v] [--json]
                    [--state-dir DIR] [--artifacts-dir DIR] [--lock-wait SECS] [--timeout SECS]
                    [--accept-new-host-keys] [--persist SECS]
  orchestrate plan <playbook.ts> ...       apply --check --diff; --detailed-exitcode: 0 none, 2 pending
  orchestrate inventory [-i INV] [--graph] [-l PATTERN]
  orchestrate facts [-i INV] -l PATTERN    gathered facts as JSON
  orchestrate pki status [-i INV | --state-dir DIR] [--json] [--renew-window DAYS]
  orchestrate doctor [-i INV] [-l PATTERN] [--json]   read-only checks of a doctor module (default: an
                                           extension's): 0 all ok, 1 warnings only, 2 a failure
  orchestrate verify [-i INV] [--json]     the smoke tests of a verify module (default: an extension's;
                                           they may create objects: orchestrate verify --help)
  orchestrate lab up [N] [--controllers C --workers W] [--name NAME] | base | status | ssh HOST
                  | exec -- CMD... | stop HOST | start HOST | down

The inventory defaults to $ORCHESTRATE_INVENTORY (set by 'orchestrate lab exec').
--persist SECS ($ORCHESTRATE_PERSIST): keep the SSH connections open SECS after the run, in a
process serving the state dir (like OpenSSH's ControlPersist); the next run reuses them.
Exit codes: 0 ok, 1 error, 2 a host failed, 3 a host unreachable, 4 playbook/inventory/vars error,
5 bad options, 99 interrupted.
`;

/** The usage text (one text for every topic for now: the commands share their flags). */
export function helpText(_topic: string | undefined): string {
  return USAGE;
}
