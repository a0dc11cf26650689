import ipaddr from 'ipaddr.js';

/** An address or CIDR block in canonical form, or null when it is neither. */
export function normalizeTrustedIp(value: string): string | null {
  try {
    if (value.includes('/')) {
      const [address, bits] = ipaddr.parseCIDR(value);
      return `${address.toString()}/${bits}`;
    }
    return ipaddr.parse(value).toString();
  } catch {
    return null;
  }
}

/** Whether `ip` is one of the trusted addresses or inside one of the blocks; an empty list trusts every address. */
export function isTrustedIp(trusted: readonly string[], ip: string | null): boolean {
  if (trusted.length === 0) return true;
  if (!ip || !ipaddr.isValid(ip)) return false;
  let address = ipaddr.parse(ip);
  // An IPv4 client behind a dual-stack socket arrives as ::ffff:a.b.c.d.
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) address = (address as ipaddr.IPv6).toIPv4Address();
  return trusted.some((entry) => {
    const [base, bits] = entry.includes('/') ? ipaddr.parseCIDR(entry) : [ipaddr.parse(entry), null];
    if (base.kind() !== address.kind()) return false;
    return bits === null ? base.toString() === address.toString() : address.match([base, bits] as never);
  });
}
