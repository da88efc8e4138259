// Runs queued operations: at once when told one was queued, and on a timer for rows left by a restart (or by
// another process whose lease ran out). One loop claims due rows; the claimed operations run beside it, so a slow
// one does not hold up the next.
export interface Runner {
  notify(): void;
  /** resolves when no run is in progress or pending and every claimed operation has finished */
  idle(): Promise<void>;
  stop(): void;
}

export type StartDue = () => Promise<{ count: number; finished: Promise<void> }>;

export function startRunner(start: StartDue, onError: (e: unknown) => void, intervalMs = 1000): Runner {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const inFlight = new Set<Promise<void>>();
  const tick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          const { finished } = await start();
          const tracked = finished.catch(onError).finally(() => inFlight.delete(tracked));
          inFlight.add(tracked);
        } catch (e) {
          onError(e);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    notify: () => setImmediate(tick),
    idle: async () => {
      while (running || inFlight.size > 0) {
        if (running) await running;
        await Promise.all([...inFlight]);
      }
    },
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}
