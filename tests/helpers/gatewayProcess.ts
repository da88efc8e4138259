// A gateway as `npm start` runs it, in a process of its own (node with tsx's loader, so that a kill stops the gateway
// outright), for tests that kill, restart or run several gateways.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';

const root = path.join(__dirname, '..', '..');

/**
 * Starts a gateway process on a port the system chooses (PORT=0), read from its "sharegate listening" log line, so
 * that no other process can take the port between choosing and binding it. Resolves once it answers.
 */
export async function startGatewayProcess(env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  // one process (node with tsx's loader), so that the kill stops the gateway outright
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let buffered = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the gateway process did not start')), 60_000);
    child.once('exit', (code) => reject(new Error(`the gateway process exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const line = buffered.split('\n').find((l) => l.includes('"sharegate listening"'));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { port: number }).port);
      }
    });
  });
  // the log goes on (a line per request): read and dropped, so that the pipe never fills
  child.stdout!.removeAllListeners('data');
  child.stdout!.resume();
  for (const deadline = Date.now() + 30_000; ;) {
    try {
      if ((await request(`http://127.0.0.1:${port}`).get('/readyz')).status === 200) return { child, port };
    } catch {
      /* not answering yet */
    }
    if (Date.now() > deadline) throw new Error('the gateway process did not answer');
    await new Promise((r) => setTimeout(r, 50));
  }
}
