// One load run with autocannon: per-connection request sequences, loopback only, and the figures we report.
import autocannon from 'autocannon';

export interface LoadSettings {
  connections: number;
  /** seconds */
  duration: number;
}

/** A request as the load generator sends it; `onResponse` sees the status and body of its own response. */
export interface LoadRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  onResponse?: (status: number, body: string) => void;
}

/** Builds the next request of connection `conn` (0-based); called once per request sent. */
export type NextRequest = (conn: number) => LoadRequest;

export interface RunFigures {
  /** completed responses per second over the whole run */
  rps: number;
  /** latency in ms (autocannon's resolution is 1 ms for the percentiles) */
  mean: number;
  p50: number;
  p99: number;
  max: number;
  responses: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** a sample of status codes other than 2xx, for diagnosis */
  statuses: Record<string, number>;
}

export async function runLoad(port: number, next: NextRequest, settings: LoadSettings): Promise<RunFigures> {
  let clients = 0;
  const statuses: Record<string, number> = {};
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: settings.connections,
    duration: settings.duration,
    pipelining: 1,
    timeout: 10,
    setupClient(client) {
      const conn = clients++;
      // Each connection gets its own one-element request list whose builder closes over the connection number, so
      // that sequences (share then unshare, tracked revisions) are per connection and survive autocannon's context
      // resets.
      let pending: LoadRequest | undefined;
      client.setRequests([
        {
          setupRequest: (req) => {
            pending = next(conn);
            const headers: Record<string, string> = { ...pending.headers };
            if (pending.body !== undefined) headers['content-type'] ??= 'application/json';
            return { ...req, method: pending.method, path: pending.path, headers, body: pending.body ?? '' };
          },
          onResponse: (status, body) => {
            if (status < 200 || status > 299) statuses[status] = (statuses[status] ?? 0) + 1;
            pending?.onResponse?.(status, body);
          },
        },
      ]);
    },
  });
  const responses = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  return {
    rps: responses / result.duration,
    mean: result.latency.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    responses,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses,
  };
}

export const median = (values: number[]): number => {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** The median of each figure over repeated runs (counts are summed). */
export function medianFigures(runs: RunFigures[]): RunFigures {
  const statuses: Record<string, number> = {};
  for (const r of runs) for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  const sum = (f: (r: RunFigures) => number) => runs.reduce((a, r) => a + f(r), 0);
  return {
    rps: median(runs.map((r) => r.rps)),
    mean: median(runs.map((r) => r.mean)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    max: Math.max(...runs.map((r) => r.max)),
    responses: sum((r) => r.responses),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    statuses,
  };
}
