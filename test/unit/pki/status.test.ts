import { expect } from 'chai';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isOrchestrateError } from '../../../src/errors.ts';
import {
  formatPkiStatus,
  manifestPath,
  pkiStatus,
  readManifest,
  renderManifest,
  writeManifest,
} from '../../../src/pki/index.ts';
import { MANIFEST } from './manifest-fixture.ts';
import { tempDir } from '../../support/temp-dir.ts';

const NOW = new Date('2026-01-01T00:00:00Z');

describe('pki/manifest and status', () => {
  it('renders stable JSON with a trailing newline and reads it back', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'pki'));
    expect(writeManifest(dir, MANIFEST)).to.equal(true);
    expect(writeManifest(dir, MANIFEST)).to.equal(false);
    expect(renderManifest(MANIFEST)).to.equal(renderManifest(readManifest(dir)));
    expect(renderManifest(MANIFEST).endsWith('}\n')).to.equal(true);
    expect(readManifest(dir).certs[0]!.keyFile).to.equal('ca-key.pem');
  });

  it('GIVEN no manifest THEN STATE_DIR_INVALID that says how to make one', () => {
    try {
      readManifest(tempDir());
      expect.fail('no error');
    } catch (err) {
      expect(isOrchestrateError(err, 'STATE_DIR_INVALID')).to.equal(true);
      expect((err as { fix: string }).fix).to.match(/run the playbook that issues the PKI/);
    }
  });

  it('GIVEN a broken manifest THEN STATE_DIR_INVALID', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'pki'));
    writeFileSync(manifestPath(dir), '{"version": 2}');
    expect(() => readManifest(dir)).to.throw(/cannot be parsed/);
  });

  it('sorts by expiry and flags renew and expired', () => {
    const rows = pkiStatus(MANIFEST, NOW, 30);
    expect(rows.map((r) => [r.name, r.daysLeft, r.state])).to.deep.equal([
      ['old', -31, 'expired'],
      ['kubernetes', 19, 'renew'],
      ['ca', 3287, 'ok'],
    ]);
  });

  it('formats each cert with expiry, subject, SANs and hosts', () => {
    const text = formatPkiStatus(pkiStatus(MANIFEST, NOW, 30));
    expect(text).to.include('kubernetes  expires 2026-01-20 (19 days left)  (renewal due: re-run the playbook)');
    expect(text).to.include('old         expires 2025-12-01 (EXPIRED 31 days ago)');
    expect(text).to.include('  sans:    DNS:kubernetes, IP:10.32.0.1\n  hosts:   c0\n');
    expect(text).to.include('  hosts:   c0, w0\n');
    expect(formatPkiStatus([])).to.equal('no certificates in the manifest\n');
  });
});
