import { expect } from 'chai';
import { labPaths } from '../../../src/lab/paths.ts';
import { assertTools } from '../../../src/lab/preflight.ts';

describe('lab/paths and preflight', () => {
  it('names the netns, state and files of a lab', () => {
    const lab = labPaths('e2e-lab');
    expect(lab.netns).to.equal('orch-e2e-lab');
    expect(lab.dir).to.equal('/var/lib/orchestrate/labs/e2e-lab');
    expect(lab.host('h1').upper).to.equal('/var/lib/orchestrate/labs/e2e-lab/hosts/h1/upper');
    expect(lab.inventory).to.equal('/var/lib/orchestrate/labs/e2e-lab/inventory.yaml');
  });

  for (const bad of ['', 'Lab', '../x', 'a b', '-x', 'a'.repeat(21)]) {
    it(`rejects lab name ${JSON.stringify(bad)}`, () => {
      expect(() => labPaths(bad))
        .to.throw()
        .with.property('code', 'OPTIONS_INVALID');
    });
  }

  it('a missing tool fails with the apt-get line', async () => {
    const err = await assertTools(['no-such-tool-here']).catch((e: unknown) => e);
    expect(err).to.have.property('code', 'LAB_ERROR');
    expect(err).to.have.property('fix').that.includes('apt-get install systemd-container debootstrap zstd');
  });
});
