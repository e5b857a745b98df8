import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as modules from '../../../src/modules/index.ts';

/** Files of src/modules that are not modules: the index, the types, and local helpers. */
const NOT_MODULES = new Set(['index.ts', 'types.ts', 'local-sha256.ts', 'shared-read.ts']);
const MODULE_FILES = readdirSync(fileURLToPath(new URL('../../../src/modules/', import.meta.url)))
  .filter((f) => f.endsWith('.ts') && !NOT_MODULES.has(f))
  .sort();

/** 'apt-package.ts' -> 'aptPackage'. */
const camel = (file: string): string =>
  file.replace(/\.ts$/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

describe('modules/index', () => {
  it('GIVEN src/modules THEN it holds the known modules (a new file is a new module, named by the rule below)', () => {
    expect(MODULE_FILES).to.deep.equal([
      'apt-package.ts',
      'artifact.ts',
      'command.ts',
      'containerd-image.ts',
      'copy.ts',
      'directory.ts',
      'file.ts',
      'kernel-module.ts',
      'managed-block.ts',
      'route.ts',
      'sysctl.ts',
      'systemd-service.ts',
      'systemd-unit.ts',
      'template.ts',
    ]);
  });

  for (const file of MODULE_FILES) {
    const ctor = camel(file);
    const id = file.replace(/\.ts$/, '').replace(/-/g, '.');
    it(`GIVEN ${file} THEN one name: the index exports constructor ${ctor} and ${ctor}Module, whose id is ${id}`, () => {
      const all = modules as Record<string, unknown>;
      expect(all[ctor], ctor).to.be.a('function');
      expect(all[`${ctor}Module`], `${ctor}Module`).to.have.property('id', id);
    });
  }
});
