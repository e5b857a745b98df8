// Parses resolv.conf(5): nameserver lines and the search list (the last search/domain line wins).

/** Nameservers in order and the search domains; comments (# or ;) and unknown lines are skipped. */
export function parseResolvConf(text: string): { nameservers: string[]; search: string[] } {
  const nameservers: string[] = [];
  let search: string[] = [];
  for (const line of text.split('\n')) {
    const tokens = line
      .replace(/[#;].*$/, '')
      .trim()
      .split(/\s+/);
    const [keyword, ...args] = tokens;
    if (keyword === 'nameserver' && args[0] !== undefined) nameservers.push(args[0]);
    else if (keyword === 'search' || keyword === 'domain') search = args.filter((a) => a !== '');
  }
  return { nameservers, search };
}
