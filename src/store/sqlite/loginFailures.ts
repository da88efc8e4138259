// Failed password checks for the brute-force limits. A SQLite database belongs to one process, so they are kept in
// that process's memory (the PostgreSQL store keeps them in a table that every replica shares).
import type { ReadStore, WriteStore } from '../../core/store';

type LoginFailureMethods = Pick<ReadStore, 'listLoginFailures'> & Pick<WriteStore, 'addLoginFailure' | 'deleteLoginFailures' | 'deleteLoginFailuresBefore'>;

export function loginFailures(): LoginFailureMethods {
  /** failure times per key, oldest first */
  const entries = new Map<string, number[]>();
  return {
    async listLoginFailures(key, since) {
      return (entries.get(key) ?? []).filter((at) => at >= since);
    },
    async addLoginFailure(key, at) {
      const times = entries.get(key) ?? [];
      times.push(at);
      entries.set(key, times);
    },
    async deleteLoginFailures(key, at) {
      if (at === undefined) {
        entries.delete(key);
        return;
      }
      const times = entries.get(key);
      const i = times ? times.lastIndexOf(at) : -1;
      if (i >= 0) times!.splice(i, 1);
    },
    async deleteLoginFailuresBefore(before) {
      let n = 0;
      for (const [key, times] of entries) {
        const kept = times.filter((at) => at >= before);
        n += times.length - kept.length;
        if (kept.length === 0) entries.delete(key);
        else entries.set(key, kept);
      }
      return n;
    },
  };
}
