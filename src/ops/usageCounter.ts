// Usage counting: each authenticated request adds one to an in-memory cell (day, dialect, route, client, agent,
// user); the cells are written in one batch every few seconds and at shutdown, so no request waits for a write.
// Days older than the retention are deleted at each flush.
import type { Request } from 'express';
import type { Core } from '../core/core';
import type { UsageCount } from '../core/store';
import type { Dialect } from '../http/dialect';

const DAY_MS = 86_400_000;

export interface UsageCounter {
  count(req: Request, dialect: Dialect, route: string, now: number): void;
  /** writes what was counted so far */
  flush(): Promise<void>;
  /** stops the timer and flushes */
  stop(): Promise<void>;
}

export interface UsageOptions {
  flushSeconds: number;
  retentionDays: number;
  clock: () => number;
  onError: (error: unknown) => void;
}

export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The User-Agent's first product token (`cf/6.53.0 (go1.21; ...)` -> `cf/6.53.0`). */
export function productToken(userAgent: string | undefined): string {
  const first = (userAgent ?? '').trim().split(/\s+/, 1)[0] ?? '';
  return first.replace(/[^\w./+-]/g, '').slice(0, 100);
}

const claim = (auth: Record<string, unknown> | undefined, name: string) => {
  const v = auth?.[name];
  return typeof v === 'string' ? v.slice(0, 200) : '';
};

export function createUsageCounter(core: Pick<Core, 'recordUsage'>, options: UsageOptions): UsageCounter {
  let cells = new Map<string, UsageCount>();
  let flushing: Promise<void> = Promise.resolve();

  const write = async () => {
    const batch = cells;
    cells = new Map();
    const keepFromDay = utcDay(options.clock() - options.retentionDays * DAY_MS);
    try {
      await core.recordUsage([...batch.values()], keepFromDay);
    } catch (error) {
      options.onError(error);
      for (const [key, c] of batch) merge(key, c);
    }
  };
  const merge = (key: string, c: UsageCount) => {
    const cell = cells.get(key);
    if (!cell) cells.set(key, c);
    else {
      cell.count += c.count;
      cell.firstSeen = Math.min(cell.firstSeen, c.firstSeen);
      cell.lastSeen = Math.max(cell.lastSeen, c.lastSeen);
    }
  };
  const flush = () => (flushing = flushing.then(write));
  const timer = setInterval(() => void flush(), options.flushSeconds * 1000);
  timer.unref();

  return {
    count(req, dialect, route, now) {
      const actor = req.actor;
      if (!actor) return;
      const day = utcDay(now);
      const clientId = claim(req.auth, 'client_id') || claim(req.auth, 'cid');
      const agent = productToken(req.get('user-agent'));
      const key = `${day}\n${dialect}\n${route}\n${clientId}\n${agent}\n${actor.userGuid}`;
      const cell = cells.get(key);
      if (cell) {
        cell.count += 1;
        cell.lastSeen = now;
      } else {
        cells.set(key, { day, dialect, route, clientId, agent, userGuid: actor.userGuid, userName: actor.username ?? '', count: 1, firstSeen: now, lastSeen: now });
      }
    },
    flush,
    async stop() {
      clearInterval(timer);
      await flush();
    },
  };
}
