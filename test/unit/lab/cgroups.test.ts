import { expect } from 'chai';
import { hierarchyMount, parseProcCgroup } from '../../../src/lab/cgroups.ts';

// /proc/self/cgroup captured on a cgroup v1 hybrid machine whose PID 1 is not systemd.
const HYBRID = `9:name=systemd:/
8:pids:/
7:blkio:/
6:freezer:/
5:devices:/
4:memory:/process_api/2a348478790d966bfc6ff70649eb1d5a
3:cpuset:/
2:cpuacct:/
1:cpu:/
0::/
`;

describe('lab/cgroups', () => {
  it('GIVEN a hybrid machine THEN the own path per hierarchy (memory nested, others root)', () => {
    const own = parseProcCgroup(HYBRID);
    expect(own.get('name=systemd')).to.equal('/');
    expect(own.get('unified')).to.equal('/');
    expect(own.get('pids')).to.equal('/');
    expect(own.get('memory')).to.equal('/process_api/2a348478790d966bfc6ff70649eb1d5a');
  });

  it('GIVEN joined controllers (cpu,cpuacct + memory) THEN each is found', () => {
    const own = parseProcCgroup('3:memory,pids:/a/b\n1:name=systemd:/user.slice\n');
    expect(own.get('memory')).to.equal('/a/b');
    expect(own.get('pids')).to.equal('/a/b');
    expect(own.get('name=systemd')).to.equal('/user.slice');
    expect(own.has('unified')).to.equal(false);
  });

  it('GIVEN pure cgroup v2 THEN only unified', () => {
    const own = parseProcCgroup('0::/user.slice/session-1.scope\n');
    expect([...own.entries()]).to.deep.equal([['unified', '/user.slice/session-1.scope']]);
  });

  it('maps hierarchies to their mount dirs', () => {
    expect(hierarchyMount('name=systemd', false)).to.equal('/sys/fs/cgroup/systemd');
    expect(hierarchyMount('memory', false)).to.equal('/sys/fs/cgroup/memory');
    expect(hierarchyMount('unified', false)).to.equal('/sys/fs/cgroup/unified');
    expect(hierarchyMount('unified', true)).to.equal('/sys/fs/cgroup');
  });
});
