// The one module that makes outbound HTTP requests (CSM callbacks and callouts). A destination is allowed by the
// address actually connected to: the host name is resolved, every address checked against the allowlist, and the
// request sent to that checked address (so a name cannot resolve to one address for the check and another for the
// connection). Only http and https; redirects are not followed; each attempt has a timeout; failures are retried a
// bounded number of times.
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';

export interface Allowlist {
  /** exact host names (lower case) */
  names: Set<string>;
  /** addresses and CIDR ranges */
  addresses: BlockList;
  /** the listed addresses and ranges that lie inside an internal range: the only way to reach an internal address */
  internal: BlockList;
  empty: boolean;
}

type Family = 'ipv4' | 'ipv6';

/**
 * Loopback, unspecified, private, shared, link-local, multicast and reserved ranges, and IPv6's unique-local,
 * site-local, link-local, multicast and IPv4-compatible ones: reached only when the allowlist names them.
 */
const INTERNAL_RANGES: [string, number, Family][] = [
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'],
  ['240.0.0.0', 4, 'ipv4'],
  ['::', 96, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['fec0::', 10, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
];
const INTERNAL = (() => {
  const b = new BlockList();
  for (const [net, bits, family] of INTERNAL_RANGES) b.addSubnet(net, bits, family);
  return b;
})();

/** An IPv4 address written as IPv6 (`::ffff:127.0.0.1`, `::ffff:7f00:1`) as the IPv4 address it reaches. */
function unmapped(address: string): { address: string; family: Family } {
  const m = /^::ffff:(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!m) return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
  if (m[1]) return { address: m[1], family: 'ipv4' };
  const hi = parseInt(m[2]!, 16);
  const lo = parseInt(m[3]!, 16);
  return { address: [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.'), family: 'ipv4' };
}

/** Each internal range on its own, to tell whether a listed range lies wholly inside one. */
const EACH_INTERNAL = INTERNAL_RANGES.map(([net, bits, family]) => {
  const one = new BlockList();
  one.addSubnet(net, bits, family);
  return { bits, family, one };
});
const insideInternal = (ip: string, bits: number, family: Family) => EACH_INTERNAL.some((r) => r.family === family && bits >= r.bits && r.one.check(ip, family));

/**
 * `CALLBACK_ALLOWLIST`: comma-separated host names, IP addresses and CIDR ranges. Empty allows nothing. An internal
 * address (loopback, private, link-local, ...) is allowed only by an entry inside an internal range (`127.0.0.1`,
 * `10.1.0.0/16`), never by a wider one (`0.0.0.0/0`, `::/0`) nor through a listed name.
 */
export function parseAllowlist(text: string): Allowlist {
  const names = new Set<string>();
  const addresses = new BlockList();
  const internal = new BlockList();
  let empty = true;
  for (const raw of text.split(',')) {
    const entry = raw
      .trim()
      .toLowerCase()
      .replace(/^\[(.*)\]$/, '$1');
    if (!entry) continue;
    empty = false;
    const slash = entry.indexOf('/');
    const written = slash >= 0 ? entry.slice(0, slash) : entry;
    if (!isIP(written)) {
      names.add(entry);
      continue;
    }
    const { address: ip, family } = unmapped(written);
    const maxBits = family === 'ipv6' ? 128 : 32;
    let bits = slash >= 0 ? Number(entry.slice(slash + 1)) : maxBits;
    if (family === 'ipv4' && isIP(written) === 6 && slash >= 0) bits -= 96;
    if (!Number.isInteger(bits) || bits < 0 || bits > maxBits) continue;
    addresses.addSubnet(ip, bits, family);
    if (insideInternal(ip, bits, family)) internal.addSubnet(ip, bits, family);
  }
  return { names, addresses, internal, empty };
}

export type Destination = { ok: true; url: URL; address: string; family: 4 | 6 } | { ok: false; reason: string };

/** A host name's addresses, given up on after a few seconds. */
async function resolve(host: string): Promise<{ address: string; family: number }[]> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), 5000)));
  try {
    return await Promise.race([lookup(host, { all: true, verbatim: true }), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether a URL may be called, and at which address. Allowed: an address listed (or in a listed range; an internal
 * one only by an entry inside an internal range), or an address a listed host name resolves to that is not internal.
 * Addresses are compared as the address connected to: `::ffff:127.0.0.1` is 127.0.0.1, and the URL parser has
 * already made `2130706433`, `0177.0.0.1` and `0x7f.1` into 127.0.0.1.
 */
export async function checkDestination(raw: string, allowlist: Allowlist): Promise<Destination> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not an absolute URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: `the scheme ${url.protocol} is not allowed` };
  if (url.username || url.password) return { ok: false, reason: 'credentials in the URL are not allowed' };
  if (allowlist.empty) return { ok: false, reason: 'no outbound destination is allowed' };
  const host = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  let resolved: { address: string; family: Family }[];
  try {
    resolved = (isIP(host) ? [{ address: host, family: isIP(host) }] : await resolve(host)).map((a) => unmapped(a.address));
  } catch {
    return { ok: false, reason: `the host ${host} does not resolve` };
  }
  const listedName = allowlist.names.has(host);
  const allowed = (a: { address: string; family: Family }) =>
    INTERNAL.check(a.address, a.family) ? allowlist.internal.check(a.address, a.family) : listedName || allowlist.addresses.check(a.address, a.family);
  // every address the name resolves to must be allowed, so the choice of address cannot be steered
  if (resolved.length === 0 || !resolved.every(allowed)) return { ok: false, reason: `the host ${host} is not allowed` };
  const first = resolved[0]!;
  return { ok: true, url, address: first.address, family: first.family === 'ipv6' ? 6 : 4 };
}

export interface PostOptions {
  attempts?: number;
  timeoutMs?: number;
  /** first pause between attempts; doubles each time */
  backoffMs?: number;
}

export interface PostOutcome {
  outcome: 'delivered' | 'refused' | 'failed';
  detail: string;
  attempts: number;
}

function once(dest: Extract<Destination, { ok: true }>, body: string, timeoutMs: number): Promise<number> {
  const { url } = dest;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      {
        host: dest.address,
        family: dest.family,
        port: url.port || (url.protocol === 'https:' ? 443 : 80),
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        servername: isIP(url.hostname) ? undefined : url.hostname,
        headers: { Host: url.host, 'Content-Type': 'application/json; charset=UTF-8', 'Content-Length': Buffer.byteLength(body), 'User-Agent': 'sharegate' },
        timeout: timeoutMs,
        agent: false,
      },
      (res) => {
        // the status is the answer; the body is not read (a peer dripping it out cannot hold the attempt open)
        clearTimeout(deadline);
        resolve(res.statusCode ?? 0);
        res.destroy();
      },
    );
    // the whole attempt, not only each silence on the socket, is bounded: a peer that drips its answer byte by byte
    // is cut off too
    const deadline = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (e) => {
      clearTimeout(deadline);
      reject(e);
    });
    req.end(body);
  });
}

/** POSTs a JSON body to an allowed destination: 2xx is delivered; anything else (a redirect too) is retried, then failed. */
export async function postJson(raw: string, body: unknown, allowlist: Allowlist, options: PostOptions = {}): Promise<PostOutcome> {
  const dest = await checkDestination(raw, allowlist);
  if (!dest.ok) return { outcome: 'refused', detail: dest.reason, attempts: 0 };
  const attempts = Math.max(1, options.attempts ?? 3);
  const text = JSON.stringify(body);
  let detail = '';
  for (let n = 1; n <= attempts; n++) {
    try {
      const status = await once(dest, text, options.timeoutMs ?? 5000);
      if (status >= 200 && status < 300) return { outcome: 'delivered', detail: `HTTP ${status}`, attempts: n };
      detail = status >= 300 && status < 400 ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}`;
    } catch (e) {
      detail = e instanceof Error ? e.message : String(e);
    }
    if (n < attempts) await new Promise((r) => setTimeout(r, (options.backoffMs ?? 250) * 2 ** (n - 1)));
  }
  return { outcome: 'failed', detail, attempts };
}
