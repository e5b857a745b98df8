import { expect } from 'chai';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { loadPrivateKey, planAuth } from '../../../src/connection/auth.ts';
import { isOrchestrateError } from '../../../src/errors.ts';

describe('connection/auth', () => {
  let dir = '';
  const plainKey = ssh2.utils.generateKeyPairSync('ed25519').private;
  const encryptedKey = ssh2.utils.generateKeyPairSync('ed25519', {
    passphrase: 'pw-123456',
    cipher: 'aes256-ctr',
    rounds: 4,
  }).private;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'auth-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const keyFile = async (name: string, text: string, mode: number): Promise<string> => {
    const f = join(dir, name);
    await writeFile(f, text);
    await chmod(f, mode);
    return f;
  };

  it('GIVEN a passphrase-less key with mode 0600 THEN it loads', async () => {
    const r = await loadPrivateKey(await keyFile('k', plainKey, 0o600));
    expect(r.ok).to.equal(true);
  });

  it('GIVEN a key readable by group or others THEN refuses with the mode and chmod 600 as the fix', async () => {
    const f = await keyFile('k', plainKey, 0o640);
    const r = await loadPrivateKey(f);
    expect(r).to.deep.include({ ok: false, fix: `chmod 600 ${f}` });
    if (!r.ok) expect(r.problem).to.contain('0640');
  });

  it('GIVEN an encrypted key THEN says so and points to ssh-agent', async () => {
    const r = await loadPrivateKey(await keyFile('k', encryptedKey, 0o600));
    expect(r.ok).to.equal(false);
    if (!r.ok) {
      expect(r.problem).to.contain('encrypted');
      expect(r.fix).to.contain('ssh-add');
    }
  });

  it('GIVEN an identityFile THEN only that key is offered', async () => {
    const f = await keyFile('id', plainKey, 0o600);
    const plan = await planAuth('web1', 'deploy', { identityFile: f, agentSocket: '/tmp/agent.sock' });
    expect(plan.tried).to.deep.equal([`publickey ${f}`]);
    expect(plan.methods[0]).to.include({ type: 'publickey', username: 'deploy' });
  });

  it('GIVEN a bad identityFile THEN UNREACHABLE naming the host and the file', async () => {
    const f = await keyFile('id', plainKey, 0o644);
    try {
      await planAuth('web1', 'deploy', { identityFile: f });
      expect.fail('should throw');
    } catch (err) {
      expect(isOrchestrateError(err, 'UNREACHABLE')).to.equal(true);
      expect((err as Error).message)
        .to.contain('web1')
        .and.contain(f);
    }
  });

  it('GIVEN no identityFile THEN the agent, then the default keys that are usable', async () => {
    const ssh = join(dir, 'ssh');
    await mkdir(ssh);
    await writeFile(join(ssh, 'id_ed25519'), plainKey, { mode: 0o600 });
    await writeFile(join(ssh, 'id_rsa'), encryptedKey, { mode: 0o600 });
    const plan = await planAuth('web1', 'root', { identityFile: undefined, agentSocket: '/run/agent', sshDir: ssh });
    expect(plan.tried).to.deep.equal(['agent /run/agent', `publickey ${join(ssh, 'id_ed25519')}`]);
  });

  it('GIVEN nothing to offer THEN UNREACHABLE that lists why the default keys were skipped', async () => {
    await writeFile(join(dir, 'id_rsa'), encryptedKey, { mode: 0o600 });
    try {
      await planAuth('web1', 'root', { identityFile: undefined, agentSocket: '', sshDir: dir });
      expect.fail('should throw');
    } catch (err) {
      expect(isOrchestrateError(err, 'UNREACHABLE')).to.equal(true);
      expect((err as Error).message)
        .to.contain('no SSH credentials')
        .and.contain('encrypted');
    }
  });
});
