// Node's server defences, as `npm start` sets them from HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS,
// KEEP_ALIVE_TIMEOUT_MS and MAX_HEADER_BYTES: raw sockets on 127.0.0.1 that send too slowly or too much are cut off.
import { connect, type Socket } from 'node:net';
import { listen, type Listening } from '../helpers/listening';
import { startTestGateway, type TestGateway } from '../helpers/testGateway';

let t: TestGateway;
let server: Listening;

beforeAll(async () => {
  t = await startTestGateway({
    HEADERS_TIMEOUT_MS: '300',
    REQUEST_TIMEOUT_MS: '600',
    KEEP_ALIVE_TIMEOUT_MS: '300',
    MAX_HEADER_BYTES: '4096',
    MAX_URL_LENGTH: '2048',
    MAX_BODY_BYTES: '2048',
  });
  server = await listen(t);
});
afterAll(async () => {
  await server.close();
  await t.close();
});

/** Opens a socket, writes `first`, and resolves with all it receives once the server closes it (and when). */
function rawExchange(first: string, then?: (socket: Socket) => void): Promise<{ received: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    const started = Date.now();
    let received = '';
    const guard = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open: ${received}`));
    }, 10_000);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(guard);
      resolve({ received, closedAfterMs: Date.now() - started });
    });
    socket.write(first, () => then?.(socket));
  });
}

describe('slow clients', () => {
  it('a request head that never ends is cut off after HEADERS_TIMEOUT_MS with 408', async () => {
    const { received, closedAfterMs } = await rawExchange('GET /v3/info HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(closedAfterMs).toBeGreaterThanOrEqual(250);
    expect(closedAfterMs).toBeLessThan(6000);
  });

  it('a body that stops arriving is cut off after REQUEST_TIMEOUT_MS with 408', async () => {
    const head = `POST /v3/organizations HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: bearer ${t.admin.token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"name":`;
    const { received, closedAfterMs } = await rawExchange(head);
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(closedAfterMs).toBeGreaterThanOrEqual(550);
    expect(closedAfterMs).toBeLessThan(6000);
    const orgs = await t.admin.get('/v3/organizations');
    expect(orgs.body.pagination.total_results).toBe(0);
  });

  it('an idle kept-alive connection is closed after KEEP_ALIVE_TIMEOUT_MS', async () => {
    const { received, closedAfterMs } = await rawExchange('GET /v3/info HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(received).toMatch(/^HTTP\/1\.1 200 /);
    expect(closedAfterMs).toBeGreaterThanOrEqual(250);
    expect(closedAfterMs).toBeLessThan(6000);
  });
});

describe('oversized bodies without a Content-Length', () => {
  it('POST /v3/organizations with a chunked body over MAX_BODY_BYTES: 400 CF-MessageParseError, nothing created', async () => {
    const chunk = `{"name":"${'x'.repeat(3000)}"}`;
    const { received } = await rawExchange(
      `POST /v3/organizations HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: bearer ${t.admin.token}\r\nContent-Type: application/json\r\n` +
        `Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n${chunk.length.toString(16)}\r\n${chunk}\r\n0\r\n\r\n`,
    );
    expect(received).toMatch(/^HTTP\/1\.1 400 /);
    expect(received).toContain('"detail":"Request invalid due to parse error: request body too large"');
    const orgs = await t.admin.get('/v3/organizations');
    expect(orgs.body.pagination.total_results).toBe(0);
  });
});

describe('oversized bodies with a Content-Length', () => {
  // a server of its own with the default request timeout: this is about the body limit, and on a busy machine the
  // 600 ms above can run out while the client is still writing the 20 MB the server will not read
  let roomy: TestGateway;
  let roomyServer: Listening;
  beforeAll(async () => {
    roomy = await startTestGateway({ MAX_BODY_BYTES: '2048' });
    roomyServer = await listen(roomy);
  });
  afterAll(async () => {
    await roomyServer.close();
    await roomy.close();
  });

  it('POST /v3/organizations with a 20 MB body: refused before it is read, and the client reads the envelope', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${roomyServer.url}/v3/organizations`, {
        method: 'POST',
        headers: { Authorization: `bearer ${roomy.admin.token}`, 'Content-Type': 'application/json' },
        body: `{"name":"${'x'.repeat(20_000_000)}"}`,
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ errors: [{ title: 'CF-MessageParseError', code: 1001, detail: 'Request invalid due to parse error: request body too large' }] });
    }
  });
});

describe('oversized request heads', () => {
  it('headers over MAX_HEADER_BYTES: Node answers 431 with no body and closes', async () => {
    const { received } = await rawExchange(`GET /v3/info HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(5000)}\r\n\r\n`);
    expect(received).toMatch(/^HTTP\/1\.1 431 /);
    expect(received).toMatch(/\r\n\r\n$/);
  });

  it('a URL over MAX_URL_LENGTH (inside MAX_HEADER_BYTES): 400 in the dialect envelope, as JSON', async () => {
    const { received } = await rawExchange(`GET /v3/spaces?q=${'a'.repeat(3000)} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    expect(received).toMatch(/^HTTP\/1\.1 400 /);
    expect(received).toMatch(/content-type: application\/json/i);
    expect(received).toContain('"title":"CF-BadRequest"');
  });
});
