import { expect } from 'chai';
import { parse } from 'yaml';
import { planHosts } from '../../../src/lab/host-plan.ts';
import { renderInventory } from '../../../src/lab/inventory-yaml.ts';

const files = {
  key: '/var/lib/orchestrate/labs/lab/id_ed25519',
  knownHosts: '/var/lib/orchestrate/labs/lab/known_hosts',
};

describe('lab/inventory-yaml', () => {
  it('GIVEN a plain lab THEN all.vars point at the lab key and known_hosts, every host in group lab', () => {
    const doc = parse(renderInventory(planHosts({ kind: 'plain', count: 2 }).hosts, files));
    expect(doc).to.deep.equal({
      all: {
        vars: {
          ansible_user: 'root',
          ansible_ssh_private_key_file: files.key,
          orchestrate_known_hosts: files.knownHosts,
        },
        children: {
          lab: { hosts: { h1: { ansible_host: '10.240.0.101' }, h2: { ansible_host: '10.240.0.102' } } },
        },
      },
    });
  });

  it('GIVEN a cluster layout THEN groups controllers, etcd (= controllers) and workers', () => {
    const doc = parse(renderInventory(planHosts({ kind: 'cluster', controllers: 2, workers: 1 }).hosts, files));
    const children = doc.all.children;
    expect(Object.keys(children)).to.deep.equal(['controllers', 'etcd', 'workers']);
    expect(children.etcd).to.deep.equal(children.controllers);
    expect(children.controllers.hosts['controller-1']).to.deep.equal({ ansible_host: '10.240.0.11' });
    expect(children.workers.hosts).to.deep.equal({ 'worker-0': { ansible_host: '10.240.0.20' } });
  });

  it('is deterministic', () => {
    const hosts = planHosts({ kind: 'plain', count: 5 }).hosts;
    expect(renderInventory(hosts, files)).to.equal(renderInventory(hosts, files));
  });
});
