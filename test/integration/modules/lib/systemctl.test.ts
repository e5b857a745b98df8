import { expect } from 'chai';
import { chmodSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { buildProbesScript, parseProbesOutput, type RoleProbes } from '../../../../src/executor/probe-script.ts';
import { unitStateProbe } from '../../../../src/modules/lib/systemctl.ts';
import { removeTempDir, tempDir } from '../../../support/temp-dir.ts';

/**
 * A stand-in systemctl: `etcd` enabled+active, `ssh` static+inactive, anything else missing. is-enabled
 * stops at the first missing unit (systemd 252) or, with SYSTEMD253=1 (systemd 253 and later), prints
 * not-found for it and goes on.
 */
const FAKE = `#!/bin/sh
echo "$*" >> "$CALLS"
q=$1; shift; [ "$1" = -- ] && shift
for u; do
  case $q:$u in
    is-enabled:etcd*) echo enabled ;; is-enabled:ssh*) echo static ;;
    is-active:etcd*) echo active ;; is-active:*) echo inactive ;;
    is-enabled:*) if [ "$SYSTEMD253" = 1 ]; then echo not-found; else echo "Failed to get unit file state for $u" >&2; exit 1; fi ;;
  esac
done
`;

describe('modules/lib/systemctl (shared read of unit states)', () => {
  let dir = '';
  beforeEach(() => {
    dir = tempDir();
    writeFileSync(`${dir}/systemctl`, FAKE);
    chmodSync(`${dir}/systemctl`, 0o755);
  });
  afterEach(() => removeTempDir(dir));

  const probeUnits = (units: string[], env: Record<string, string> = {}) => {
    const roles: RoleProbes[] = [
      { role: 'r', items: units.map((u, i) => ({ key: `t${i}`, probe: unitStateProbe(u, 'u.') })) },
    ];
    const stdout = execFileSync('sh', ['-s'], {
      input: buildProbesScript(roles),
      encoding: 'utf8',
      env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, CALLS: `${dir}/calls`, ...env },
    });
    const calls = execFileSync('cat', [`${dir}/calls`], { encoding: 'utf8' })
      .trim()
      .split('\n');
    return { byKey: parseProbesOutput('h1', stdout, roles)[0]!.byKey, calls };
  };

  it('GIVEN every unit present WHEN probed THEN one is-enabled and one is-active answer for all of them', () => {
    const { byKey, calls } = probeUnits(['etcd.service', 'ssh.service']);
    expect(calls).to.deep.equal(['is-enabled -- etcd.service ssh.service', 'is-active -- etcd.service ssh.service']);
    expect(byKey.get('t0')).to.equal('u.enabled=enabled\nu.active=active\n');
    expect(byKey.get('t1')).to.equal('u.enabled=static\nu.active=inactive\n');
  });

  for (const SYSTEMD253 of ['0', '1'])
    it(`GIVEN a missing unit in the middle (is-enabled ${SYSTEMD253 === '1' ? 'printing not-found' : 'stopping there'}) WHEN probed THEN each unit still gets its own words`, () => {
      const { byKey, calls } = probeUnits(['etcd.service', 'nope.service', 'ssh.service'], { SYSTEMD253 });
      // Before 253: the batch stops at nope; nope is asked alone, ssh in a batch of the rest.
      expect(calls).to.deep.equal(
        SYSTEMD253 === '1'
          ? [
              'is-enabled -- etcd.service nope.service ssh.service',
              'is-active -- etcd.service nope.service ssh.service',
            ]
          : [
              'is-enabled -- etcd.service nope.service ssh.service',
              'is-enabled -- nope.service',
              'is-enabled -- ssh.service',
              'is-active -- etcd.service nope.service ssh.service',
            ],
      );
      expect(byKey.get('t0')).to.equal('u.enabled=enabled\nu.active=active\n');
      expect(byKey.get('t1')).to.equal('u.enabled=not-found\nu.active=inactive\n');
      expect(byKey.get('t2')).to.equal('u.enabled=static\nu.active=inactive\n');
    });

  it('GIVEN no systemctl answering at all WHEN probed THEN not-found and inactive, as a host without systemd', () => {
    writeFileSync(`${dir}/systemctl`, '#!/bin/sh\necho "$*" >> "$CALLS"\nexit 1\n');
    const { byKey } = probeUnits(['etcd.service']);
    expect(byKey.get('t0')).to.equal('u.enabled=not-found\nu.active=inactive\n');
  });
});
