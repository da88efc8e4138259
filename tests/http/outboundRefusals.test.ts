// Callbacks and callouts that must never leave the gateway: loopback in every spelling the URL parser accepts
// (decimal, octal, hex, short forms, IPv6, IPv4-mapped IPv6), a listed name that resolves to loopback, a redirect
// to a host the allowlist does not cover, and schemes other than http(s). A real listener on 127.0.0.1 records
// whether it was ever contacted.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkDestination, parseAllowlist, postJson } from '../../src/http/outbound';
import { csmWorld, expectCloudError, param, SOI_PATH, standard, startCsmGateway } from '../helpers/csm';
import type { TestGateway } from '../helpers/testGateway';
import { queryRows } from '../helpers/testDatabase';

interface Listener {
  port: number;
  hits: string[];
  close(): Promise<void>;
}

async function listener(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void = (_, res) => void res.writeHead(204).end()): Promise<Listener> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Every way of writing "this machine" that new URL() turns into a loopback (or unspecified) address. */
const loopbackForms = (port: number) => [
  `http://127.0.0.1:${port}/cb`,
  `http://2130706433:${port}/cb`, // decimal
  `http://017700000001:${port}/cb`, // octal, one number
  `http://0177.0.0.1:${port}/cb`, // octal dotted
  `http://0x7f000001:${port}/cb`, // hex, one number
  `http://0x7f.0x0.0x0.0x1:${port}/cb`, // hex dotted
  `http://127.1:${port}/cb`, // short form
  `http://0:${port}/cb`, // 0.0.0.0 reaches this machine
  `http://[::1]:${port}/cb`,
  `http://[0:0:0:0:0:0:0:1]:${port}/cb`,
  `http://[::ffff:127.0.0.1]:${port}/cb`, // IPv4-mapped IPv6
  `http://[::ffff:7f00:1]:${port}/cb`,
  `http://[::127.0.0.1]:${port}/cb`, // IPv4-compatible IPv6
  `http://[::]:${port}/cb`,
  `http://localhost:${port}/cb`, // a listed name that resolves to loopback
  `https://localhost:${port}/cb`,
];

const otherSchemes = (port: number) => [
  'file:///etc/passwd',
  `file://127.0.0.1/etc/passwd`,
  `gopher://127.0.0.1:${port}/_POST%20/cb`,
  `ftp://127.0.0.1:${port}/cb`,
  `ws://127.0.0.1:${port}/cb`,
  'data:text/plain,hello',
  'javascript:alert(1)',
];

// Everything public is allowed, and the name localhost is listed: only the rule on internal addresses stands between
// these URLs and the listener.
const WIDE = '0.0.0.0/0,::/0,localhost,hooks.example.org';

