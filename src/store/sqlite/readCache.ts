// A read-through cache for the records nearly every request reads: the caller's user row and grants, and the
// organization, space and feature flags behind an instance. Exact, not time-based. Its rule:
//   1. A write invalidates what it changed: every write method that can change a cached answer drops it (before it
//      writes and again after), so the next read goes to the database.
//   2. Nothing uncommitted is ever served: an answer is kept only if it was read with no transaction open, no
//      transaction was open when it arrived, and no write happened in between. Reads inside a transaction (which
//      see its own uncommitted writes) go to the database and are never kept.
//   3. A rolled-back transaction leaves the cache answering as before: what it wrote was dropped, what it read was
//      not kept, so every later read gives the committed value.
//   4. Another process's commits are seen: before any cached answer is served, SQLite's `PRAGMA data_version` (which
//      changes when another connection commits to the file, not on this connection's own commits) is compared with
//      the value the cache was filled under; if it moved, everything cached is dropped. So a second process writing
//      the same file (`npm run import` beside `npm start`) never leaves a stale answer here.
// Cached records are frozen, so a caller cannot change them by accident.
import type Database from 'better-sqlite3';
import type { WriteStore } from '../../core/store';

const MAX_ENTRIES = 10_000;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

class Cache<V> {
  private readonly map = new Map<string, V>();
  get(key: string): V | undefined {
    return this.map.get(key);
  }
  set(key: string, value: V): void {
    if (this.map.size >= MAX_ENTRIES) this.map.delete(this.map.keys().next().value!);
    this.map.set(key, value);
  }
  delete(key: string): void {
    this.map.delete(key);
  }
  clear(): void {
    this.map.clear();
  }
}

type Cached = 'getUser' | 'getSpace' | 'getOrganization' | 'getFeatureFlag' | 'listUserGrants';

