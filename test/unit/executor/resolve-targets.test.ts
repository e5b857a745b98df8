import { expect } from 'chai';
import { definePlaybook, defineRole } from '../../../src/executor/define.ts';
import { resolveTargets, selectLimit, targetHosts } from '../../../src/executor/resolve-targets.ts';
import type { Play, Playbook } from '../../../src/executor/types.ts';
import { caught, fromYaml } from '../inventory/helpers.ts';

const INV = fromYaml(`
all:
  children:
    web:
      hosts: { web-1: , web-2: }
    db:
      hosts: { db-1: }
`);

const role = (name: string) => defineRole({ name, tasks: () => [] });
const book = (...plays: Play[]): Playbook => definePlaybook({ name: 'site', plays });
const SITE = book(
  { name: 'base', hosts: 'all', roles: [role('base')] },
  { name: 'web', hosts: 'web', roles: [role('nginx'), role('app')] },
  { name: 'db', hosts: 'db', roles: [role('postgres')] },
);

/** Play name -> [host names, role names]: what a run would do, in order. */
const shape = (plays: ReturnType<typeof resolveTargets>) =>
  plays.map((p) => [p.play.name, p.hosts.map((h) => h.name), p.roles.map((r) => r.name)]);

describe('executor/resolve-targets: the hosts and roles of a run', () => {
  it('GIVEN no --limit and no --role THEN every play on its hosts with every role', () => {
    expect(shape(resolveTargets(INV, SITE, { limit: undefined, roles: undefined }))).to.deep.equal([
      ['base', ['web-1', 'web-2', 'db-1'], ['base']],
      ['web', ['web-1', 'web-2'], ['nginx', 'app']],
      ['db', ['db-1'], ['postgres']],
    ]);
  });

  it('GIVEN --limit THEN hosts narrow, but allHosts keeps the whole pattern (knowledge is never narrowed)', () => {
    const plays = resolveTargets(INV, SITE, { limit: 'web-2:db', roles: undefined });
    expect(shape(plays)).to.deep.equal([
      ['base', ['web-2', 'db-1'], ['base']],
      ['web', ['web-2'], ['nginx', 'app']],
      ['db', ['db-1'], ['postgres']],
    ]);
    expect(plays[1]!.allHosts.map((h) => h.name)).to.deep.equal(['web-1', 'web-2']);
  });

  it('GIVEN --role THEN only those roles run, and plays left without a role are dropped', () => {
    expect(shape(resolveTargets(INV, SITE, { limit: undefined, roles: ['app', 'postgres'] }))).to.deep.equal([
      ['web', ['web-1', 'web-2'], ['app']],
      ['db', ['db-1'], ['postgres']],
    ]);
  });

  it('GIVEN plays sharing hosts THEN targetHosts names each host once, in the order first met', () => {
    const plays = resolveTargets(INV, SITE, { limit: undefined, roles: ['app', 'postgres'] });
    expect(targetHosts(plays).map((h) => h.name)).to.deep.equal(['web-1', 'web-2', 'db-1']);
  });

  it('GIVEN a bad --limit THEN PATTERN_INVALID naming --limit and the inventory', () => {
    const err = caught(() => resolveTargets(INV, SITE, { limit: 'webb', roles: undefined }));
    expect(err.code).to.equal('PATTERN_INVALID');
    expect(err.message).to.match(/^--limit: .*webb.*\(inventory .*test\.yaml\)$/);
    expect(err.fix).to.include('orchestrate inventory');
  });

  it('GIVEN a --limit outside every play that runs THEN PATTERN_INVALID: it selects no host', () => {
    const err = caught(() => resolveTargets(INV, SITE, { limit: 'db', roles: ['nginx'] }));
    expect(err.code).to.equal('PATTERN_INVALID');
    expect(err.message).to.equal('--limit db selects no host that the playbook targets');
  });

  it('GIVEN an unknown --role THEN OPTIONS_INVALID with the playbook label and a suggestion', () => {
    const err = caught(() => resolveTargets(INV, SITE, { limit: undefined, roles: ['ngnix'] }, 'books/site.ts'));
    expect(err.code).to.equal('OPTIONS_INVALID');
    expect(err.message).to.equal('--role ngnix: playbook books/site.ts has no role ngnix (did you mean nginx?)');
    expect(err.fix).to.equal('use one of: base, nginx, app, postgres');
  });

  it("GIVEN a play whose hosts are empty or unknown THEN PLAYBOOK_INVALID: the playbook's to fix", () => {
    for (const hosts of ['', 'webservers']) {
      const err = caught(() =>
        resolveTargets(INV, book({ name: 'p', hosts, roles: [role('a')] }), { limit: undefined, roles: undefined }),
      );
      expect(err.code).to.equal('PLAYBOOK_INVALID');
      expect(err.message).to.match(/^site: play "p": hosts/);
    }
  });

  it('GIVEN a bad --limit and an unknown --role THEN the --limit is reported first', () => {
    expect(caught(() => resolveTargets(INV, SITE, { limit: 'webb', roles: ['x'] })).code).to.equal('PATTERN_INVALID');
  });

  it('GIVEN no --limit WHEN selectLimit THEN every host', () => {
    expect(selectLimit(INV, undefined).map((h) => h.name)).to.deep.equal(['web-1', 'web-2', 'db-1']);
  });
});
