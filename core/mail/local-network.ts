import { BlockList, isIP } from 'node:net';

/** Loopback and the private ranges (RFC 1918, IPv6 unique local fc00::/7 and link-local fe80::/10). */
const LOCAL_ADDRESSES = new BlockList();
LOCAL_ADDRESSES.addSubnet('127.0.0.0', 8, 'ipv4');
LOCAL_ADDRESSES.addSubnet('10.0.0.0', 8, 'ipv4');
LOCAL_ADDRESSES.addSubnet('172.16.0.0', 12, 'ipv4');
LOCAL_ADDRESSES.addSubnet('192.168.0.0', 16, 'ipv4');
LOCAL_ADDRESSES.addAddress('::1', 'ipv6');
LOCAL_ADDRESSES.addSubnet('fc00::', 7, 'ipv6');
LOCAL_ADDRESSES.addSubnet('fe80::', 10, 'ipv6');

/** Names only a local network resolves (RFC 6762 .local, RFC 8375 .home.arpa, the common .lan). */
const LOCAL_NAME = /^localhost$|\.(local|lan|home\.arpa)$/i;

/** A host as typed (`[fd00::1]` for an IPv6 address) as the network stack takes it. */
export const bareHost = (host: string) => (host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host);

/**
 * Whether a mail server is on the local network, where sending without encryption (`security: 'none'`)
 * may be allowed: a loopback or private address, or a name ending in .local, .lan or .home.arpa. Names
 * are judged as written, not resolved: what matters is where the person meant the password to travel.
 */
export function isLocalNetworkHost(host: string): boolean {
  const address = bareHost(host);
  const version = isIP(address);
  if (version === 0) return LOCAL_NAME.test(address);
  // An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is.
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return LOCAL_ADDRESSES.check(mapped[1]!, 'ipv4');
  return LOCAL_ADDRESSES.check(address, version === 4 ? 'ipv4' : 'ipv6');
}
