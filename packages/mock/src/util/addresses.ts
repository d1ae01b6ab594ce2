/**
 * Which hosts a `webhook_url` may name, as the reference server decides at job creation
 * (apps/server/src/services/addresses.ts and webhooks.ts): only http(s), and no literal address
 * that is not public (loopback, private, link-local, CGNAT, unique-local, unspecified, …, also when
 * IPv4-mapped or written in decimal or hex) and no `localhost`, unless the operator's allow-list
 * (`webhookHosts`) covers it. The mock never delivers webhooks, so names are not resolved.
 * No `node:net` here: the mock also runs in a browser. The WHATWG URL parser already turns every
 * IPv4 spelling (`2130706433`, `0x7f000001`, `017700000001`, `127.1`) into dotted decimal.
 */

/** 4 bytes for IPv4, 16 for IPv6; undefined when `text` is not an IP literal. */
export function parseIp(text: string): Uint8Array | undefined {
  let s = text.trim();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  const v4 = parseIpv4(s);
  if (v4) return v4;
  if (!s.includes(':')) return undefined;
  const lastColon = s.lastIndexOf(':');
  const tail = s.slice(lastColon + 1);
  if (tail.includes('.')) {
    // An embedded dotted IPv4 tail, as in ::ffff:127.0.0.1, becomes two hex groups.
    const embedded = parseIpv4(tail);
    if (!embedded) return undefined;
    const [a, b, c, d] = embedded as unknown as [number, number, number, number];
    s = `${s.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const parse = (part: string) => (part ? part.split(':') : []);
  let groups: string[];
  const gap = s.indexOf('::');
  if (gap < 0) groups = parse(s);
  else {
    if (s.indexOf('::', gap + 1) >= 0) return undefined;
    const a = parse(s.slice(0, gap));
    const b = parse(s.slice(gap + 2));
    if (a.length + b.length > 7) return undefined;
    groups = [...a, ...new Array<string>(8 - a.length - b.length).fill('0'), ...b];
  }
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    const n = Number.parseInt(g, 16);
    out[i * 2] = n >> 8;
    out[i * 2 + 1] = n & 0xff;
  });
  return out;
}

function parseIpv4(s: string): Uint8Array | undefined {
  const parts = s.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) {
    return undefined;
  }
  return Uint8Array.from(parts.map(Number));
}

/** The IPv4 address an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) carries, else the address itself. */
function unmap(ip: Uint8Array): Uint8Array {
  if (ip.length === 16 && ip.slice(0, 10).every((b) => b === 0) && ip[10] === 0xff && ip[11] === 0xff) {
    return ip.slice(12);
  }
  return ip;
}

function inPrefix(ip: Uint8Array, prefix: Uint8Array, bits: number): boolean {
  if (ip.length !== prefix.length) return false;
  for (let i = 0; i < bits; i++) {
    const mask = 0x80 >> (i & 7);
    if ((ip[i >> 3]! & mask) !== (prefix[i >> 3]! & mask)) return false;
  }
  return true;
}

function cidr(text: string): { prefix: Uint8Array; bits: number } {
  const [address, bits] = text.split('/') as [string, string];
  return { prefix: parseIp(address)!, bits: Number(bits) };
}

/** The reference server's ranges that are never reached without an operator's say-so. */
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

/** The names that always mean this machine, whatever DNS says. */
function isLocalhostName(name: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  return n === 'localhost' || n.endsWith('.localhost');
}

const HOST_NAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.?$/;

/**
 * The operator's allow-list: host names (`hooks.example.com`, or `*.example.com` for its
 * subdomains), IP addresses and CIDR ranges. Empty allows any host but non-public addresses and
 * `localhost`; non-empty allows only the hosts listed.
 */
export class HostPolicy {
  private readonly names: string[] = [];
  private readonly ranges: Array<{ prefix: Uint8Array; bits: number }> = [];

  constructor(
    entries: readonly string[],
    readonly option = 'webhookHosts',
  ) {
    for (const raw of entries) {
      const entry = raw.trim().toLowerCase();
      if (!entry) continue;
      const slash = entry.indexOf('/');
      const address = parseIp(slash >= 0 ? entry.slice(0, slash) : entry);
      if (address) {
        const bits = slash >= 0 ? Number(entry.slice(slash + 1)) : address.length * 8;
        if (!Number.isInteger(bits) || bits < 0 || bits > address.length * 8 || entry.endsWith('/')) {
          throw new RangeError(`${option}: '${raw.trim()}' is not a valid CIDR range`);
        }
        const v4 = unmap(address);
        // An IPv4-mapped range (::ffff:10.0.0.0/104) is the IPv4 range it maps.
        if (v4.length === 4 && address.length === 16 && bits >= 96) {
          this.ranges.push({ prefix: v4, bits: bits - 96 });
        } else this.ranges.push({ prefix: address, bits });
      } else if (HOST_NAME.test(entry)) {
        this.names.push(entry.replace(/\.$/, ''));
      } else {
        throw new RangeError(`${option}: '${raw.trim()}' is not a host name, IP address or CIDR range`);
      }
    }
  }

  get restricted(): boolean {
    return this.names.length > 0 || this.ranges.length > 0;
  }

  private coversAddress(ip: Uint8Array): boolean {
    const v = unmap(ip);
    return this.ranges.some((r) => inPrefix(v, r.prefix, r.bits));
  }

  private coversName(name: string): boolean {
    const n = name.toLowerCase().replace(/\.$/, '');
    return this.names.some((e) => (e.startsWith('*.') ? n.endsWith(e.slice(1)) : n === e));
  }

  /** Why a URL's hostname may not receive webhooks, or null when it may. */
  refuseHost(hostname: string): string | null {
    const host = hostname.replace(/^\[|\]$/g, '');
    const ip = parseIp(host);
    if (ip) {
      if (this.coversAddress(ip)) return null;
      if (this.restricted) return `${host} is not in ${this.option}`;
      const kind = nonPublicKind(ip);
      return kind ? `${host} is a ${kind} address; ${this.option} does not cover it` : null;
    }
    if (this.coversName(host)) return null;
    if (this.restricted) return `${host} is not in ${this.option}`;
    if (isLocalhostName(host)) return `${host} is a loopback name; ${this.option} does not list it`;
    return null;
  }
}

/** Why a `webhook_url` may not be used, or null when it may (the reference server's rule). */
export function webhookUrlProblem(raw: string, policy: HostPolicy): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'webhook_url is not a valid URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `webhook_url must be an http or https URL, not ${url.protocol}`;
  }
  if (!url.hostname) return 'webhook_url has no host';
  const refused = policy.refuseHost(url.hostname);
  return refused ? `webhook_url: ${refused}` : null;
}
