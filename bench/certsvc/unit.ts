// The certsvc unit, rendered per host; bench/ansible/templates/certsvc.service.j2 renders the same bytes.

import { execLine, renderUnitFile } from 'orchestrate';

/** What the unit depends on: the host's inventory name and address. */
export interface CertsvcUnitVars {
  readonly name: string;
  readonly address: string;
}

/** Pure: vars in, unit text out (keep in step with the Jinja template, byte for byte). */
export function renderCertsvcUnit(v: CertsvcUnitVars): string {
  return renderUnitFile({
    unit: [
      ['Description', `certsvc on ${v.name} (orchestrate benchmark role)`],
      ['After', 'network.target'],
    ],
    service: [
      ['Environment', `CERTSVC_NAME=${v.name}`],
      ['Environment', `CERTSVC_ADDRESS=${v.address}`],
      ['Environment', 'CERTSVC_CERTS=/etc/certsvc/certs'],
      ['ExecStart', execLine(['/bin/sleep', 'infinity'])],
      ['Restart', 'on-failure'],
    ],
    install: [['WantedBy', 'multi-user.target']],
  });
}
