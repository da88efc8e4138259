// Bulk seeding of a fresh gateway database: one transaction, prepared statements, rows built in memory.
// The data set: organizations of ten spaces each, users with org and space roles, managed service instances spread
// over the spaces, instances shared into other spaces and with users, and an audit event per instance.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { guidForUsername } from '../src/identity/mintToken';
import { openSqliteStore } from '../src/store/sqliteStore';

/** The default catalog's shareable plan (postgres small). */
export const SHAREABLE_PLAN = '2a8b4c6d-7e9f-4a1b-9c3d-5e7f9a1b3c5d';
export const SPACES_PER_ORG = 10;

export interface DatasetSpec {
  instances: number;
  /** instance -> space shares (at most one per instance) */
  instanceShares: number;
  /** instance -> user shares (role `manage`) */
  userShares: number;
  users: number;
  /** spaces; organizations hold SPACES_PER_ORG each */
  spaces: number;
  /** one audit event per instance */
  events: boolean;
  /** connections of the write scenarios: one dedicated instance and one dedicated grantee each */
  writers: number;
}

/** What the load scenarios need to know about the seeded data. */
export interface Fixture {
  adminName: string;
  devName: string;
  /** the spaces of the first organization, where the bench user is developer and manager */
  devSpaces: string[];
  /** instances owned by a dev space (the bench user reads them through its space roles) */
  devInstances: string[];
  /** dev instances that are shared into at least one other space */
  sharedDevInstances: string[];
  /** per writer connection: an unshared instance in the first dev space */
  writerInstances: string[];
  /** per writer connection: a grantee with a viewer (auditor) role in devSpaces[i % devSpaces.length] */
  writerGrantees: string[];
  counts: Record<string, number>;
  seedMs: number;
}

export const ADMIN_NAME = 'bench-admin';

