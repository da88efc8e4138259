// A real HTTP receiver on 127.0.0.1 for callbacks and callouts: records every request, answers by a per-path plan.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  at: number;
}

export interface Receiver {
  url: (path: string) => string;
  port: number;
  received: Received[];
  /** answers for a path, used in turn (the last one repeats); default 200 */
  plan(path: string, ...answers: ({ status: number; headers?: Record<string, string> } | number)[]): void;
  /** resolves once `count` requests to `path` have arrived */
  waitFor(path: string, count?: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const plans = new Map<string, { status: number; headers?: Record<string, string> }[]>();
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      const path = req.url ?? '/';
      received.push({ method: req.method ?? '', path, headers: req.headers, body, at: Date.now() });
      const plan = plans.get(path) ?? [];
      const answer = plan.length > 1 ? plan.shift()! : (plan[0] ?? { status: 200 });
      res.writeHead(answer.status, answer.headers).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    received,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    plan: (path, ...answers) =>
      plans.set(
        path,
        answers.map((a) => (typeof a === 'number' ? { status: a } : a)),
      ),
    async waitFor(path, count = 1, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hits = received.filter((r) => r.path === path);
        if (hits.length >= count) return hits;
        if (Date.now() > deadline) throw new Error(`expected ${count} request(s) to ${path}, got ${hits.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
