import { expect } from 'chai';
import { mountsUnder, parseMountinfo } from '../../../src/lab/mounts.ts';

const MOUNTINFO = `22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 254:0 / / rw,relatime - ext4 /dev/vda rw
101 27 0:50 / /var/lib/orchestrate/labs/lab/containerd rw,relatime - ext4 /dev/loop0 rw
102 27 0:51 / /var/lib/orchestrate/labs/lab/hosts/h1/merged rw,relatime - overlay overlay rw,lowerdir=/x
103 27 0:52 / /var/lib/orchestrate/labs/lab/hosts/h\\0402/merged rw,relatime - overlay overlay rw
104 27 0:53 / /var/lib/orchestrate/labs/lab2/hosts/h1/merged rw,relatime - overlay overlay rw
105 102 0:54 / /var/lib/orchestrate/labs/lab/hosts/h1/merged/proc rw - proc proc rw
`;

describe('lab/mounts', () => {
  it('parses mount points and decodes octal escapes', () => {
    const points = parseMountinfo(MOUNTINFO);
    expect(points).to.include('/var/lib/orchestrate/labs/lab/hosts/h 2/merged');
    expect(points).to.have.length(7);
  });

  it('lists only mounts under the lab dir (not lab2), deepest first', () => {
    const under = mountsUnder(parseMountinfo(MOUNTINFO), '/var/lib/orchestrate/labs/lab/');
    expect(under[0]).to.equal('/var/lib/orchestrate/labs/lab/hosts/h1/merged/proc');
    expect(under).to.have.members([
      '/var/lib/orchestrate/labs/lab/containerd',
      '/var/lib/orchestrate/labs/lab/hosts/h1/merged',
      '/var/lib/orchestrate/labs/lab/hosts/h 2/merged',
      '/var/lib/orchestrate/labs/lab/hosts/h1/merged/proc',
    ]);
    expect(under.indexOf('/var/lib/orchestrate/labs/lab/containerd')).to.equal(under.length - 1);
  });

  it('a path that is itself a mount point is included; nothing under it is empty', () => {
    expect(mountsUnder(['/a', '/a/b'], '/a/b')).to.deep.equal(['/a/b']);
    expect(mountsUnder(['/a'], '/a/b')).to.deep.equal([]);
  });
});
