import { expect } from 'chai';
import { batches, exceedsFailPercentage } from '../../../src/executor/batches.ts';
import { selectTasks } from '../../../src/executor/select-tasks.ts';
import type { Task } from '../../../src/executor/types.ts';

describe('batches', () => {
  const hosts = ['a', 'b', 'c', 'd', 'e'];
  for (const [serial, want] of [
    [undefined, [['a', 'b', 'c', 'd', 'e']]],
    [1, [['a'], ['b'], ['c'], ['d'], ['e']]],
    [2, [['a', 'b'], ['c', 'd'], ['e']]],
    ['40%', [['a', 'b'], ['c', 'd'], ['e']]],
    ['10%', [['a'], ['b'], ['c'], ['d'], ['e']]],
  ] as const) {
    it(`serial ${String(serial)}`, () => expect(batches(hosts, serial)).to.deep.equal(want));
  }
  it('rejects a bad serial with the fix', () => expect(() => batches(hosts, 'x')).to.throw(/serial "x"/));
  it('max fail percentage is strictly greater, as Ansible', () => {
    expect(exceedsFailPercentage(1, 4, 25)).to.equal(false);
    expect(exceedsFailPercentage(2, 4, 25)).to.equal(true);
    expect(exceedsFailPercentage(4, 4, undefined)).to.equal(false);
  });
});

describe('selectTasks', () => {
  const t = (name: string, tags: string[] = [], when?: boolean): Task => ({
    name,
    action: {} as Task['action'],
    tags,
    ...(when === undefined ? {} : { when }),
  });
  const tasks = [t('a', ['x']), t('b', ['y']), t('c', ['always']), t('d', ['never']), t('e', [], false)];
  const names = (r: { run: Task[]; skipped: Task[] }) => ({
    run: r.run.map((x) => x.name),
    skipped: r.skipped.map((x) => x.name),
  });
  it('no tags: everything but never; when=false is skipped', () =>
    expect(names(selectTasks(tasks, [], [], []))).to.deep.equal({ run: ['a', 'b', 'c'], skipped: ['e'] }));
  it('--tags x: x and always', () =>
    expect(names(selectTasks(tasks, [], ['x'], []))).to.deep.equal({ run: ['a', 'c'], skipped: [] }));
  it('--skip-tags y', () =>
    expect(names(selectTasks(tasks, [], [], ['y']))).to.deep.equal({ run: ['a', 'c'], skipped: ['e'] }));
  it('role tags apply to every task', () =>
    expect(names(selectTasks(tasks, ['web'], ['web'], []))).to.deep.equal({
      run: ['a', 'b', 'c', 'd'],
      skipped: ['e'],
    }));
});
