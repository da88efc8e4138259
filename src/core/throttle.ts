// Brute-force protection for password checks: failures are counted per user name and per client address, and a
// key that reaches its limit within the window is locked for a while. State lives in memory, per core.
import type { Deps } from './context';
import { unauthenticated } from './errors';

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

class Counter {
  /** failure times per key, oldest first */
  private readonly entries = new Map<string, number[]>();
  constructor(private readonly rule: ThrottleRule) {}

  /** ms until the key unlocks: locked when the last `failures` failures fell within the window, until `lockMs` after the last */
  lockedFor(key: string, now: number): number {
    const times = this.recent(key, now);
    if (times.length < this.rule.failures) return 0;
    const first = times[0]!;
    const last = times[times.length - 1]!;
    if (last - first >= this.rule.windowMs) return 0;
    return Math.max(0, last + this.rule.lockMs - now);
  }

  add(key: string, at: number): void {
    const times = this.recent(key, at);
    times.push(at);
    this.entries.set(key, times);
    if (this.entries.size > 10_000) this.prune(at);
  }

  /** forgets one failure recorded at `at` */
  remove(key: string, at: number): void {
    const times = this.entries.get(key);
    const i = times ? times.lastIndexOf(at) : -1;
    if (i >= 0) times!.splice(i, 1);
  }

  clear(key: string): void {
    this.entries.delete(key);
  }

  private recent(key: string, now: number): number[] {
    const keep = this.rule.windowMs + this.rule.lockMs;
    return (this.entries.get(key) ?? []).filter((t) => now - t < keep).slice(-this.rule.failures);
  }

  private prune(now: number) {
    for (const key of [...this.entries.keys()]) if (this.recent(key, now).length === 0) this.entries.delete(key);
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
  /** the last attempt in line per user name */
  private readonly queues = new Map<string, Promise<void>>();
  constructor(limits: ThrottleLimits) {
    this.byUsername = new Counter(limits.perUsername);
    this.byAddress = new Counter(limits.perAddress);
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
   * a failure until `succeeded` says otherwise.
   */
  begin(attempt: Attempt, now: number): void {
    const name = attempt.username.toLowerCase();
    const wait = Math.max(this.byUsername.lockedFor(name, now), attempt.address ? this.byAddress.lockedFor(attempt.address, now) : 0);
    if (wait > 0) throw unauthenticated('auth.throttled', { retryAfterSeconds: Math.ceil(wait / 1000) });
    this.byUsername.add(name, now);
    if (attempt.address) this.byAddress.add(attempt.address, now);
  }

  /** A success forgives the user name's failures and takes back the attempt counted against the address. */
  succeeded(attempt: Attempt, startedAt: number): void {
    this.byUsername.clear(attempt.username.toLowerCase());
    if (attempt.address) this.byAddress.remove(attempt.address, startedAt);
  }
}

const throttles = new WeakMap<Deps, Throttle>();

export function throttleOf(deps: Deps): Throttle {
  let t = throttles.get(deps);
  if (!t) {
    const custom = deps.settings.passwordThrottle;
    t = new Throttle({ perUsername: { ...DEFAULT_THROTTLE.perUsername, ...custom?.perUsername }, perAddress: { ...DEFAULT_THROTTLE.perAddress, ...custom?.perAddress } });
    throttles.set(deps, t);
  }
  return t;
}
