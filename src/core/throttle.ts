// Brute-force protection for password checks: failures are counted per user name and per client address, and a
// key that reaches its limit within the window is locked for a while. The counts live in the store (shared by every
// process on the database); the attempts on one user name take turns within a process.
import type { Deps } from './context';
import { unauthenticated } from './errors';
import type { ReadStore, Store, WriteStore } from './store';

export interface ThrottleRule {
  /** failures within `windowMs` that lock the key */
  failures: number;
  windowMs: number;
  lockMs: number;
}

export interface ThrottleLimits {
  perUsername: ThrottleRule;
  perAddress: ThrottleRule;
}

/** UAA's lockout policy for user names (5 failures, 5 minutes), and a wider limit per address. */
export const DEFAULT_THROTTLE: ThrottleLimits = {
  perUsername: { failures: 5, windowMs: 20 * 60_000, lockMs: 5 * 60_000 },
  perAddress: { failures: 20, windowMs: 5 * 60_000, lockMs: 5 * 60_000 },
};

/** The failures of one kind of key (user name or address), kept in the store so that every replica counts them. */
class Counter {
  constructor(
    private readonly rule: ThrottleRule,
    private readonly prefix: string,
  ) {}

  private key(key: string) {
    return `${this.prefix}:${key}`;
  }

  /** ms until the key unlocks: locked when the last `failures` failures fell within the window, until `lockMs` after the last */
  async lockedFor(store: ReadStore, key: string, now: number): Promise<number> {
    const times = (await store.listLoginFailures(this.key(key), now - (this.rule.windowMs + this.rule.lockMs) + 1)).slice(-this.rule.failures);
    if (times.length < this.rule.failures) return 0;
    const first = times[0]!;
    const last = times[times.length - 1]!;
    if (last - first >= this.rule.windowMs) return 0;
    return Math.max(0, last + this.rule.lockMs - now);
  }

  add(tx: WriteStore, key: string, at: number): Promise<void> {
    return tx.addLoginFailure(this.key(key), at);
  }

  /** forgets one failure recorded at `at` */
  remove(tx: WriteStore, key: string, at: number): Promise<void> {
    return tx.deleteLoginFailures(this.key(key), at);
  }

  clear(tx: WriteStore, key: string): Promise<void> {
    return tx.deleteLoginFailures(this.key(key));
  }

  /** how long a failure matters */
  get keepMs() {
    return this.rule.windowMs + this.rule.lockMs;
  }
}

export interface Attempt {
  username: string;
  /** the client's network address, when known */
  address: string | null;
}

class Throttle {
  private readonly byUsername: Counter;
  private readonly byAddress: Counter;
  /** checks since the last pruning of old failures */
  private checks = 0;
  /** the last attempt in line per user name */
  private readonly queues = new Map<string, Promise<void>>();
  constructor(
    limits: ThrottleLimits,
    private readonly store: Store,
  ) {
    this.byUsername = new Counter(limits.perUsername, 'user');
    this.byAddress = new Counter(limits.perAddress, 'address');
  }

  /**
   * Runs password attempts on one user name one after another, so each sees the outcome of the previous ones:
   * parallel guesses cannot outrun the lock, and parallel logins of one user are not mistaken for guesses.
   */
  async inTurn<T>(username: string, work: () => Promise<T>): Promise<T> {
    const key = username.toLowerCase();
    const previous = this.queues.get(key) ?? Promise.resolve();
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => done);
    this.queues.set(key, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.queues.get(key) === tail) this.queues.delete(key);
    }
  }

  /**
   * Throws `auth.throttled` (with `retryAfterSeconds`) while either key is locked; otherwise counts the attempt as
   * a failure until `succeeded` says otherwise. Check and count are one transaction.
   */
  async begin(attempt: Attempt, now: number): Promise<void> {
    const name = attempt.username.toLowerCase();
    await this.store.transaction(async (tx) => {
      const wait = Math.max(await this.byUsername.lockedFor(tx, name, now), attempt.address ? await this.byAddress.lockedFor(tx, attempt.address, now) : 0);
      if (wait > 0) throw unauthenticated('auth.throttled', { retryAfterSeconds: Math.ceil(wait / 1000) });
      await this.byUsername.add(tx, name, now);
      if (attempt.address) await this.byAddress.add(tx, attempt.address, now);
      if (++this.checks >= 100) {
        this.checks = 0;
        await tx.deleteLoginFailuresBefore(now - Math.max(this.byUsername.keepMs, this.byAddress.keepMs));
      }
    });
  }

  /** A success forgives the user name's failures and takes back the attempt counted against the address. */
  async succeeded(attempt: Attempt, startedAt: number): Promise<void> {
    await this.store.transaction(async (tx) => {
      await this.byUsername.clear(tx, attempt.username.toLowerCase());
      if (attempt.address) await this.byAddress.remove(tx, attempt.address, startedAt);
    });
  }
}

const throttles = new WeakMap<Deps, Throttle>();

export function throttleOf(deps: Deps): Throttle {
  let t = throttles.get(deps);
  if (!t) {
    const custom = deps.settings.passwordThrottle;
    t = new Throttle(
      { perUsername: { ...DEFAULT_THROTTLE.perUsername, ...custom?.perUsername }, perAddress: { ...DEFAULT_THROTTLE.perAddress, ...custom?.perAddress } },
      deps.store,
    );
    throttles.set(deps, t);
  }
  return t;
}
