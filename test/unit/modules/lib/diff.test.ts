import { expect } from 'chai';
import { fileDiff } from '../../../../src/modules/lib/diff.ts';
import { SECRET_MASK, registerSecret, secret } from '../../../../src/secret.ts';

describe('modules/lib/diff', () => {
  const cases: {
    given: string;
    before: Parameters<typeof fileDiff>[1];
    after: Parameters<typeof fileDiff>[2];
    then: string;
  }[] = [
    { given: 'a new file', before: null, after: 'a\n', then: '--- /dev/null\n+++ /f\n@@ -0,0 +1,1 @@\n+a\n' },
    {
      given: 'a removed file',
      before: Buffer.from('a\n'),
      after: null,
      then: '--- /f\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-a\n',
    },
    {
      given: 'a changed line',
      before: 'a\nb\n',
      after: 'a\nc\n',
      then: '--- /f\n+++ /f\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n',
    },
    {
      given: 'old content not fetched',
      before: { notShown: '70000 bytes, not fetched' },
      after: 'x',
      then: '--- /f\n+++ /f\n# content not shown: before 70000 bytes, not fetched, after 1 bytes of text\n',
    },
    {
      given: 'binary new content',
      before: null,
      after: Buffer.from([0, 1, 2]),
      then: '--- /dev/null\n+++ /f\n# content not shown: before absent, after 3 bytes, binary\n',
    },
  ];
  for (const c of cases)
    it(`GIVEN ${c.given} WHEN diffed THEN ${JSON.stringify(c.then.split('\n').slice(2).join('|'))}`, () => {
      expect(fileDiff('/f', c.before, c.after)).to.equal(c.then);
    });

  it('GIVEN a Secret on either side WHEN diffed THEN neither side is printed', () => {
    const s = secret('very-secret-value-42');
    const out = fileDiff('/f', Buffer.from('old-secret-value-99\n'), s);
    expect(out).to.include(SECRET_MASK).and.not.include('very-secret').and.not.include('old-secret');
  });

  it('GIVEN a registered secret in plain text WHEN diffed THEN it is masked by mask()', () => {
    registerSecret('-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----');
    const out = fileDiff('/f', null, 'key: MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n');
    expect(out).to.include(`+key: ${SECRET_MASK}`);
  });
});
