// Route destinations as CIDRs: iproute2 prints host routes without their /32 or /128.

/** 'default' stays; an address without a prefix gets its full-length one (/32 or /128). */
export function toCidr(dst: string): string {
  if (dst === 'default' || dst.includes('/')) return dst;
  return dst.includes(':') ? `${dst}/128` : `${dst}/32`;
}
