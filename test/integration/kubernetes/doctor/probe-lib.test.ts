import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import {
  catFilesProbe,
  flagValue,
  parseCatFiles,
  parseTcp,
  parseUnitArgv,
  tcpProbe,
  unitArgvProbe,
} from '../../../../kubernetes/doctor/probe-lib.ts';

const bash = (script: string) => spawnSync('bash', ['-c', script], { encoding: 'utf8' });

/** As `systemctl show -p ExecStart --value kube-apiserver` prints it (systemd 245 on Ubuntu 20.04 to 252 on Debian 12). */
const EXECSTART =
  '{ path=/usr/local/bin/kube-apiserver ; argv[]=/usr/local/bin/kube-apiserver --advertise-address=10.240.0.10 --kubelet-preferred-address-types InternalIP,ExternalIP,Hostname --service-cluster-ip-range=10.32.0.0/24 --v=2 ; ignore_errors=no ; start_time=[Thu 2026-11-26 23:05:27 UTC] ; stop_time=[n/a] ; pid=449 ; code=(null) ; status=0/0 }';

describe('kubernetes/doctor/probe-lib: the shared snippets and their parsers', () => {
  it("unitArgvProbe's sed takes argv[] out of systemctl's ExecStart line; parseUnitArgv reads it", () => {
    // The snippet's pipeline, fed the captured line instead of systemctl.
    const script = unitArgvProbe('kube-apiserver').replace(
      /timeout 5 systemctl show [^|]*\|/,
      `printf '%s\\n' '${EXECSTART}' |`,
    );
    const out = bash(script).stdout;
    const argv = parseUnitArgv(out);
    expect(argv).to.deep.equal([
      '/usr/local/bin/kube-apiserver',
      '--advertise-address=10.240.0.10',
      '--kubelet-preferred-address-types',
      'InternalIP,ExternalIP,Hostname',
      '--service-cluster-ip-range=10.32.0.0/24',
      '--v=2',
    ]);
    expect(flagValue(argv!, 'kubelet-preferred-address-types')).to.equal('InternalIP,ExternalIP,Hostname');
    expect(flagValue(argv!, 'service-cluster-ip-range')).to.equal('10.32.0.0/24');
    expect(flagValue(argv!, 'secure-port')).to.equal(undefined);
  });

  it('GIVEN a unit that does not exist THEN argv-missing, parsed as undefined', () => {
    const out = bash(unitArgvProbe('no-such-unit-orchestrate-test')).stdout;
    expect(out.trim()).to.equal('argv-missing no-such-unit-orchestrate-test');
    expect(parseUnitArgv(out)).to.equal(undefined);
  });

  it('tcpProbe tells open from refused, for real on loopback', async () => {
    const server = createServer((s) => s.destroy()).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as { port: number }).port;
    const closed = createServer().listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const closedPort = (closed.address() as { port: number }).port;
    closed.close();
    await once(closed, 'close');
    try {
      const out = bash(
        [tcpProbe('up', '127.0.0.1', port), tcpProbe('down', '127.0.0.1', closedPort)].join('\n'),
      ).stdout;
      expect(parseTcp(out)).to.deep.equal([
        { label: 'up', addr: '127.0.0.1', port, state: 'open' },
        { label: 'down', addr: '127.0.0.1', port: closedPort, state: 'refused' },
      ]);
    } finally {
      server.close();
    }
  });

  it('catFilesProbe prints each file or says it is missing; parseCatFiles reads both', () => {
    const out = bash(catFilesProbe(['/etc/hostname', '/nonexistent/x.pem'])).stdout;
    const files = parseCatFiles(out);
    expect(files.get('/etc/hostname')?.trim()).to.equal(bash('cat /etc/hostname').stdout.trim());
    expect(files.get('/nonexistent/x.pem')).to.equal(null);
  });
});
