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
  empty: boolean;
}

/** `CALLBACK_ALLOWLIST`: comma-separated host names, IP addresses and CIDR ranges. Empty allows nothing. */
export function parseAllowlist(text: string): Allowlist {
  const names = new Set<string>();
  const addresses = new BlockList();
  let empty = true;
  for (const raw of text.split(',')) {
    const entry = raw
      .trim()
      .toLowerCase()
      .replace(/^\[(.*)\]$/, '$1');
    if (!entry) continue;
    empty = false;
    const slash = entry.indexOf('/');
    const ip = slash >= 0 ? entry.slice(0, slash) : entry;
    const family = isIP(ip);
    if (family && slash >= 0) addresses.addSubnet(ip, Number(entry.slice(slash + 1)), family === 6 ? 'ipv6' : 'ipv4');
    else if (family) addresses.addAddress(ip, family === 6 ? 'ipv6' : 'ipv4');
    else names.add(entry);
  }
  return { names, addresses, empty };
}

/** Loopback, link-local, unspecified and private ranges: reached through a listed name only if listed as addresses. */
const INTERNAL = (() => {
  const b = new BlockList();
  for (const [net, bits] of [
    ['127.0.0.0', 8],
    ['10.0.0.0', 8],
    ['172.16.0.0', 12],
    ['192.168.0.0', 16],
    ['169.254.0.0', 16],
    ['0.0.0.0', 8],
    ['100.64.0.0', 10],
  ] as const)
    b.addSubnet(net, bits, 'ipv4');
  for (const [net, bits] of [
    ['::1', 128],
    ['::', 128],
    ['fc00::', 7],
    ['fe80::', 10],
  ] as const)
    b.addSubnet(net, bits, 'ipv6');
  return b;
})();

export type Destination = { ok: true; url: URL; address: string; family: 4 | 6 } | { ok: false; reason: string };

const familyName = (family: number) => (family === 6 ? 'ipv6' : 'ipv4');

/**
 * Whether a URL may be called, and at which address. Allowed: an address listed (or in a listed range), or an
 * address a listed host name resolves to that is not internal (loopback, private, link-local).
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
  let resolved: { address: string; family: number }[];
  try {
    resolved = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true, verbatim: true });
  } catch {
    return { ok: false, reason: `the host ${host} does not resolve` };
  }
  const listedName = allowlist.names.has(host);
  const allowed = (a: { address: string; family: number }) =>
    allowlist.addresses.check(a.address, familyName(a.family)) || (listedName && !INTERNAL.check(a.address, familyName(a.family)));
  // every address the name resolves to must be allowed, so the choice of address cannot be steered
  if (resolved.length === 0 || !resolved.every(allowed)) return { ok: false, reason: `the host ${host} is not allowed` };
  const first = resolved[0]!;
  return { ok: true, url, address: first.address, family: first.family === 6 ? 6 : 4 };
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
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
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