/** Inserts a role row; a role carries its share's resource and grantee where the schema has them (as the store writes it). */
function roleInserter(db: ReturnType<typeof openSqliteStore>['sqlite']) {
  const columns = new Set((db.prepare('PRAGMA table_info(share_roles)').all() as { name: string }[]).map((c) => c.name));
  if (!columns.has('grantee_guid')) {
    const plain = db.prepare('INSERT INTO share_roles (guid, share_guid, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
    return { run: (...a: unknown[]) => plain.run(...a.slice(0, 5)) };
  }
  return db.prepare(
    'INSERT INTO share_roles (guid, share_guid, role, created_at, updated_at, resource_type, resource_guid, grantee_type, grantee_guid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
}
export const DEV_NAME = 'bench-dev';

/** A fresh file, migrated: no rollback journal and no syncs while seeding (WAL again afterwards, as the gateway expects). */
function openForSeeding(file: string) {
  const db = openSqliteStore(file).sqlite;
  db.pragma('foreign_keys = OFF');
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  return db;
}

/** The prepared inserts both seeders write the directory with. */
function directoryInserters(db: ReturnType<typeof openSqliteStore>['sqlite']) {
  return {
    insOrg: db.prepare('INSERT INTO organizations (guid, name, created_at, updated_at) VALUES (?, ?, ?, ?)'),
    insSpace: db.prepare('INSERT INTO spaces (guid, organization_guid, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)'),
    insUser: db.prepare("INSERT INTO users (guid, username, origin, email, created_at, updated_at) VALUES (?, ?, 'uaa', NULL, ?, ?)"),
    insShare: db.prepare('INSERT INTO shares (guid, resource_type, resource_guid, grantee_type, grantee_guid, revision, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?)'),
    insRole: roleInserter(db),
  };
}

export function seedDatabase(file: string, spec: DatasetSpec): Fixture {
  const started = performance.now();
  const db = openForSeeding(file);
  db.pragma('cache_size = -524288');
  const now = Date.now();
  const t0 = now - 400 * 86_400_000;
  const at = (i: number, n: number) => t0 + Math.floor((i / Math.max(1, n)) * 399 * 86_400_000);

  const { insOrg, insSpace, insUser, insShare, insRole } = directoryInserters(db);
  const insInstance = db.prepare(
    `INSERT INTO service_instances (guid, space_guid, name, type, service_plan_guid, owner_guid, tags, last_operation_type,
       last_operation_state, last_operation_description, last_operation_created_at, last_operation_updated_at, created_at, updated_at)
     VALUES (?, ?, ?, 'managed', ?, ?, ?, 'create', 'succeeded', NULL, ?, ?, ?, ?)`,
  );
  const insEvent = db.prepare(
    `INSERT INTO events (guid, type, actor_guid, actor_type, actor_name, target_guid, target_type, target_name, data, space_guid,
       organization_guid, created_at, updated_at) VALUES (?, 'audit.service_instance.create', ?, 'user', ?, ?, 'service_instance', ?, '{}', ?, ?, ?, ?)`,
  );

  const counts: Record<string, number> = { organizations: 0, spaces: 0, users: 0, roles: 0, instances: 0, instanceShares: 0, userShares: 0, events: 0 };
  const grant = (resourceType: string, resourceGuid: string, granteeType: string, granteeGuid: string, roles: string[], time: number) => {
    const guid = randomUUID();
    insShare.run(guid, resourceType, resourceGuid, granteeType, granteeGuid, time, time);
    for (const role of roles) {
      insRole.run(randomUUID(), guid, role, time, time, resourceType, resourceGuid, granteeType, granteeGuid);
      counts.roles!++;
    }
  };

  // Secondary indexes are dropped for the load and rebuilt from sorted data afterwards: about twice as fast.
  const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all() as { name: string; sql: string }[];
  for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);

  const fixture = db.transaction((): Omit<Fixture, 'counts' | 'seedMs'> => {
    const spaceCount = Math.max(SPACES_PER_ORG, Math.ceil(spec.spaces / SPACES_PER_ORG) * SPACES_PER_ORG);
    const orgCount = spaceCount / SPACES_PER_ORG;
    const orgs: string[] = [];
    for (let o = 0; o < orgCount; o++) {
      const guid = randomUUID();
      insOrg.run(guid, `org-${o}`, at(o, orgCount), at(o, orgCount));
      orgs.push(guid);
    }
    const spaces: string[] = [];
    const spaceOrg: number[] = [];
    for (let s = 0; s < spaceCount; s++) {
      const guid = randomUUID();
      const o = Math.floor(s / SPACES_PER_ORG);
      insSpace.run(guid, orgs[o], `space-${s}`, at(s, spaceCount), at(s, spaceCount));
      spaces.push(guid);
      spaceOrg.push(o);
    }
    counts.organizations = orgCount;
    counts.spaces = spaceCount;

    // Ordinary users: org user of one organization, developer in one of its spaces.
    const users: string[] = [];
    for (let u = 0; u < spec.users; u++) {
      const name = `user-${u}`;
      const guid = guidForUsername(name);
      const time = at(u, spec.users);
      insUser.run(guid, name, time, time);
      users.push(guid);
      const s = (u * 7) % spaceCount;
      grant('organization', orgs[spaceOrg[s]!]!, 'user', guid, ['user'], time);
      grant('space', spaces[s]!, 'user', guid, [u % 3 === 0 ? 'manager' : u % 3 === 1 ? 'developer' : 'auditor'], time);
    }

    // The bench's own accounts.
    const addUser = (name: string) => {
      const guid = guidForUsername(name);
      insUser.run(guid, name, now, now);
      return guid;
    };
    addUser(ADMIN_NAME);
    const dev = addUser(DEV_NAME);
    const devSpaces = spaces.slice(0, SPACES_PER_ORG);
    grant('organization', orgs[0]!, 'user', dev, ['user'], now);
    for (const s of devSpaces) grant('space', s, 'user', dev, ['developer', 'manager'], now);
    const writerGrantees: string[] = [];
    for (let w = 0; w < spec.writers; w++) {
      const guid = addUser(`bench-grantee-${w}`);
      grant('organization', orgs[0]!, 'user', guid, ['user'], now);
      grant('space', devSpaces[w % devSpaces.length]!, 'user', guid, ['auditor'], now);
      writerGrantees.push(guid);
    }
    counts.users = spec.users + 2 + spec.writers;

    // Instances, round-robin over the spaces, owned by a user of the space's org.
    const instances: string[] = new Array(spec.instances);
    const devInstances: string[] = [];
    const sharedDevInstances: string[] = [];
    const shareEvery = spec.instanceShares > 0 ? spec.instances / Math.min(spec.instanceShares, spec.instances) : Infinity;
    let nextShare = 0;
    for (let i = 0; i < spec.instances; i++) {
      const guid = randomUUID();
      const s = i % spaceCount;
      const time = at(i, spec.instances);
      const owner = users.length ? users[i % users.length]! : dev;
      insInstance.run(guid, spaces[s], `si-${i}`, SHAREABLE_PLAN, owner, i % 2 ? '["sql"]' : '[]', time, time, time, time);
      instances[i] = guid;
      if (spec.events) {
        insEvent.run(randomUUID(), owner, `user-${i % Math.max(1, users.length)}`, guid, `si-${i}`, spaces[s], orgs[spaceOrg[s]!], time, time);
        counts.events!++;
      }
      const isDev = s < SPACES_PER_ORG;
      if (isDev) devInstances.push(guid);
      if (i >= nextShare && counts.instanceShares! < spec.instanceShares) {
        // into another space: mostly of the same organization, every fourth one across organizations
        const target = i % 4 === 3 ? (s + SPACES_PER_ORG * (1 + (i % 7))) % spaceCount : spaceOrg[s]! * SPACES_PER_ORG + (((s % SPACES_PER_ORG) + 1 + (i % 3)) % SPACES_PER_ORG);
        if (target !== s) {
          grant('service_instance', guid, 'space', spaces[target]!, [], time);
          counts.instanceShares!++;
          if (isDev) sharedDevInstances.push(guid);
        }
        nextShare += shareEvery;
      }
    }
    counts.instances = spec.instances;
    for (let k = 0; k < spec.userShares && users.length > 0 && spec.instances > 0; k++) {
      const i = (k * 13) % spec.instances;
      grant('service_instance', instances[i]!, 'user', users[(i + 1) % users.length]!, ['manage'], at(i, spec.instances));
      counts.userShares!++;
    }

    // One unshared instance per writer connection, in the first dev space, for share/unshare.
    const writerInstances: string[] = [];
    for (let w = 0; w < spec.writers; w++) {
      const guid = randomUUID();
      insInstance.run(guid, devSpaces[0], `bench-share-${w}`, SHAREABLE_PLAN, dev, '[]', now, now, now, now);
      writerInstances.push(guid);
    }
    return { adminName: ADMIN_NAME, devName: DEV_NAME, devSpaces, devInstances, sharedDevInstances, writerInstances, writerGrantees };
  })();

  for (const index of indexes) db.exec(index.sql);
  db.pragma('journal_mode = WAL');
  db.close();
  // write the file out now, so that the kernel's write-back does not compete with the measurements that follow
  const fd = fs.openSync(file, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  return { ...fixture, counts, seedMs: Math.round(performance.now() - started) };
}

/** Cloud Controller's performance suite shape for GET /v3/roles (cf-performance-tests). */
export interface RolesSpec {
  organizations: number;
  /** organizations (the first ones) in which the user holds the four org roles */
  orgRoles: number;
  /** spaces (those of the first organizations) in which the user holds the four space roles */
  spaceRoles: number;
}

export const ROLES_USER = 'bench-roles-user';

/** Organizations of one space each and one user holding every org role in some and every space role in others. */
export function seedRolesDatabase(file: string, spec: RolesSpec): { counts: Record<string, number>; seedMs: number } {
  const started = performance.now();
  const db = openForSeeding(file);
  const now = Date.now();
  const t0 = now - 400 * 86_400_000;
  const at = (i: number) => t0 + Math.floor((i / spec.organizations) * 399 * 86_400_000);
  const { insOrg, insSpace, insUser, insShare, insRole } = directoryInserters(db);
  const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all() as { name: string; sql: string }[];
  for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
  const counts = { organizations: 0, spaces: 0, users: 0, roles: 0 };
  db.transaction(() => {
    const user = guidForUsername(ROLES_USER);
    insUser.run(user, ROLES_USER, now, now);
    insUser.run(guidForUsername(ADMIN_NAME), ADMIN_NAME, now, now);
    counts.users = 2;
    const grant = (resourceType: string, resourceGuid: string, roles: readonly string[], time: number) => {
      const share = randomUUID();
      insShare.run(share, resourceType, resourceGuid, 'user', user, time, time);
      for (const role of roles) insRole.run(randomUUID(), share, role, time, time, resourceType, resourceGuid, 'user', user);
      counts.roles += roles.length;
    };
    for (let o = 0; o < spec.organizations; o++) {
      const org = randomUUID();
      const space = randomUUID();
      insOrg.run(org, `org-${o}`, at(o), at(o));
      insSpace.run(space, org, `space-${o}`, at(o), at(o));
      if (o < spec.orgRoles) grant('organization', org, ['user', 'manager', 'auditor', 'billing_manager'], at(o));
      if (o < spec.spaceRoles) grant('space', space, ['manager', 'developer', 'auditor', 'supporter'], at(o));
    }
    counts.organizations = spec.organizations;
    counts.spaces = spec.organizations;
  })();
  for (const index of indexes) db.exec(index.sql);
  db.pragma('journal_mode = WAL');
  db.close();
  const fd = fs.openSync(file, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  return { counts, seedMs: Math.round(performance.now() - started) };
}
