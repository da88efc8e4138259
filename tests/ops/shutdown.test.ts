// Graceful shutdown of `npm start` as a real process group: under a bounded load of writes, SIGTERM (and a second
// one) to the group lets every accepted request finish, npm exits 0 after the last answer, and every acknowledged
// write is there after a restart.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { mintHs256Token } from '../../src/identity/mintToken';

const root = path.join(__dirname, '..', '..');
const SECRET = 'shutdown-test-secret-0000000000000';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sharegate-shutdown-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Answer {
  status: number;
  body: string;
}

function call(port: number, method: string, urlPath: string, token: string, id: string, body?: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        agent: false,
        headers: { Authorization: `bearer ${token}`, 'X-VCAP-Request-ID': id, Connection: 'close', ...(data ? { 'Content-Type': 'application/json' } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** A POST whose headers are sent now and whose body is finished later: a request in flight for as long as we like. */
function slowCall(port: number, urlPath: string, token: string, body: unknown) {
  const data = JSON.stringify(body);
  let resolveAnswer!: (a: Answer & { at: number }) => void;
  let rejectAnswer!: (e: unknown) => void;
  const answer = new Promise<Answer & { at: number }>((resolve, reject) => {
    resolveAnswer = resolve;
    rejectAnswer = reject;
  });
  const req = http.request(
    {
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: urlPath,
      agent: false,
      headers: { Authorization: `bearer ${token}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data), 'X-VCAP-Request-ID': 'slow' },
    },
    (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolveAnswer({ status: res.statusCode ?? 0, body: text, at: Date.now() }));
    },
  );
  req.on('error', rejectAnswer);
  req.flushHeaders();
  req.write(data.slice(0, 5));
  return { finish: () => req.end(data.slice(5)), answer };
}

interface Started {
  child: ChildProcess;
  log: () => string;
  /** the port the server bound (PORT=0: the system chooses, so that no other process can take it first) */
  port: () => number | undefined;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

function startServer(db: string): Started {
  let out = '';
  const child = spawn('npm', ['start'], {
    cwd: root,
    detached: true, // its own process group, as a service manager starts it
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: db,
      JWT_SECRET: SECRET,
      LOG_LEVEL: 'info',
      SHUTDOWN_TIMEOUT_SECONDS: '10',
      USAGE_FLUSH_SECONDS: '3600',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const port = () => {
    const line = out.split('\n').find((l) => l.includes('"sharegate listening"'));
    return line ? (JSON.parse(line) as { port: number }).port : undefined;
  };
  return { child, log: () => out, port, exited };
}

async function waitReady(started: Started): Promise<number> {
  for (let i = 0; i < 600; i++) {
    const port = started.port();
    const ok =
      port !== undefined &&
      (await new Promise<boolean>((resolve) => {
        http
          .get({ host: '127.0.0.1', port, path: '/readyz', agent: false }, (res) => {
            res.resume();
            resolve(res.statusCode === 200);
          })
          .on('error', () => resolve(false));
      }));
    if (ok) return port;
    if (started.child.exitCode !== null) throw new Error(`npm start exited early:\n${started.log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not ready:\n${started.log()}`);
}

const killGroup = (child: ChildProcess, signal: NodeJS.Signals) => process.kill(-child.pid!, signal);

describe('npm start under SIGTERM', () => {
  it('drains: no accepted request fails, npm start exits 0 after the last answer, and every acknowledged write survives a restart', async () => {
    const db = path.join(dir, 'gateway.db');
    const token = await mintHs256Token(SECRET, { username: 'admin', admin: true });
    const acknowledged: string[] = [];
    const first = startServer(db);
    try {
      const port = await waitReady(first);

      const failures: { id: string; error: string }[] = [];
      const unanswered: string[] = [];
      let lastAnswer = 0;
      let sent = 0;
      let stop = false;
      const worker = async (w: number) => {
        for (let i = 0; !stop && i < 400; i++) {
          const id = `load-${w}-${i}`;
          sent++;
          try {
            const res = await call(port, 'POST', '/v3/organizations', token, id, { name: `org-${w}-${i}` });
            lastAnswer = Date.now();
            if (res.status === 201) acknowledged.push((JSON.parse(res.body) as { guid: string }).guid);
            else failures.push({ id, error: `${res.status} ${res.body}` });
          } catch (e) {
            const code = (e as NodeJS.ErrnoException).code ?? String(e);
            if (code === 'ECONNREFUSED') return; // the listener is closed: not accepted
            unanswered.push(`${id} ${code}`);
            return;
          }
        }
      };
      const load = Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
      let loadDone = false;
      void load.then(() => (loadDone = true));
      while (acknowledged.length < 40 && !loadDone) await new Promise((r) => setTimeout(r, 10));
      expect({ acknowledged: acknowledged.length >= 40, failures: failures.slice(0, 3), unanswered: unanswered.slice(0, 3) }).toMatchObject({ acknowledged: true });
      const slow = slowCall(port, '/v3/organizations', token, { name: 'org-slow' });
      await new Promise((r) => setTimeout(r, 200)); // the server has read its headers
      killGroup(first.child, 'SIGTERM');
      await load;
      stop = true;
      await new Promise((r) => setTimeout(r, 300));
      killGroup(first.child, 'SIGTERM'); // a second SIGTERM does not cut the drain short
      await new Promise((r) => setTimeout(r, 300));
      expect(first.child.exitCode).toBeNull();
      slow.finish();
      const slowAnswer = await slow.answer;
      expect(slowAnswer.status).toBe(201);
      acknowledged.push((JSON.parse(slowAnswer.body) as { guid: string }).guid);
      lastAnswer = Math.max(lastAnswer, slowAnswer.at);
      const exit = await first.exited;
      const log = first.log();

      expect(failures).toEqual([]);
      // A request that got no answer was accepted (and so failed) if the server read it (its id is in the server's
      // log). One the server never read was still in the listen queue when the listener closed: TCP resets those.
      expect(unanswered.filter((u) => log.includes(`"reqId":"${u.split(' ')[0]}::`))).toEqual([]);
      expect(unanswered.filter((u) => !u.endsWith(' ECONNRESET'))).toEqual([]);
      expect(exit).toMatchObject({ code: 0, signal: null });
      expect(exit.at).toBeGreaterThanOrEqual(lastAnswer);
      expect(acknowledged.length).toBeGreaterThan(40);
      expect(sent).toBeGreaterThan(acknowledged.length - 1);
      expect(log).toContain('"msg":"shutting down: no new connections, finishing requests in flight"');
      expect(log).toContain('"msg":"already shutting down; the drain goes on"');
      expect(log).toContain('"msg":"shut down"');
      expect(log.indexOf('"msg":"shut down"')).toBeGreaterThan(log.lastIndexOf('"msg":"request completed"'));
    } finally {
      if (first.child.exitCode === null && first.child.signalCode === null) killGroup(first.child, 'SIGKILL');
    }

    const second = startServer(db);
    try {
      const port = await waitReady(second);
      const list = await call(port, 'GET', '/v3/organizations?per_page=5000', token, 'check');
      const stored = new Set((JSON.parse(list.body) as { resources: { guid: string }[] }).resources.map((o) => o.guid));
      killGroup(second.child, 'SIGTERM');
      expect((await second.exited).code).toBe(0);
      expect(acknowledged.filter((guid) => !stored.has(guid))).toEqual([]);
      expect(stored.size).toBeGreaterThanOrEqual(acknowledged.length);
    } finally {
      if (second.child.exitCode === null && second.child.signalCode === null) killGroup(second.child, 'SIGKILL');
    }
  }, 90_000);
});
