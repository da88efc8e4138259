// The outbound module against real peers on 127.0.0.1: the allowlist (names, addresses, CIDR ranges) checked on the
// address connected to, timeouts and bounded retries, and no redirects followed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkDestination, parseAllowlist, postJson } from '../../src/http/outbound';

describe('outbound calls', () => {
  let server: http.Server;
  let port: number;
  const hits: string[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/hang') return; // never answers
      if (req.url === '/redirect') return void res.writeHead(307, { Location: '/ok' }).end();
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('allows listed addresses and ranges, and refuses the rest, other schemes and an empty list', async () => {
    const list = parseAllowlist(' 127.0.0.1 , 10.1.0.0/16, [::1], hooks.example.org');
    expect((await checkDestination(`http://127.0.0.1:${port}/x`, list)).ok).toBe(true);
    expect((await checkDestination('https://10.1.2.3/x', list)).ok).toBe(true);
    expect((await checkDestination('http://10.2.0.1/x', list)).ok).toBe(false);
    expect((await checkDestination('http://[::1]:8080/x', list)).ok).toBe(true);
    expect((await checkDestination('file:///etc/passwd', list)).ok).toBe(false);
    expect((await checkDestination('ftp://127.0.0.1/x', list)).ok).toBe(false);
    expect((await checkDestination(`http://127.0.0.1:${port}/x`, parseAllowlist(''))).ok).toBe(false);
  });

  it('a listed name that resolves to loopback is refused; listing the loopback address allows it', async () => {
    expect(await checkDestination(`http://localhost:${port}/x`, parseAllowlist('localhost'))).toMatchObject({ ok: false });
    expect(await checkDestination(`http://localhost:${port}/x`, parseAllowlist('localhost,127.0.0.0/8,::1'))).toMatchObject({ ok: true });
  });

  it('a peer that does not answer in time is tried a bounded number of times, then failed', async () => {
    const started = Date.now();
    const outcome = await postJson(`http://127.0.0.1:${port}/hang`, { a: 1 }, parseAllowlist('127.0.0.1'), { attempts: 2, timeoutMs: 200, backoffMs: 50 });
    expect(outcome).toMatchObject({ outcome: 'failed', attempts: 2, detail: 'no answer within 200 ms' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(hits.filter((h) => h === '/hang')).toHaveLength(2);
  });

  it('a redirect is not followed', async () => {
    const outcome = await postJson(`http://127.0.0.1:${port}/redirect`, {}, parseAllowlist('127.0.0.1'), { attempts: 1 });
    expect(outcome).toMatchObject({ outcome: 'failed', detail: 'HTTP 307 (redirects are not followed)' });
    expect(hits.filter((h) => h === '/ok')).toHaveLength(0);
  });

  it('a refused destination is not contacted at all', async () => {
    const before = hits.length;
    expect(await postJson(`http://127.0.0.1:${port}/x`, {}, parseAllowlist('10.0.0.1'))).toMatchObject({ outcome: 'refused', attempts: 0 });
    expect(hits.length).toBe(before);
  });
});
