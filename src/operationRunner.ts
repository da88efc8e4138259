// Runs queued operations: at once when told one was queued, and on a timer for rows left by a restart.
export interface Runner {
  notify(): void;
  /** resolves when no run is in progress or pending */
  idle(): Promise<void>;
  stop(): void;
}

export function startRunner(run: () => Promise<number>, onError: (e: unknown) => void, intervalMs = 1000): Runner {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
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
          await run();
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
      while (running) await running;
    },
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}
