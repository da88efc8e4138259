// Import tests run real processes: sharegate servers on temporary SQLite files (the source, and a target), the
// importer itself (`src/cli/import.ts`), and a proxy on 127.0.0.1 in between that can delay, fail or rewrite the
// source's answers.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SCOPES } from '../../src/core/actor';
import { mintHs256Token } from '../../src/identity/mintToken';

const ROOT = path.join(__dirname, '..', '..');
export const SECRET = 'import-test-secret-for-hs256-000000';
export const ADMIN_PASSWORD = 'import-admin-Pa55word';

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'sharegate-import-'));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const baseEnv = (database: string) => ({
  ...process.env,
  DATABASE_URL: database,
  JWT_SECRET: SECRET,
  ADMIN_PASSWORD,
  LOG_LEVEL: 'silent',
  NODE_ENV: 'production',
  USAGE: 'off',
});

export interface Server {
  url: string;
  stop(): Promise<void>;
}

/** `npm start` on a database file, answering on a free port of 127.0.0.1. */
export async function startSharegate(database: string, env: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts')], {
    cwd: ROOT,
    env: { ...baseEnv(database), ...env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`sharegate did not start:\n${stderr}`);
    }
    try {
      await fetch(`${url}/`, { signal: AbortSignal.timeout(1000) });
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

export interface ImportResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** the --json summary (the last line of stdout) */
  summary?: { dryRun: boolean; kinds: Record<string, Record<string, number> & { reasons: Record<string, number> }>; error: string | null };
}

/** Runs the importer into `database`; `killWhen` is asked after each chunk of its output (true: SIGKILL it). */
export function runImport(database: string, args: string[], options: { killWhen?: () => boolean; env?: Record<string, string> } = {}): Promise<ImportResult> {
  return new Promise((resolve) => {
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/import.ts'), '--json', ...args], {
      cwd: ROOT,
      env: { ...baseEnv(database), ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const check = () => {
      if (options.killWhen?.()) child.kill('SIGKILL');
    };
    const timer = options.killWhen ? setInterval(check, 5) : undefined;
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('close', (code) => {
      clearInterval(timer);
      const last = stdout.trim().split('\n').pop() ?? '';
      let summary;
      try {
        summary = last.startsWith('{') ? JSON.parse(last) : undefined;
      } catch {
        summary = undefined;
      }
      resolve({ code, stdout, stderr, summary });
    });
  });
}

export const adminToken = () => mintHs256Token(SECRET, { username: 'admin', scopes: [SCOPES.admin, SCOPES.read, SCOPES.write] });
export const userToken = (username: string) => mintHs256Token(SECRET, { username, scopes: [SCOPES.read, SCOPES.write] });

export interface Api {
  url: string;
  call(method: string, p: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown; headers: Headers }>;
}

export function api(url: string, token: string): Api {
  return {
    url,
    async call(method, p, body, headers = {}) {
      const res = await fetch(`${url}${p}`, {
        method,
        headers: { authorization: `bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
    },
  };
}

export type Rewrite = (req: http.IncomingMessage, status: number, body: string) => { status: number; body: string } | 'hang';

/** A proxy to `target` that counts requests by path and lets `rewrite` change (or withhold) an answer. */
export async function startProxy(target: string, rewrite?: Rewrite): Promise<Server & { seen: string[] }> {
  const seen: string[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      seen.push(`${req.method} ${req.url}`);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
      const upstream = await fetch(`${target}${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
      let body = await upstream.text();
      let status = upstream.status;
      const changed = rewrite?.(req, status, body);
      if (changed === 'hang') {
        hanging.add(res);
        return;
      }
      if (changed) ({ status, body } = changed);
      const out: Record<string, string> = { 'content-type': upstream.headers.get('content-type') ?? 'application/json' };
      const token = upstream.headers.get('authentication-token');
      if (token) out['authentication-token'] = token;
      res.writeHead(status, out).end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
