import { expect } from 'chai';
import { caught, fromYaml } from './helpers.ts';

describe('inventory/yaml', () => {
  describe('GIVEN an Ansible-style YAML inventory', () => {
    const inv = fromYaml(`
all:
  vars:
    ntp: pool.ntp.org
  hosts:
    lonely:
  children:
    web:
      hosts:
        web-1:
          ansible_host: 10.0.0.11
          ansible_port: 2222
          ansible_user: deploy
          ansible_become: "yes"
          ansible_ssh_private_key_file: keys/web.pem
        web-2:
      vars:
        http_port: 80
      children:
        canary:
          hosts:
            web-2:
              orchestrate_proxy_command: nc %h %p
    db:
      hosts:
        db-1: {orchestrate_jump: "ops@bastion:2200", ansible_become: true}
`);

    it('THEN hosts come in document order, with their groups', () => {
      expect([...inv.hosts.keys()]).to.deep.equal(['lonely', 'web-1', 'web-2', 'db-1']);
      expect(inv.hosts.get('web-2')!.groups).to.deep.equal(['all', 'web', 'canary']);
      expect(inv.hosts.get('lonely')!.groups).to.deep.equal(['all', 'ungrouped']);
    });

    const table: [string, Record<string, unknown>][] = [
      [
        'web-1',
        {
          address: '10.0.0.11',
          port: 2222,
          user: 'deploy',
          become: true,
          identityFile: '/work/run/inv/keys/web.pem',
          jump: undefined,
          proxyCommand: undefined,
        },
      ],
      [
        'web-2',
        {
          address: 'web-2',
          port: 22,
          user: 'me',
          become: false,
          identityFile: undefined,
          jump: undefined,
          proxyCommand: 'nc %h %p',
        },
      ],
      [
        'db-1',
        {
          address: 'db-1',
          port: 22,
          user: 'me',
          become: true,
          identityFile: undefined,
          jump: 'ops@bastion:2200',
          proxyCommand: undefined,
        },
      ],
    ];
    for (const [name, want] of table)
      it(`THEN ${name} has the connection settings ${JSON.stringify(want)}`, () => {
        const h = inv.hosts.get(name)!;
        for (const [k, v] of Object.entries(want)) expect(h[k as keyof typeof h], k).to.deep.equal(v);
      });

    it('THEN groups keep direct members and children; all lists every host and the top groups', () => {
      expect(inv.groups.get('web')).to.deep.include({ hosts: ['web-1', 'web-2'], children: ['canary'] });
      expect(inv.groups.get('all')!.children).to.deep.equal(['web', 'db', 'ungrouped']);
      expect(inv.groups.get('all')!.hosts).to.deep.equal(['lonely', 'web-1', 'web-2', 'db-1']);
      expect(inv.groups.get('ungrouped')!.hosts).to.deep.equal(['lonely']);
    });

    it('THEN inventory-wide settings have their defaults', () => {
      expect(inv.knownHostsFile).to.equal('/home/me/.ssh/known_hosts');
      expect(inv.hostKeyPolicy).to.equal('strict');
      expect(inv.source).to.equal('/work/run/inv/test.yaml');
    });
  });

  describe('GIVEN inventory-wide settings in all.vars', () => {
    it('THEN orchestrate_known_hosts is relative to the inventory file and the policy is read', () => {
      const inv = fromYaml(
        'all:\n  vars:\n    orchestrate_known_hosts: ../state/known_hosts\n    orchestrate_host_key_policy: accept-new\n',
      );
      expect(inv.knownHostsFile).to.equal('/work/run/state/known_hosts');
      expect(inv.hostKeyPolicy).to.equal('accept-new');
    });
    it('THEN ~ means the home directory', () => {
      expect(fromYaml('all:\n  vars:\n    orchestrate_known_hosts: ~/kh\n').knownHostsFile).to.equal('/home/me/kh');
    });
    it('THEN -e overrides them, relative to the cwd', () => {
      const inv = fromYaml('all:\n  vars:\n    orchestrate_known_hosts: kh\n', {
        extraVars: { orchestrate_known_hosts: 'x/kh', orchestrate_host_key_policy: 'accept-new' },
      });
      expect(inv.knownHostsFile).to.equal('/work/run/x/kh');
      expect(inv.hostKeyPolicy).to.equal('accept-new');
    });
  });

  describe('GIVEN host ranges in host keys', () => {
    it('THEN worker-[0:2] is three hosts sharing the vars', () => {
      const inv = fromYaml(
        'all:\n  children:\n    workers:\n      hosts:\n        worker-[0:2]:\n          ansible_user: k8s\n',
      );
      expect([...inv.hosts.keys()]).to.deep.equal(['worker-0', 'worker-1', 'worker-2']);
      expect([...inv.hosts.values()].map((h) => h.user)).to.deep.equal(['k8s', 'k8s', 'k8s']);
    });
  });

  describe('GIVEN YAML 1.1 merge keys and anchors', () => {
    it('THEN vars are merged as Ansible (PyYAML) would', () => {
      const inv = fromYaml('all:\n  vars:\n    base: &b {a: 1}\n  hosts:\n    h:\n      <<: *b\n      c: 2\n');
      expect(inv.hosts.get('h')!.vars).to.include({ a: 1, c: 2 });
    });
  });

  describe('GIVEN a broken YAML file', () => {
    const cases: [string, string, RegExp][] = [
      ['a syntax error', 'all:\n  hosts:\n    a: {b: 1\n  x: "\n', /inv\/test\.yaml: line \d+:\d+: YAML syntax error/],
      ['a duplicate key', 'all:\n  hosts:\n    a:\n    a:\n', /line 4:5: duplicate key "a" \(first at line 3\)$/],
      ['an empty file', '', /inv\/test\.yaml: top level: the file is empty/],
      ['a list at the top', '- a\n', /top level: the top level must be a mapping, not a list/],
      [
        'an unknown top-level key',
        'all:\n  hosts: {a: }\nweb:\n  hosts: {b: }\n',
        /web \(line 3\): unknown top-level key "web"/,
      ],
      [
        'a typo in a group key',
        'all:\n  children:\n    web:\n      host:\n        a:\n',
        /all\.children\.web\.host \(line 4\): unknown key "host" in a group/,
      ],
      [
        'hosts written as a list',
        'all:\n  children:\n    web:\n      hosts:\n        - a\n',
        /all\.children\.web\.hosts \(line 4\): hosts must be a mapping, not a list/,
      ],
      [
        'host vars that are not a map',
        'all:\n  hosts:\n    a: 10.0.0.1\n',
        /all\.hosts\.a \(line 3\): vars must be a mapping, not the value "10\.0\.0\.1"/,
      ],
      [
        'a bad host range',
        'all:\n  hosts:\n    w-[3:1]:\n',
        /all\.hosts\.w-\[3:1\] \(line 3\): host range \[3:1\] must have begin <= end/,
      ],
    ];
    for (const [what, text, message] of cases)
      it(`WHEN it has ${what} THEN INVENTORY_INVALID names the file and the place`, () => {
        const err = caught(() => fromYaml(text));
        expect(err.code).to.equal('INVENTORY_INVALID');
        expect(err.message).to.match(message);
        expect(err.fix).to.be.a('string').and.not.equal('');
      });
  });
});
