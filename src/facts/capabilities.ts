// Linux capability numbers the roles ask about, and the test against a host's bounding set.

/** Capability numbers (linux/capability.h). */
export const CAPABILITY = { SYS_ADMIN: 21, SYS_RESOURCE: 24 } as const;

/** True/false when the bounding set (hex, as /proc/PID/status prints it) is known; undefined when it is not. */
export function hasCapability(capBounding: string | undefined, cap: number): boolean | undefined {
  if (capBounding === undefined || !/^[0-9a-f]+$/i.test(capBounding)) return undefined;
  return ((BigInt(`0x${capBounding}`) >> BigInt(cap)) & 1n) === 1n;
}
