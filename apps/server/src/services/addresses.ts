import { type LookupAddress, lookup } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';

/**
 * IP addresses parsed properly (never by string prefix): what counts as loopback for the listen and
 * remote-address checks, which ranges are not public, and the operator's host allow-list for
 * outbound requests such as webhooks.
 */

/** 4 bytes for IPv4, 16 for IPv6; undefined when `text` is not an IP literal. */
export function parseIp(text: string): Uint8Array | undefined {
  let s = text.trim();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  const family = isIP(s);
  if (family === 4) return Uint8Array.from(s.split('.').map(Number));
  if (family !== 6) return undefined;
  const lastColon = s.lastIndexOf(':');
  const v4tail = s.slice(lastColon + 1);
  if (v4tail.includes('.')) {
    // An embedded dotted IPv4 tail, as in ::ffff:127.0.0.1, becomes two hex groups.
    const [a, b, c, d] = v4tail.split('.').map(Number) as [number, number, number, number];
    s = `${s.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const parse = (part: string) => (part ? part.split(':').map((h) => Number.parseInt(h, 16)) : []);
  let groups: number[];
  const gap = s.indexOf('::');
  if (gap < 0) groups = parse(s);
  else {
    const a = parse(s.slice(0, gap));
    const b = parse(s.slice(gap + 2));
    groups = [...a, ...new Array<number>(8 - a.length - b.length).fill(0), ...b];
  }
  if (groups.length !== 8) return undefined;
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[i * 2] = g >> 8;
    out[i * 2 + 1] = g & 0xff;
  });
  return out;
}

/** The IPv4 address an IPv6 address carries (IPv4-mapped `::ffff:a.b.c.d`), else the address itself. */
function unmap(ip: Uint8Array): Uint8Array {
  if (ip.length === 16 && ip.slice(0, 10).every((b) => b === 0) && ip[10] === 0xff && ip[11] === 0xff)
    return ip.slice(12);
  return ip;
}

function inPrefix(ip: Uint8Array, prefix: Uint8Array, bits: number): boolean {
  if (ip.length !== prefix.length) return false;
  for (let i = 0; i < bits; i++) {
    const byte = i >> 3;
    const mask = 0x80 >> (i & 7);
    if (((ip[byte] as number) & mask) !== ((prefix[byte] as number) & mask)) return false;
  }
  return true;
}

function cidr(text: string): { prefix: Uint8Array; bits: number } {
  const [addr, bits] = text.split('/') as [string, string];
  return { prefix: parseIp(addr) as Uint8Array, bits: Number(bits) };
}

/** Ranges that are never reached without an operator's say-so, with what they are. */
const V4_RANGES = (
  [
    ['0.0.0.0/8', 'unspecified'],
    ['10.0.0.0/8', 'private'],
    ['100.64.0.0/10', 'shared (carrier-grade NAT)'],
    ['127.0.0.0/8', 'loopback'],
    ['169.254.0.0/16', 'link-local'],
    ['172.16.0.0/12', 'private'],
    ['192.0.0.0/24', 'reserved'],
    ['192.0.2.0/24', 'documentation'],
    ['192.168.0.0/16', 'private'],
    ['198.18.0.0/15', 'benchmarking'],
    ['198.51.100.0/24', 'documentation'],
    ['203.0.113.0/24', 'documentation'],
    ['224.0.0.0/4', 'multicast'],
    ['240.0.0.0/4', 'reserved'],
  ] as const
).map(([range, kind]) => ({ ...cidr(range), kind }));

const V6_RANGES = (
  [
    ['::/128', 'unspecified'],
    ['::1/128', 'loopback'],
    ['64:ff9b:1::/48', 'reserved'],
    ['100::/64', 'reserved'],
    ['2001::/32', 'reserved (Teredo)'],
    ['2001:db8::/32', 'documentation'],
    ['fc00::/7', 'unique-local'],
    ['fe80::/10', 'link-local'],
    ['fec0::/10', 'site-local'],
    ['ff00::/8', 'multicast'],
  ] as const
).map(([range, kind]) => ({ ...cidr(range), kind }));

/** IPv6 forms that carry an IPv4 address: IPv4-compatible, NAT64 and 6to4. */
const V6_EMBEDDING_V4 = [
  { ...cidr('::/96'), offset: 12 },
  { ...cidr('64:ff9b::/96'), offset: 12 },
  { ...cidr('2002::/16'), offset: 2 },
];

/** Why an address is not public (`loopback`, `private`, `link-local`, …), or null when it is. */
export function nonPublicKind(address: string | Uint8Array): string | null {
  const parsed = typeof address === 'string' ? parseIp(address) : address;
  if (!parsed) return 'not an IP address';
  const ip = unmap(parsed);
  if (ip.length === 4) return V4_RANGES.find((r) => inPrefix(ip, r.prefix, r.bits))?.kind ?? null;
  const range = V6_RANGES.find((r) => inPrefix(ip, r.prefix, r.bits));
  if (range) return range.kind;
  for (const e of V6_EMBEDDING_V4) {
    if (inPrefix(ip, e.prefix, e.bits)) {
      const kind = nonPublicKind(ip.slice(e.offset, e.offset + 4));
      if (kind) return kind;
    }
  }
  return null;
}

/** A loopback IP (127.0.0.0/8, ::1, ::ffff:127.x.y.z); names and anything else are not. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const ip = parseIp(address);
  if (!ip) return false;
  const v = unmap(ip);
  return v.length === 4 ? v[0] === 127 : inPrefix(v, cidr('::1/128').prefix, 128);
}

/** A listen address that only this machine can reach: a loopback IP, or the name `localhost`. */
export function isLoopbackHost(host: string): boolean {
  return host.trim().toLowerCase() === 'localhost' || isLoopbackAddress(host);
}

/** The names that always mean this machine, whatever DNS says. */
export function isLocalhostName(name: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  return n === 'localhost' || n.endsWith('.localhost');
}

/**
 * An operator's allow-list (`DISTILLERY_WEBHOOK_HOSTS`): host names (`hooks.example.com`, or
 * `*.example.com` for its subdomains), IP addresses and CIDR ranges, comma-separated. Empty allows
 * any host whose addresses are all public. Non-empty allows only the hosts listed. Either way an
 * address that is not public (loopback, private, link-local, …) is reached only when an IP or CIDR
 * entry covers it, so a listed name that resolves to a private address is still refused.
 */
export class HostPolicy {
  readonly names: string[] = [];
  readonly ranges: Array<{ prefix: Uint8Array; bits: number }> = [];
  readonly source: string;
  readonly variable: string;

  constructor(list: string | undefined, variable = 'DISTILLERY_WEBHOOK_HOSTS') {
    this.source = list ?? '';
    this.variable = variable;
    for (const raw of this.source.split(',')) {
      const entry = raw.trim().toLowerCase();
      if (!entry) continue;
      const slash = entry.indexOf('/');
      const addr = parseIp(slash >= 0 ? entry.slice(0, slash) : entry);
      if (addr) {
        const bits = slash >= 0 ? Number(entry.slice(slash + 1)) : addr.length * 8;
        if (!Number.isInteger(bits) || bits < 0 || bits > addr.length * 8 || entry.endsWith('/'))
          throw new Error(`${variable}: '${raw.trim()}' is not a valid CIDR range`);
        const v4 = unmap(addr);
        // An IPv4-mapped range (::ffff:10.0.0.0/104) is the IPv4 range it maps.
        if (v4.length === 4 && addr.length === 16 && bits >= 96)
          this.ranges.push({ prefix: v4, bits: bits - 96 });
        else this.ranges.push({ prefix: addr, bits });
      } else if (
        /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.?$/.test(entry)
      ) {
        this.names.push(entry.replace(/\.$/, ''));
      } else {
        throw new Error(`${variable}: '${raw.trim()}' is not a host name, IP address or CIDR range`);
      }
    }
  }

  get restricted(): boolean {
    return this.names.length > 0 || this.ranges.length > 0;
  }

  /** Whether an IP or CIDR entry covers the address. */
  coversAddress(address: string | Uint8Array): boolean {
    const parsed = typeof address === 'string' ? parseIp(address) : address;
    if (!parsed) return false;
    const ip = unmap(parsed);
    return this.ranges.some((r) => inPrefix(ip, r.prefix, r.bits));
  }

  /** Whether a name entry covers the host name. */
  coversName(name: string): boolean {
    const n = name.toLowerCase().replace(/\.$/, '');
    return this.names.some((e) => (e.startsWith('*.') ? n.endsWith(e.slice(1)) : n === e));
  }

  /** Why a resolved address may not be reached, or null when it may. */
  refuseAddress(address: string): string | null {
    if (this.coversAddress(address)) return null;
    const kind = nonPublicKind(address);
    if (kind) return `${address} is a ${kind} address; ${this.variable} does not cover it`;
    return null;
  }

  /**
   * Why a host (as a URL's hostname gives it: IPv4 normalised, IPv6 in brackets) may not be
   * reached, or null when it may, as far as can be told without resolving it.
   */
  refuseHost(hostname: string): string | null {
    const host = hostname.replace(/^\[|\]$/g, '');
    if (parseIp(host)) {
      if (this.coversAddress(host)) return null;
      if (this.restricted) return `${host} is not in ${this.variable}`;
      return this.refuseAddress(host);
    }
    if (this.coversName(host)) return null;
    if (this.restricted) return `${host} is not in ${this.variable}`;
    if (isLocalhostName(host)) return `${host} is a loopback name; ${this.variable} does not list it`;
    return null;
  }
}

/**
 * Resolves a host name and refuses it (with `refusal`'s error) unless every address it resolves to
 * is allowed. The socket connects to the addresses checked here, so a name cannot resolve to one
 * address for the check and another for the connection.
 */
export function checkedLookup(policy: HostPolicy, refusal: (message: string) => Error): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      for (const a of addresses) {
        const refused = policy.refuseAddress(a.address);
        if (refused) return callback(refusal(`${hostname} resolves to ${refused}`), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first) return callback(new Error(`${hostname} has no address`), '', 0);
      callback(null, first.address, first.family);
    });
  };
}
