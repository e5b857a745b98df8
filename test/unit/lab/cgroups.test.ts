import { expect } from 'chai';
import { cpusetCopyPlan, ownCgroups, parseCgroupMounts, parseProcCgroup } from '../../../src/lab/cgroups.ts';

// /proc/self/cgroup and the cgroup lines of /proc/self/mountinfo, captured on a cgroup v1 hybrid
// machine whose PID 1 is not systemd (cpu and cpuacct mounted apart).
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
const HYBRID_MOUNTS = `22 1 254:0 / / rw,relatime - ext4 /dev/vda rw
30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
31 30 0:28 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
32 30 0:29 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
33 30 0:30 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset
34 30 0:31 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
35 30 0:32 / /sys/fs/cgroup/devices rw,relatime - cgroup cgroup rw,devices
36 30 0:33 / /sys/fs/cgroup/freezer rw,relatime - cgroup cgroup rw,freezer
37 30 0:34 / /sys/fs/cgroup/blkio rw,relatime - cgroup cgroup rw,blkio
38 30 0:35 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
39 30 0:36 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
40 30 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
`;

// A systemd-managed hybrid machine: combined cpu,cpuacct and net_cls,net_prio, optional fields in
// mountinfo, hugetlb listed but not mounted.
const SYSTEMD_HOST = `12:hugetlb:/
11:net_cls,net_prio:/
10:cpu,cpuacct:/user.slice
9:cpuset:/
8:name=systemd:/user.slice/user-0.slice/session-1.scope
0::/user.slice/user-0.slice/session-1.scope
`;
const SYSTEMD_MOUNTS = `25 24 0:22 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:4 - tmpfs tmpfs ro,mode=755
26 25 0:23 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:5 - cgroup2 cgroup2 rw,nsdelegate
27 25 0:24 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:6 - cgroup cgroup rw,xattr,name=systemd
31 25 0:28 / /sys/fs/cgroup/net_cls,net_prio rw,nosuid,nodev,noexec,relatime shared:10 - cgroup cgroup rw,net_cls,net_prio
32 25 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:11 - cgroup cgroup rw,cpu,cpuacct
33 25 0:30 / /sys/fs/cgroup/cpuset rw,nosuid,nodev,noexec,relatime shared:12 - cgroup cgroup rw,cpuset,clone_children
90 60 0:29 / /mnt/my\\040cpu rw,relatime shared:11 - cgroup cgroup rw,cpu,cpuacct
`;