describe('outbound refusals', () => {
  let target: Listener;
  beforeAll(async () => {
    target = await listener();
  });
  afterAll(() => target.close());

  it('loopback in decimal, octal, hex, short, IPv6 and IPv4-mapped forms, and a listed name resolving to loopback, are refused under a wide allowlist and never contacted', async () => {
    const list = parseAllowlist(WIDE);
    for (const url of loopbackForms(target.port)) {
      expect({ url, check: await checkDestination(url, list) }).toEqual({ url, check: { ok: false, reason: expect.stringMatching(/not allowed/) } });
      expect({ url, post: await postJson(url, { a: 1 }, list, { attempts: 1, timeoutMs: 500 }) }).toMatchObject({ url, post: { outcome: 'refused', attempts: 0 } });
    }
    expect(target.hits).toEqual([]);
  });

  it('private, link-local, shared and multicast addresses are refused under a wide allowlist too', async () => {
    const list = parseAllowlist(WIDE);
    for (const url of [
      'http://10.0.0.1/',
      'http://172.16.5.4/',
      'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data',
      'http://100.64.0.1/',
      'http://224.0.0.1/',
      'http://255.255.255.255/',
      'http://[fd00::1]/',
      'http://[fe80::1]/',
      'http://[::ffff:169.254.169.254]/',
      'http://[::ffff:a00:1]/',
    ]) {
      expect({ url, ok: (await checkDestination(url, list)).ok }).toEqual({ url, ok: false });
    }
    // public addresses are what the wide list allows
    expect((await checkDestination('http://192.0.2.10/hook', list)).ok).toBe(true);
    expect((await checkDestination('http://[2001:db8::1]/hook', list)).ok).toBe(true);
  });

  it('an internal address is reached only when an entry inside an internal range names it', async () => {
    const url = `http://127.0.0.1:${target.port}/listed`;
    expect((await checkDestination(url, parseAllowlist('127.0.0.1'))).ok).toBe(true);
    expect((await checkDestination(url, parseAllowlist('127.0.0.0/8'))).ok).toBe(true);
    expect((await checkDestination(`http://[::ffff:127.0.0.1]:${target.port}/x`, parseAllowlist('127.0.0.1'))).ok).toBe(true);
    expect((await checkDestination(url, parseAllowlist('0.0.0.0/0'))).ok).toBe(false);
    expect((await checkDestination(url, parseAllowlist('0.0.0.0/1'))).ok).toBe(false);
    expect((await checkDestination(url, parseAllowlist('::/0'))).ok).toBe(false);
    expect((await checkDestination(url, parseAllowlist('::ffff:0:0/96'))).ok).toBe(false);
    expect((await checkDestination(url, parseAllowlist('127.0.0.2'))).ok).toBe(false);
  });

  it('file:, gopher: and every scheme but http and https are refused, whatever the allowlist', async () => {
    const list = parseAllowlist(`${WIDE},127.0.0.0/8`);
    for (const url of otherSchemes(target.port)) {
      expect({ url, check: await checkDestination(url, list) }).toEqual({ url, check: { ok: false, reason: expect.stringMatching(/scheme|URL/) } });
      expect((await postJson(url, {}, list, { attempts: 1 })).outcome).toBe('refused');
    }
    expect(target.hits).toEqual([]);
  });

  it('a redirect to a host the allowlist does not cover is not followed: the second listener is never contacted', async () => {
    const elsewhere = await listener();
    const redirecting = await listener((req, res) => {
      const to = { '/to-name': `http://localhost:${elsewhere.port}/stolen`, '/to-mapped': `http://[::ffff:127.0.0.1]:${elsewhere.port}/stolen`, '/to-file': 'file:///etc/passwd' }[
        req.url ?? ''
      ];
      res.writeHead(req.url === '/to-file' ? 301 : 307, { Location: to ?? '/' }).end();
    });
    try {
      const list = parseAllowlist('127.0.0.1');
      for (const path of ['/to-name', '/to-mapped', '/to-file']) {
        const outcome = await postJson(`http://127.0.0.1:${redirecting.port}${path}`, { a: 1 }, list, { attempts: 2, backoffMs: 10 });
        expect(outcome).toMatchObject({ outcome: 'failed', attempts: 2, detail: expect.stringContaining('redirects are not followed') });
      }
      expect(redirecting.hits).toHaveLength(6);
      expect(elsewhere.hits).toEqual([]);
    } finally {
      await redirecting.close();
      await elsewhere.close();
    }
  });

  it('a peer that drips its answer out is cut off when the attempt time is up', async () => {
    const drip = await listener((_, res) => {
      res.socket?.write('HTTP/1.1 200 OK\r\n');
      const timer = setInterval(() => res.socket?.write('X-Drip: 1\r\n'), 50);
      res.socket?.once('close', () => clearInterval(timer));
    });
    try {
      const started = Date.now();
      const outcome = await postJson(`http://127.0.0.1:${drip.port}/slow`, {}, parseAllowlist('127.0.0.1'), { attempts: 1, timeoutMs: 400 });
      expect(outcome).toMatchObject({ outcome: 'failed', detail: 'no answer within 400 ms' });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await drip.close();
    }
  });
});

describe('POST /csm/ServiceOfferingInstance/:guid/share with hostile callbackURL and callouts', () => {
  let target: Listener;
  let t: TestGateway;
  beforeAll(async () => {
    target = await listener();
    t = await startCsmGateway({
      CALLBACK_ALLOWLIST: WIDE,
      CSM_CALLOUTS: JSON.stringify({
        decimal: `http://2130706433:${target.port}/pre`,
        mapped: `http://[::ffff:7f00:1]:${target.port}/post`,
        gopher: `gopher://127.0.0.1:${target.port}/_x`,
      }),
    });
  });
  afterAll(async () => {
    await t.close();
    await target.close();
  });

  it('answers 400 [CloudError] for every loopback form and other scheme, makes no task and contacts nothing', async () => {
    const w = await csmWorld(t);
    const e1 = await w.session('enduser1');
    const si = await w.instance();
    const tasks = async () => (await queryRows<{ n: number }>(t.gateway.store, 'SELECT count(*) AS n FROM operations'))[0]!.n;
    const before = await tasks();
    const share = (extra: Record<string, unknown>) => standard([param('userNameList', ['enduser2'], 'java.lang.String', '0..*')], { timeout: 0, ...extra });
    for (const callbackURL of [...loopbackForms(target.port), ...otherSchemes(target.port)]) {
      expectCloudError(await e1.post(`${SOI_PATH}/${si.guid}/share`, share({ callbackURL })), 400, 'CSM-API-0004');
    }
    for (const callout of [{ preCallout: 'decimal' }, { postCallout: 'mapped' }, { preCallout: 'gopher' }]) {
      expectCloudError(await e1.post(`${SOI_PATH}/${si.guid}/share`, share(callout)), 400, 'CSM-API-0005');
    }
    expect(await tasks()).toBe(before);
    await t.settle();
    expect((await e1.get(`${SOI_PATH}/${si.guid}`)).body[0].sharedUsers).toEqual([]);
    expect(target.hits).toEqual([]);
  });
});
