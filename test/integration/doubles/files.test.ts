// The doubles' file checks on good and broken inputs: PEM pairs and CAs, kubeconfigs (the configs: test/unit).

import { expect } from 'chai';
import { checkKubeconfig } from '../../doubles/runtime/kubeconfig.ts';
import { loadCa, loadPair, loadPublicKeys } from '../../doubles/runtime/pem.ts';
import { issue, kubeconfigYaml, makeCa } from '../../doubles/test-pki.ts';
import { tempFiles } from '../../support/temp-dir.ts';

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return '';
};

describe('doubles/file checks', function () {
  this.timeout(20_000);
  const ca = makeCa();
  const otherCa = makeCa('Other CA');
  const server = issue(ca, {
    cn: 'kubernetes',
    sans: ['127.0.0.1', 'kubernetes.default.svc.cluster.local'],
    usage: 'server',
  });
  const admin = issue(ca, { cn: 'admin', orgs: ['system:masters'], usage: 'client' });
  const stranger = issue(otherCa, { cn: 'admin', usage: 'client' });
  const expired = issue(ca, { cn: 'old', days: -1 });
  const f = tempFiles({
    'ca.pem': ca.certPem,
    'server.pem': server.certPem,
    'server-key.pem': server.keyPem,
    'admin-key.pem': admin.keyPem,
    'expired.pem': expired.certPem,
    'expired-key.pem': expired.keyPem,
    'garbage.pem': '-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n',
  });
  after(() => f.rm());

  describe('PEM', () => {
    it('a matching pair loads; a CA bundle loads', () => {
      expect(loadPair(f.path('server.pem'), f.path('server-key.pem')).cert.subject).to.include('CN=kubernetes');
      expect(loadCa(f.path('ca.pem')).certs).to.have.length(1);
    });
    it('a key of another cert, a missing file, garbage, an expired cert, a leaf as CA are refused', () => {
      expect(errorOf(() => loadPair(f.path('server.pem'), f.path('admin-key.pem')))).to.include('does not match');
      expect(errorOf(() => loadPair(f.path('nope.pem'), f.path('server-key.pem')))).to.include('no such file');
      expect(errorOf(() => loadCa(f.path('garbage.pem')))).to.include('failed to parse certificate');
      expect(errorOf(() => loadPair(f.path('expired.pem'), f.path('expired-key.pem')))).to.include('expired');
      expect(errorOf(() => loadCa(f.path('server.pem')))).to.include('is not a CA');
      expect(errorOf(() => loadCa(f.path('server-key.pem')))).to.include('does not contain any valid');
    });
    it('service-account keys: certs, private and public keys all give public keys', () => {
      expect(loadPublicKeys(f.path('server.pem'))).to.have.length(1);
      expect(loadPublicKeys(f.path('server-key.pem'))).to.have.length(1);
    });
  });

  describe('kubeconfig', () => {
    it('KTHW-style (all embedded) passes and names the server and user', () => {
      const kc = checkKubeconfig(
        f.write('admin.kubeconfig', kubeconfigYaml('https://127.0.0.1:6443', ca, admin, 'admin')),
      );
      expect(kc.server.href).to.equal('https://127.0.0.1:6443/');
      expect(kc.user).to.equal('admin');
    });
    const broken: [string, () => string, string][] = [
      [
        'client cert of another CA',
        () => kubeconfigYaml('https://x:6443', ca, stranger),
        'signed by unknown authority',
      ],
      [
        'key of another cert',
        () => kubeconfigYaml('https://x:6443', ca, { certPem: admin.certPem, keyPem: server.keyPem }),
        'does not match',
      ],
      [
        'no current-context',
        () => kubeconfigYaml('https://x:6443', ca, admin).replace(/current-context: .*/, ''),
        'no current-context',
      ],
      ['bad server', () => kubeconfigYaml('not a url', ca, admin), 'is not a URL'],
      [
        'CA data not PEM',
        () =>
          kubeconfigYaml('https://x:6443', ca, admin).replace(
            /certificate-authority-data: .*/,
            'certificate-authority-data: Zm9v',
          ),
        'not base64 of a PEM',
      ],
      [
        'context names a missing user',
        () => kubeconfigYaml('https://x:6443', ca, admin).replace(/user: user$/m, 'user: nobody'),
        'user "nobody" not found',
      ],
      ['not YAML', () => 'clusters: [', 'yaml'],
    ];
    for (const [name, text, why] of broken) {
      it(`refuses: ${name}`, () => {
        expect(errorOf(() => checkKubeconfig(f.write('bad.kubeconfig', text())))).to.include(why);
      });
    }
  });
});
