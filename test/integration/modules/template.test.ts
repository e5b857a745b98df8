import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { template } from '../../../src/modules/template.ts';
import { DIFF, applyLocally, planLocally } from './harness.ts';
import { removeTempDir, tempDir } from '../../support/temp-dir.ts';

interface Vars {
  readonly port: number;
  readonly greeting: string;
}
const render = (v: Vars): string => `PORT=${v.port}\nGREETING=${v.greeting}\n`;

describe('modules/template', () => {
  it('GIVEN a temp dir WHEN applied THEN the rendered text lands and the next plan is empty', () => {
    const dir = tempDir();
    try {
      const a = template({ path: `${dir}/demo.conf`, render, vars: { port: 80, greeting: 'yo' }, mode: '0600' });
      applyLocally(planLocally(a).steps);
      expect(readFileSync(`${dir}/demo.conf`, 'utf8')).to.equal('PORT=80\nGREETING=yo\n');
      expect(planLocally(a, DIFF).steps).to.deep.equal([]);
    } finally {
      removeTempDir(dir);
    }
  });
});
