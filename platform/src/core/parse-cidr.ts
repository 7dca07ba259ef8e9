import { BlockList, isIP } from 'node:net';

export interface Cidr {
  readonly address: string;
  readonly prefix: number;
  readonly family: 'ipv4' | 'ipv6';
}

/** `10.0.0.0/8` or `fd00::/8` to its parts, or null when it is not a network in CIDR notation. */
export function parseCidr(text: string): Cidr | null {
  const slash = text.lastIndexOf('/');
  if (slash <= 0) return null;
  const address = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  const version = isIP(address);
  // A zone index (fe80::1%eth0) names an interface of one host, not a network.
  if (version === 0 || address.includes('%') || !/^[0-9]{1,3}$/.test(prefixText)) return null;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  const prefix = Number(prefixText);
  try {
    // BlockList applies the range check for the family (0-32, 0-128).
    new BlockList().addSubnet(address, prefix, family);
  } catch {
    return null;
  }
  return { address, prefix, family };
}
