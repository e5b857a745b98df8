import { expect } from 'chai';
import * as modules from '../../../src/modules/index.ts';

describe('modules/index', () => {
  const ids: [string, string][] = [
    ['file', 'file'],
    ['directory', 'directory'],
    ['copy', 'copy'],
    ['template', 'template'],
    ['systemdUnit', 'systemd.unit'],
    ['service', 'systemd.service'],
    ['sysctl', 'sysctl'],
    ['kernelModule', 'kernel.module'],
    ['aptPackage', 'apt.package'],
    ['command', 'command'],
    ['managedBlock', 'blockinfile'],
    ['route', 'route'],
    ['artifact', 'artifact'],
  ];
  for (const [ctor, id] of ids)
    it(`GIVEN the index WHEN ${ctor} is imported THEN it is a constructor of module ${id}`, () => {
      expect(modules).to.have.property(ctor).that.is.a('function');
      const moduleObject = Object.values(modules).find(
        (v) => typeof v === 'object' && v !== null && (v as { id?: string }).id === id,
      );
      expect(moduleObject, `module object with id ${id}`).not.to.equal(undefined);
    });
});
