import { expect } from 'chai';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { debianMirror, parseDeb822, parseSourcesList, pickDebianMirror } from '../../../src/lab/apt-sources.ts';

// Captured from a Debian 12 cloud machine (/etc/apt/sources.list.d/debian.sources); host names are examples.
const DEBIAN_SOURCES = `Types: deb
# snapshot: http://snapshot.example.org/archive/debian/20250520T000000Z
URIs: http://mirror.example.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
# snapshot: http://snapshot.example.org/archive/debian-security/20250520T000000Z
URIs: http://mirror.example.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
`;

const NODESOURCE = `Types: deb
URIs: https://vendor.example.com/node_20.x
Suites: nodistro
Components: main
`;

describe('lab/apt-sources', () => {
  it('parses deb822 stanzas (comment lines inside a stanza ignored)', () => {
    expect(parseDeb822(DEBIAN_SOURCES)).to.deep.equal([
      { uri: 'http://mirror.example.org/debian', suites: ['bookworm', 'bookworm-updates'], components: ['main'] },
      { uri: 'http://mirror.example.org/debian-security', suites: ['bookworm-security'], components: ['main'] },
    ]);
  });

  it('skips deb-src and Enabled: no stanzas, follows continuation lines', () => {
    const text = `Types: deb-src\nURIs: http://a.example/debian\nSuites: bookworm\nComponents: main\n\nTypes: deb\nEnabled: no\nURIs: http://b.example/debian\nSuites: bookworm\nComponents: main\n\nTypes: deb\nURIs: http://c.example/debian\n http://d.example/debian\nSuites: bookworm\nComponents: main contrib\n`;
    expect(parseDeb822(text).map((s) => s.uri)).to.deep.equal(['http://c.example/debian', 'http://d.example/debian']);
  });

  it('parses one-line sources with options and comments', () => {
    const text = `# comment\ndeb [arch=amd64 signed-by=/k.gpg] http://m.example/debian/ bookworm main contrib # tail\ndeb-src http://m.example/debian bookworm main\n`;
    expect(parseSourcesList(text)).to.deep.equal([
      { uri: 'http://m.example/debian/', suites: ['bookworm'], components: ['main', 'contrib'] },
    ]);
  });

  it('picks the first Debian main archive, never security or a vendor repo', () => {
    const sources = [
      ...parseSourcesList('deb https://vendor.example.com/apt cloud-sdk-bookworm main\n'),
      ...parseDeb822(NODESOURCE),
      ...parseDeb822(DEBIAN_SOURCES).reverse(),
    ];
    expect(pickDebianMirror(sources)).to.equal('http://mirror.example.org/debian');
    expect(pickDebianMirror(parseSourcesList('deb http://m.example/debian/ bookworm main\n'))).to.equal(
      'http://m.example/debian',
    );
    expect(pickDebianMirror(parseDeb822(NODESOURCE))).to.equal(undefined);
  });

  describe('debianMirror (reads an apt dir)', () => {
    let dir = '';
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'apt-'));
      await mkdir(join(dir, 'sources.list.d'));
    });
    afterEach(() => rm(dir, { recursive: true, force: true }));

    it('GIVEN only sources.list.d THEN the .sources entry; disabled files are ignored', async () => {
      await writeFile(join(dir, 'sources.list.d/a-vendor.sources'), NODESOURCE);
      await writeFile(join(dir, 'sources.list.d/debian.sources'), DEBIAN_SOURCES);
      await writeFile(join(dir, 'sources.list.d/0.list.disabled'), 'deb http://wrong.example/debian bookworm main\n');
      expect(await debianMirror({}, dir)).to.equal('http://mirror.example.org/debian');
    });

    it('GIVEN sources.list THEN it comes first', async () => {
      await writeFile(join(dir, 'sources.list'), 'deb http://first.example/debian bookworm main\n');
      await writeFile(join(dir, 'sources.list.d/debian.sources'), DEBIAN_SOURCES);
      expect(await debianMirror({}, dir)).to.equal('http://first.example/debian');
    });

    it('GIVEN ORCHESTRATE_LAB_MIRROR THEN it wins', async () => {
      expect(await debianMirror({ ORCHESTRATE_LAB_MIRROR: 'http://override.example/debian/' }, dir)).to.equal(
        'http://override.example/debian',
      );
    });

    it('GIVEN no Debian archive THEN LAB_ERROR naming the env override', async () => {
      await writeFile(join(dir, 'sources.list.d/vendor.sources'), NODESOURCE);
      const err = await debianMirror({}, dir).catch((e: unknown) => e);
      expect(err).to.have.property('code', 'LAB_ERROR');
      expect(err).to.have.property('fix').that.includes('ORCHESTRATE_LAB_MIRROR');
    });
  });
});
