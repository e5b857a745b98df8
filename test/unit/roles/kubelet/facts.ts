// Facts for the kubelet tests: the gather fixtures parsed, and variants with one resolver detail changed.

import type { Facts } from '../../../../src/facts/types.ts';
import { parseFacts } from '../../../../src/facts/parse.ts';
import { fixture, type FixtureName } from '../../facts/fixtures.ts';

/** A fixture's facts, as the executor would hand them to a role. */
export function factsOf(name: FixtureName): Facts {
  return parseFacts(fixture(name), new Date('2025-01-01T00:00:00Z'));
}

/** Ubuntu's resolved stub, but resolved's own upstream is loopback (NIF's DNS=127.0.0.1 in resolved.conf). */
export function stubWithLoopbackUpstream(): Facts {
  const f = factsOf('ubuntu2004');
  return { ...f, resolved: { ...f.resolved, upstream: ['127.0.0.1'] } };
}

/** A plain /etc/resolv.conf (no resolved) naming the given nameservers. */
export function plainWith(nameservers: string[]): Facts {
  const f = factsOf('debian12Plain');
  return { ...f, resolvConf: { ...f.resolvConf, nameservers } };
}
