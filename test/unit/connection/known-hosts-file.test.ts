import { expect } from 'chai';
import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendKnownHost, readKnownHosts, recordNewHostKey } from '../../../src/connection/known-hosts-file.ts';
import { formatKnownHost } from '../../../src/connection/known-hosts.ts';

// A syntactically valid ed25519 blob for a given byte (no real key needed to test the file logic).
const key = (n: number): Buffer => {
  const type = Buffer.from('ssh-ed25519');
  const len = (b: Buffer): Buffer => Buffer.from([0, 0, 0, b.length]);
  const pub = Buffer.alloc(32, n);
  return Buffer.concat([len(type), type, len(pub), pub]);
};

describe('connection/known-hosts-file', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kh-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN no file THEN it knows no hosts', async () => {
    expect(await readKnownHosts(join(dir, 'missing'))).to.deep.equal([]);
  });

  it('GIVEN a missing dir THEN append creates the dir 0700 and the file 0600', async () => {
    const file = join(dir, 'sub', 'known_hosts');
    await appendKnownHost(file, '127.0.0.1', 2222, 'ssh-ed25519', key(1));
    expect((await stat(join(dir, 'sub'))).mode & 0o777).to.equal(0o700);
    expect((await stat(file)).mode & 0o777).to.equal(0o600);
    expect(await readFile(file, 'utf8')).to.equal(formatKnownHost('127.0.0.1', 2222, 'ssh-ed25519', key(1)) + '\n');
  });

  it('GIVEN a file without a final newline THEN the new line still starts on its own line', async () => {
    const file = join(dir, 'known_hosts');
    await writeFile(file, formatKnownHost('a', 22, 'ssh-ed25519', key(2)));
    await appendKnownHost(file, 'b', 22, 'ssh-ed25519', key(3));
    expect((await readKnownHosts(file)).map((e) => e.hosts)).to.deep.equal(['a', 'b']);
  });

  it('GIVEN many concurrent accept-new connections to one host THEN the key is recorded once', async () => {
    const file = join(dir, 'known_hosts');
    const checks = await Promise.all(
      Array.from({ length: 12 }, () => recordNewHostKey(file, 'h', 2200, 'ssh-ed25519', key(4))),
    );
    expect(checks.filter((c) => c.status === 'unknown')).to.have.length(1);
    expect(checks.filter((c) => c.status === 'match')).to.have.length(11);
    expect((await readFile(file, 'utf8')).trim().split('\n')).to.have.length(1);
  });

  it('GIVEN concurrent appends for different hosts THEN every line arrives whole', async () => {
    const file = join(dir, 'known_hosts');
    await Promise.all(Array.from({ length: 20 }, (_, i) => recordNewHostKey(file, `h${i}`, 22, 'ssh-ed25519', key(i))));
    const entries = await readKnownHosts(file);
    expect(entries.map((e) => e.hosts).sort()).to.deep.equal(Array.from({ length: 20 }, (_, i) => `h${i}`).sort());
  });

  it('GIVEN another key recorded meanwhile THEN recordNewHostKey reports the mismatch and writes nothing', async () => {
    const file = join(dir, 'known_hosts');
    await appendKnownHost(file, 'h', 22, 'ssh-ed25519', key(5));
    const check = await recordNewHostKey(file, 'h', 22, 'ssh-ed25519', key(6));
    expect(check.status).to.equal('mismatch');
    expect((await readKnownHosts(file)).length).to.equal(1);
  });

  it('GIVEN a stale lock file from a crashed run THEN it is taken over', async () => {
    const file = join(dir, 'known_hosts');
    await writeFile(`${file}.lock`, '');
    const old = new Date(Date.now() - 60_000);
    await utimes(`${file}.lock`, old, old);
    await appendKnownHost(file, 'h', 22, 'ssh-ed25519', key(7));
    expect((await readKnownHosts(file)).length).to.equal(1);
  });
});
