// Servers under test run as separate processes: started, awaited, measured (RSS) and stopped here.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '..');

/** With two or more cores the servers get core 0 and the load generator (this process) the others. */
export function pinning(): { server: string[]; enabled: boolean; note: string } {
  const cores = os.cpus().length;
  const taskset = spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!taskset || cores < 2 || process.platform !== 'linux') return { server: [], enabled: false, note: 'not pinned' };
  spawnSync('taskset', ['-p', '-c', `1-${cores - 1}`, String(process.pid)], { stdio: 'ignore' });
  const rest = cores === 2 ? 'core 1' : `cores 1-${cores - 1}`;
  return { server: ['taskset', '-c', '0'], enabled: true, note: `server on core 0, load generator on ${rest}` };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface Server {
  name: string;
  port: number;
  pid: number;
  /** peak resident set size so far, in MB (Linux VmHWM), or NaN where unknown */
  peakRssMb(): number;
  stop(): Promise<void>;
}

function readStatus(pid: number, field: string): number {
  try {
    const line = fs
      .readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${field}:`));
    return line ? Number(line.split(/\s+/)[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Starts `script` (TypeScript, run through tsx's loader in the node process itself, so `pid` is the server). */
export async function startServer(name: string, script: string, env: Record<string, string>, prefix: string[], nodeArgs: string[] = []): Promise<Server> {
  // the free port can be taken by another process before the server binds it: try again on a fresh one
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(name, script, env, prefix, nodeArgs);
    } catch (e) {
      if (attempt >= 3 || !/EADDRINUSE/.test((e as Error).message)) throw e;
    }
  }
}

async function startOnce(name: string, script: string, env: Record<string, string>, prefix: string[], nodeArgs: string[]): Promise<Server> {
  const port = await freePort();
  const args = [...nodeArgs, '--import', 'tsx', path.join(ROOT, script)];
  const [cmd, ...rest] = prefix.length ? [...prefix, process.execPath, ...args] : [process.execPath, ...args];
  const child: ChildProcess = spawn(cmd!, rest, {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', ...env, PORT: String(port), HOST: '127.0.0.1' },
    // request logs go nowhere; errors are kept for the report
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`${name} exited during start-up:\n${stderr}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not answer within 30 s:\n${stderr}`);
    }
    try {
      await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const pid = child.pid!;
  let peak = NaN;
  const peakRssMb = () => {
    const now = exited ? NaN : readStatus(pid, 'VmHWM');
    if (!Number.isNaN(now)) peak = now;
    return peak;
  };
  return {
    name,
    port,
    pid,
    peakRssMb,
    stop: () =>
      new Promise<void>((resolve) => {
        peakRssMb();
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
