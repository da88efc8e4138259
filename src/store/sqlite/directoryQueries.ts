import { and, eq, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { ReadStore, TextCondition, WriteStore } from '../../core/store';
import { pageOfTable, schema, type Db } from './db';
import { commonConditions, inList, where } from './filters';
import { fromOrganization, fromSpace, fromUser, toFeatureFlag, toOrganization, toSpace, toUser } from './rows';

const { organizations: o, spaces: s, users: u, featureFlags: f, secrets } = schema;

const COMPARE = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

/** A name condition compared case-insensitively, as Cloud Controller's case-insensitive name columns compare. */
function nameCondition(column: SQLWrapper, c: TextCondition): SQL {
  if (c.op === 'eq') return sql`${column} COLLATE NOCASE IN (SELECT value FROM json_each(${JSON.stringify(c.values)}))`;
  return sql`${column} COLLATE NOCASE ${sql.raw(COMPARE[c.op])} ${c.values[0] ?? ''}`;
}

type DirectoryRead = Pick<
  ReadStore,
  | 'getOrganization'
  | 'getOrganizationByName'
  | 'listOrganizations'
  | 'getSpace'
  | 'getSpaces'
  | 'getSpaceByName'
  | 'listSpaces'
  | 'spaceGuidsOfOrganizations'
  | 'getUser'
  | 'findUsersByUsername'
  | 'listUsers'
  | 'getFeatureFlag'
  | 'listFeatureFlags'
  | 'getSecret'
>;
type DirectoryWrite = Pick<
  WriteStore,
  | 'insertOrganization'
  | 'updateOrganization'
  | 'deleteOrganization'
  | 'insertSpace'
  | 'updateSpace'
  | 'deleteSpace'
  | 'insertUser'
  | 'updateUser'
  | 'deleteUser'
  | 'upsertFeatureFlag'
  | 'putSecret'
>;

export function directoryQueries(db: Db): DirectoryRead & DirectoryWrite {
  const orgByGuid = db
    .select()
    .from(o)
    .where(eq(o.guid, sql.placeholder('guid')))
    .prepare();
  const usersByName = db
    .select()
    .from(u)
    .where(eq(u.username, sql.placeholder('username')))
    .orderBy(u.id)
    .prepare();
  const usersByNameAndOrigin = db
    .select()
    .from(u)
    .where(and(eq(u.username, sql.placeholder('username')), eq(u.origin, sql.placeholder('origin'))))
    .orderBy(u.id)
    .prepare();
  const spaceByGuid = db
    .select()
    .from(s)
    .where(eq(s.guid, sql.placeholder('guid')))
    .prepare();
  const userByGuid = db
    .select()
    .from(u)
    .where(eq(u.guid, sql.placeholder('guid')))
    .prepare();
  const spacesByGuids = db
    .select()
    .from(s)
    .where(sql`${s.guid} IN (SELECT value FROM json_each(${sql.placeholder('guids')}))`)
    .orderBy(s.id)
    .prepare();

  return {
    async getOrganization(guid) {
      const r = orgByGuid.get({ guid });
      return r && toOrganization(r);
    },
    async getOrganizationByName(name) {
      const r = db.select().from(o).where(eq(o.name, name)).get();
      return r && toOrganization(r);
    },
    async listOrganizations(filter, page) {
      const cond = where([
        ...commonConditions(o, filter),
        filter.names ? inList(o.name, filter.names) : undefined,
        ...(filter.nameConditions ?? []).map((c) => nameCondition(o.name, c)),
        filter.visibleGuids ? inList(o.guid, filter.visibleGuids) : undefined,
      ]);
      return pageOfTable(db, o, cond, page, toOrganization);
    },
    async insertOrganization(org) {
      db.insert(o).values(fromOrganization(org)).run();
    },
    async updateOrganization(org) {
      db.update(o).set(fromOrganization(org)).where(eq(o.guid, org.guid)).run();
    },
    async deleteOrganization(guid) {
      db.delete(o).where(eq(o.guid, guid)).run();
    },

    async getSpace(guid) {
      const r = spaceByGuid.get({ guid });
      return r && toSpace(r);
    },
    async getSpaces(guids) {
      if (guids.length === 0) return [];
      return spacesByGuids.all({ guids: JSON.stringify(guids) }).map(toSpace);
    },
    async getSpaceByName(organizationGuid, name) {
      const r = db
        .select()
        .from(s)
        .where(and(eq(s.organizationGuid, organizationGuid), eq(s.name, name)))
        .get();
      return r && toSpace(r);
    },
    async listSpaces(filter, page) {
      const v = filter.visible;
      const cond = where([
        ...commonConditions(s, filter),
        filter.names ? inList(s.name, filter.names) : undefined,
        ...(filter.nameConditions ?? []).map((c) => nameCondition(s.name, c)),
        filter.organizationGuids ? inList(s.organizationGuid, filter.organizationGuids) : undefined,
        v ? sql`(${inList(s.guid, v.spaceGuids)} OR ${inList(s.organizationGuid, v.organizationGuids)})` : undefined,
      ]);
      return pageOfTable(db, s, cond, page, toSpace);
    },
    async spaceGuidsOfOrganizations(orgGuids) {
      return db
        .select({ guid: s.guid })
        .from(s)
        .where(inList(s.organizationGuid, orgGuids))
        .all()
        .map((r) => r.guid);
    },
    async insertSpace(space) {
      db.insert(s).values(fromSpace(space)).run();
    },
    async updateSpace(space) {
      db.update(s).set(fromSpace(space)).where(eq(s.guid, space.guid)).run();
    },
    async deleteSpace(guid) {
      db.delete(s).where(eq(s.guid, guid)).run();
    },

    async getUser(guid) {
      const r = userByGuid.get({ guid });
      return r && toUser(r);
    },
    async findUsersByUsername(username, origin) {
      return (origin === undefined ? usersByName.all({ username }) : usersByNameAndOrigin.all({ username, origin })).map(toUser);
    },
    async listUsers(filter, page) {
      const cond = where([
        ...commonConditions(u, filter),
        filter.usernames ? inList(u.username, filter.usernames) : undefined,
        filter.partialUsernames
          ? sql`(${sql.join(
              filter.partialUsernames.map((p) => sql`instr(${u.username}, ${p}) > 0`),
              sql` OR `,
            )})`
          : undefined,
        filter.origins ? inList(u.origin, filter.origins) : undefined,
        filter.visibleGuids ? inList(u.guid, filter.visibleGuids) : undefined,
        filter.cfUsersOnly ? eq(u.cfUser, true) : undefined,
      ]);
      return pageOfTable(db, u, cond, page, toUser);
    },
    async insertUser(user) {
      db.insert(u).values(fromUser(user)).run();
    },
    async updateUser(user) {
      db.update(u).set(fromUser(user)).where(eq(u.guid, user.guid)).run();
    },
    async deleteUser(guid) {
      db.delete(u).where(eq(u.guid, guid)).run();
    },

    async getFeatureFlag(name) {
      const r = db.select().from(f).where(eq(f.name, name)).get();
      return r && toFeatureFlag(r);
    },
    async listFeatureFlags() {
      return db.select().from(f).all().map(toFeatureFlag);
    },
    async upsertFeatureFlag(flag) {
      db.insert(f)
        .values({ ...flag, updatedAt: flag.updatedAt ?? 0 })
        .onConflictDoUpdate({ target: f.name, set: { enabled: flag.enabled, customErrorMessage: flag.customErrorMessage, updatedAt: flag.updatedAt ?? 0 } })
        .run();
    },

    async getSecret(name) {
      return db.select().from(secrets).where(eq(secrets.name, name)).get()?.value;
    },
    async putSecret(name, value, now) {
      db.insert(secrets).values({ name, value, createdAt: now }).onConflictDoUpdate({ target: secrets.name, set: { value } }).run();
    },
  };
}