export function withReadCache<S extends WriteStore>(sqlite: Database.Database, store: S): S {
  type Row<K extends Cached> = NonNullable<Awaited<ReturnType<WriteStore[K]>>> | null;
  const users = new Cache<Row<'getUser'>>();
  const spaces = new Cache<Row<'getSpace'>>();
  const orgs = new Cache<Row<'getOrganization'>>();
  const flags = new Cache<Row<'getFeatureFlag'>>();
  const grants = new Cache<Awaited<ReturnType<WriteStore['listUserGrants']>>>();

  // rule 4: what the cache holds was read while the file was at this data version
  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
  let seenVersion = dataVersion.get() as number;
  const dropIfOthersWrote = () => {
    const now = dataVersion.get() as number;
    if (now === seenVersion) return;
    seenVersion = now;
    writes++;
    for (const cache of [users, spaces, orgs, flags, grants]) cache.clear();
  };

  /** bumped by every write: an answer read before a write and arriving after it is not kept (rule 2) */
  let writes = 0;
  /** Reads `read(key)` and hands its answer to `keep` only if it is committed data that no write has overtaken. */
  const readCommitted = async <V>(read: () => Promise<V>, keep: (value: V) => void): Promise<V> => {
    const clean = !sqlite.inTransaction;
    const seen = writes;
    const value = await read();
    if (clean && !sqlite.inTransaction && writes === seen) keep(value);
    return value;
  };

  /** Reads through `cache`. Absence is kept too (as null): a row only appears through a write method below. */
  const through =
    <V>(cache: Cache<V | null>, read: (key: string) => Promise<V | undefined>) =>
    async (key: string): Promise<V | undefined> => {
      dropIfOthersWrote();
      const hit = cache.get(key);
      if (hit !== undefined) return hit ?? undefined;
      return readCommitted(
        () => read(key),
        (value) => cache.set(key, value === undefined ? null : deepFreeze(value)),
      );
    };
  const after =
    <A extends unknown[]>(write: (...args: A) => Promise<unknown>, drop: (...args: A) => void) =>
    async (...args: A) => {
      writes++;
      drop(...args);
      try {
        return await write(...args);
      } finally {
        writes++;
        drop(...args);
      }
    };

  /** Like `after`, with what to drop worked out once, before the write (a deleted row cannot name its grantee after). */
  const afterFound =
    <A extends unknown[], K>(write: (...args: A) => Promise<unknown>, find: (...args: A) => K, drop: (key: K) => void) =>
    async (...args: A) => {
      const key = find(...args);
      writes++;
      drop(key);
      try {
        return await write(...args);
      } finally {
        writes++;
        drop(key);
      }
    };
  // whose grants a write can change: the user grantee of a role, of a share, or of any live share of a resource
  const roleGrantee = sqlite.prepare<[string], { grantee_type: string; grantee_guid: string }>('SELECT grantee_type, grantee_guid FROM share_roles WHERE guid = ?');
  const shareGrantee = sqlite.prepare<[string], { grantee_type: string; grantee_guid: string }>('SELECT grantee_type, grantee_guid FROM shares WHERE guid = ?');
  const resourceGrantees = sqlite
    .prepare<[string, string], string>("SELECT grantee_guid FROM shares WHERE resource_type = ? AND resource_guid = ? AND grantee_type = 'user' AND deleted_at IS NULL")
    .pluck();
  const userOf = (row: { grantee_type: string; grantee_guid: string } | undefined) => (row?.grantee_type === 'user' ? [row.grantee_guid] : []);
  const dropGrants = (users: string[]) => {
    for (const u of users) grants.delete(u);
  };

  const s = store as WriteStore;
  const cached: Pick<WriteStore, Cached> = {
    getUser: through(users, (guid) => s.getUser(guid)),
    getSpace: through(spaces, (guid) => s.getSpace(guid)),
    getOrganization: through(orgs, (guid) => s.getOrganization(guid)),
    getFeatureFlag: through(flags, (name) => s.getFeatureFlag(name)),
    // the kept answer itself (frozen): the same array for as long as the user's grants are unchanged, so that what
    // a caller derives from it can be kept by identity
    async listUserGrants(user) {
      dropIfOthersWrote();
      const hit = grants.get(user);
      if (hit) return hit;
      return readCommitted(
        () => s.listUserGrants(user),
        (v) => grants.set(user, deepFreeze(v)),
      );
    },
  };
  return {
    ...store,
    ...cached,
    insertUser: after(s.insertUser, (u) => users.delete(u.guid)),
    updateUser: after(s.updateUser, (u) => users.delete(u.guid)),
    deleteUser: after(s.deleteUser, (guid) => {
      users.delete(guid);
      grants.delete(guid);
    }),
    insertOrganization: after(s.insertOrganization, (o) => orgs.delete(o.guid)),
    updateOrganization: after(s.updateOrganization, (o) => orgs.delete(o.guid)),
    // organization and space writes change the grants of the users holding roles there (space grants name their
    // organization); shares and roles change their own grantee's
    deleteOrganization: afterFound(
      s.deleteOrganization,
      (guid) => ({ guid, users: resourceGrantees.all('organization', guid) }),
      ({ guid, users }) => {
        orgs.delete(guid);
        dropGrants(users);
      },
    ),
    insertSpace: afterFound(
      s.insertSpace,
      (sp) => ({ guid: sp.guid, users: resourceGrantees.all('space', sp.guid) }),
      ({ guid, users }) => {
        spaces.delete(guid);
        dropGrants(users);
      },
    ),
    updateSpace: afterFound(
      s.updateSpace,
      (sp) => ({ guid: sp.guid, users: resourceGrantees.all('space', sp.guid) }),
      ({ guid, users }) => {
        spaces.delete(guid);
        dropGrants(users);
      },
    ),
    deleteSpace: afterFound(
      s.deleteSpace,
      (guid) => ({ guid, users: resourceGrantees.all('space', guid) }),
      ({ guid, users }) => {
        spaces.delete(guid);
        dropGrants(users);
      },
    ),
    upsertFeatureFlag: after(s.upsertFeatureFlag, (f) => flags.delete(f.name)),
    insertShare: after(s.insertShare, (share) => share.granteeType === 'user' && grants.delete(share.granteeGuid)),
    updateShare: after(s.updateShare, (share) => share.granteeType === 'user' && grants.delete(share.granteeGuid)),
    insertShareRole: afterFound(s.insertShareRole, (role) => userOf(shareGrantee.get(role.shareGuid)), dropGrants),
    deleteShareRole: afterFound(s.deleteShareRole, (guid) => userOf(roleGrantee.get(guid)), dropGrants),
  };
}