describe('lab/cgroups', () => {
  it('GIVEN /proc/self/cgroup THEN every hierarchy with its controllers and path, v2 with none', () => {
    expect(parseProcCgroup(HYBRID)).to.deep.equal([
      { id: 9, controllers: ['name=systemd'], path: '/' },
      { id: 8, controllers: ['pids'], path: '/' },
      { id: 7, controllers: ['blkio'], path: '/' },
      { id: 6, controllers: ['freezer'], path: '/' },
      { id: 5, controllers: ['devices'], path: '/' },
      { id: 4, controllers: ['memory'], path: '/process_api/2a348478790d966bfc6ff70649eb1d5a' },
      { id: 3, controllers: ['cpuset'], path: '/' },
      { id: 2, controllers: ['cpuacct'], path: '/' },
      { id: 1, controllers: ['cpu'], path: '/' },
      { id: 0, controllers: [], path: '/' },
    ]);
    expect(parseProcCgroup('10:cpu,cpuacct:/a:b\n')).to.deep.equal([
      { id: 10, controllers: ['cpu', 'cpuacct'], path: '/a:b' },
    ]);
  });

  it('GIVEN mountinfo THEN only the cgroup mounts, with root, version and super options', () => {
    const mounts = parseCgroupMounts(SYSTEMD_MOUNTS);
    expect(mounts.map((m) => m.mountPoint)).to.deep.equal([
      '/sys/fs/cgroup/unified',
      '/sys/fs/cgroup/systemd',
      '/sys/fs/cgroup/net_cls,net_prio',
      '/sys/fs/cgroup/cpu,cpuacct',
      '/sys/fs/cgroup/cpuset',
      '/mnt/my cpu',
    ]);
    expect(mounts[0]).to.deep.equal({
      mountPoint: '/sys/fs/cgroup/unified',
      root: '/',
      version: 2,
      options: ['rw', 'nsdelegate'],
    });
    expect(mounts[1]!.options).to.include('name=systemd');
  });

  it('GIVEN a hybrid machine THEN a dir in every mounted hierarchy, memory nested, others at the root', () => {
    const own = ownCgroups(parseProcCgroup(HYBRID), parseCgroupMounts(HYBRID_MOUNTS));
    expect(own.map((o) => [o.hierarchy, o.dir])).to.deep.equal([
      ['name=systemd', '/sys/fs/cgroup/systemd'],
      ['pids', '/sys/fs/cgroup/pids'],
      ['blkio', '/sys/fs/cgroup/blkio'],
      ['freezer', '/sys/fs/cgroup/freezer'],
      ['devices', '/sys/fs/cgroup/devices'],
      ['memory', '/sys/fs/cgroup/memory/process_api/2a348478790d966bfc6ff70649eb1d5a'],
      ['cpuset', '/sys/fs/cgroup/cpuset'],
      ['cpuacct', '/sys/fs/cgroup/cpuacct'],
      ['cpu', '/sys/fs/cgroup/cpu'],
      ['unified', '/sys/fs/cgroup/unified'],
    ]);
  });

  it('GIVEN combined controllers THEN one dir per hierarchy at its real mount point; unmounted ones left out', () => {
    const own = ownCgroups(parseProcCgroup(SYSTEMD_HOST), parseCgroupMounts(SYSTEMD_MOUNTS));
    expect(own.map((o) => [o.hierarchy, o.dir])).to.deep.equal([
      ['net_cls,net_prio', '/sys/fs/cgroup/net_cls,net_prio'],
      ['cpu,cpuacct', '/sys/fs/cgroup/cpu,cpuacct/user.slice'],
      ['cpuset', '/sys/fs/cgroup/cpuset'],
      ['name=systemd', '/sys/fs/cgroup/systemd/user.slice/user-0.slice/session-1.scope'],
      ['unified', '/sys/fs/cgroup/unified/user.slice/user-0.slice/session-1.scope'],
    ]);
  });

  it('GIVEN a mount showing a subtree THEN the path below its root; outside it THEN another mount or none', () => {
    const mounts = parseCgroupMounts(
      '50 40 0:31 /lab / rw - cgroup cgroup rw,memory\n51 40 0:35 /other /x rw - cgroup cgroup rw,pids\n',
    );
    const own = ownCgroups(parseProcCgroup('4:memory:/lab/h1\n8:pids:/lab/h1\n'), mounts);
    expect(own).to.deep.equal([{ hierarchy: 'memory', mountPoint: '/', dir: '/h1' }]);
  });

  it('GIVEN pure cgroup v2 THEN the one unified dir at /sys/fs/cgroup', () => {
    const own = ownCgroups(
      parseProcCgroup('0::/user.slice/session-1.scope\n'),
      parseCgroupMounts('30 22 0:26 / /sys/fs/cgroup rw,nosuid shared:4 - cgroup2 cgroup2 rw,nsdelegate\n'),
    );
    expect(own).to.deep.equal([
      { hierarchy: 'unified', mountPoint: '/sys/fs/cgroup', dir: '/sys/fs/cgroup/user.slice/session-1.scope' },
    ]);
  });

  it('GIVEN a new cgroup path THEN a cpuset copy for every new level, parent before child', () => {
    expect(cpusetCopyPlan('/sys/fs/cgroup/cpuset', '/sys/fs/cgroup/cpuset/orch-lab/h1')).to.deep.equal([
      { parent: '/sys/fs/cgroup/cpuset', dir: '/sys/fs/cgroup/cpuset/orch-lab' },
      { parent: '/sys/fs/cgroup/cpuset/orch-lab', dir: '/sys/fs/cgroup/cpuset/orch-lab/h1' },
    ]);
    expect(cpusetCopyPlan('/c/a', '/c/a/b')).to.deep.equal([{ parent: '/c/a', dir: '/c/a/b' }]);
    expect(() => cpusetCopyPlan('/c/a', '/c/b')).to.throw(/not below/);
    expect(() => cpusetCopyPlan('/c/a', '/c/a')).to.throw(/not below/);
  });
});
