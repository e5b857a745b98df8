import { expect } from 'chai';
import { caught, fromSpec, fromYaml } from './helpers.ts';

describe('inventory/build', () => {
  describe('GIVEN an inventory that contradicts itself', () => {
    const cases: [string, () => unknown, RegExp, RegExp][] = [
      [
        'a child group that does not exist (TS)',
        () => fromSpec({ groups: { web: { children: ['canry'] }, canary: {} } }),
        /inv\/test\.ts: groups\.web: child group canry of web does not exist \(did you mean canary\?\)/,
        /define group canry .* or remove it from web/,
      ],
      [
        'a child group that is only named (YAML)',
        () => fromYaml('all:\n  children:\n    web:\n      children:\n        canary:\n'),
        /inv\/test\.yaml: all\.children\.web \(line 3\): child group canary of web does not exist$/,
        /define group canary/,
      ],
      [
        'a cycle in children',
        () => fromSpec({ groups: { a: { children: ['b'] }, b: { children: ['c'] }, c: { children: ['a'] } } }),
        /groups form a cycle: a -> b -> c -> a/,
        /remove a from c's children/,
      ],
      [
        'a cycle through a YAML reference',
        () => fromYaml('all:\n  children:\n    a:\n      children:\n        b:\n          children:\n            a:\n'),
        /groups form a cycle: a -> b -> a/,
        /cannot contain itself/,
      ],
      [
        'all as a child',
        () => fromSpec({ groups: { a: { children: ['all'] } } }),
        /group a lists 'all' as a child/,
        /already below 'all'/,
      ],
      [
        'a name used as host and group',
        () => fromYaml('all:\n  hosts:\n    web:\n  children:\n    web:\n      hosts:\n        web-1:\n'),
        /all\.children\.web \(line 5\): web is both a group and a host \(host at all\.hosts\.web \(line 3\)\)/,
        /rename one/,
      ],
      [
        'a host defined twice with different connection settings',
        () =>
          fromYaml(
            'all:\n  children:\n    a:\n      hosts:\n        h: {ansible_host: 10.0.0.1}\n    b:\n      hosts:\n        h: {ansible_host: 10.0.0.2}\n',
          ),
        /all\.children\.b\.hosts\.h \(line 8\): host h is also defined at all\.children\.a\.hosts\.h \(line 5\) with a different ansible_host \("10\.0\.0\.1" there, "10\.0\.0\.2" here\)/,
        /define the host's vars in one place/,
      ],
      [
        'a group defined twice with different vars',
        () =>
          fromYaml(
            'all:\n  children:\n    a:\n      vars: {x: 1}\n    b:\n      children:\n        a:\n          vars: {x: 2}\n',
          ),
        /group a is also defined at all\.children\.a \(line 3\) with a different x/,
        /in one place/,
      ],
      [
        'an invalid port',
        () => fromSpec({ hosts: { h: { port: 70000 } } }),
        /inv\/test\.ts: host h: ansible_port 70000 \(set in host h \(hosts\.h\)\) is not a port number/,
        /1 to 65535/,
      ],
      [
        'a port that is text',
        () => fromYaml('all:\n  vars:\n    ansible_port: ssh\n  hosts:\n    h:\n'),
        /host h: ansible_port "ssh" \(set in all\.vars\) is not a port number/,
        /integer/,
      ],
      [
        'a become that is not a boolean',
        () => fromYaml('all:\n  hosts:\n    h: {ansible_become: maybe}\n'),
        /ansible_become "maybe" .* is not a boolean/,
        /true or false/,
      ],
      [
        'an invalid policy',
        () => fromSpec({ hostKeyPolicy: 'off' as 'strict' }),
        /inv\/test\.ts: all\.vars: orchestrate_host_key_policy "off" is not a host key policy/,
        /never disabled/,
      ],
      [
        'an invalid policy from -e',
        () => fromYaml('all: {}', { extraVars: { orchestrate_host_key_policy: 'no' } }),
        /extra vars \(-e\): orchestrate_host_key_policy "no"/,
        /accept-new/,
      ],
      [
        'the policy set on a group',
        () => fromYaml('all:\n  children:\n    g:\n      vars: {orchestrate_host_key_policy: accept-new}\n'),
        /all\.children\.g \(line 3\): orchestrate_host_key_policy applies to the whole inventory/,
        /move orchestrate_host_key_policy to all\.vars/,
      ],
      [
        'a bad jump host',
        () => fromSpec({ hosts: { h: { jump: 'a@b@c d' } } }),
        /host h: orchestrate_jump "a@b@c d" .* is not \[user@\]host\[:port\]/,
        /bastion/,
      ],
      [
        'both jump and proxy command',
        () => fromSpec({ hosts: { h: { jump: 'b', proxyCommand: 'nc %h %p' } } }),
        /host h: both orchestrate_jump and orchestrate_proxy_command are set/,
        /only one/,
      ],
      [
        'a host name with a space',
        () => fromYaml('all:\n  hosts:\n    "web 1":\n'),
        /all\.hosts\.web 1 \(line 3\): host name "web 1" is not a plain name/,
        /ansible_host/,
      ],
      [
        'a group priority that is not a number',
        () => fromYaml('all:\n  children:\n    g:\n      vars: {ansible_group_priority: high}\n'),
        /ansible_group_priority "high" of group g is not an integer/,
        /integer/,
      ],
      [
        'an unknown key in a TS spec',
        () => fromSpec({ host: {} }),
        /inv\/test\.ts: top level: unknown key\(s\) "host"/,
        /defineInventory/,
      ],
      [
        'a wrong type in a TS host',
        () => fromSpec({ hosts: { h: { port: '22' } } } as never),
        /inv\/test\.ts: hosts\.h\.port: .*expected number/,
        /defineInventory/,
      ],
      [
        'a field and its var both set (TS)',
        () => fromSpec({ hosts: { h: { user: 'a', vars: { ansible_user: 'b' } } } }),
        /hosts\.h\.user: conflicts with vars\.ansible_user = "b"/,
        /set it once/,
      ],
    ];
    for (const [what, build, message, fix] of cases)
      it(`WHEN it has ${what} THEN INVENTORY_INVALID names the file, the place and the fix`, () => {
        const err = caught(build);
        expect(err.code).to.equal('INVENTORY_INVALID');
        expect(err.message).to.match(message);
        expect(err.fix).to.match(fix);
      });
  });

  describe('GIVEN a host written in two groups with the same settings', () => {
    it('THEN it is one host in both groups, its vars combined', () => {
      const inv = fromYaml(
        'all:\n  children:\n    a:\n      hosts:\n        h: {ansible_host: 10.0.0.1, x: 1}\n    b:\n      hosts:\n        h: {ansible_host: 10.0.0.1, y: 2}\n',
      );
      expect([...inv.hosts.keys()]).to.deep.equal(['h']);
      expect(inv.hosts.get('h')!.groups).to.deep.equal(['all', 'a', 'b']);
      expect(inv.hosts.get('h')!.vars).to.include({ x: 1, y: 2, ansible_host: '10.0.0.1' });
    });
  });

  describe("GIVEN Ansible's older ansible_ssh_* spellings", () => {
    it('THEN they are read, and the current spelling wins when both are set', () => {
      const inv = fromYaml(
        'all:\n  hosts:\n    a: {ansible_ssh_host: 10.0.0.1, ansible_ssh_port: 2200, ansible_ssh_user: old}\n    b: {ansible_ssh_host: 10.0.0.1, ansible_host: 10.0.0.2}\n',
      );
      expect(inv.hosts.get('a')).to.deep.include({ address: '10.0.0.1', port: 2200, user: 'old' });
      expect(inv.hosts.get('b')!.address).to.equal('10.0.0.2');
    });
  });

  describe('GIVEN a TS spec with every host field', () => {
    it('THEN the fields become the Host fields', () => {
      const inv = fromSpec({
        hosts: {
          h: { address: '10.1.1.1', port: 2022, user: 'ops', become: true, identityFile: '~/.ssh/id', jump: 'b:22' },
        },
        knownHosts: 'kh',
      });
      expect(inv.hosts.get('h')).to.deep.include({
        address: '10.1.1.1',
        port: 2022,
        user: 'ops',
        become: true,
        identityFile: '/home/me/.ssh/id',
        jump: 'b:22',
      });
      expect(inv.knownHostsFile).to.equal('/work/run/inv/kh');
    });
    it('THEN a port given as a numeric string by -e is accepted', () => {
      expect(fromSpec({ hosts: { h: {} } }, { extraVars: { ansible_port: '2200' } }).hosts.get('h')!.port).to.equal(
        2200,
      );
    });
    it('THEN an identity file given by -e is relative to the cwd', () => {
      expect(
        fromSpec({ hosts: { h: {} } }, { extraVars: { ansible_ssh_private_key_file: 'k' } }).hosts.get('h')!
          .identityFile,
      ).to.equal('/work/run/k');
    });
  });
});
