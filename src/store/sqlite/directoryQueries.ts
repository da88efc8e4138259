import { and, eq, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { ReadStore, TextCondition, WriteStore } from '../../core/store';
import type { SqlDialect } from '../sqlDialect';
import { pageOfTable, type QueryContext } from './db';
import { commonConditions, first, run, where } from './filters';
import { fromOrganization, fromSpace, fromUser, toFeatureFlag, toOrganization, toSpace, toUser } from './rows';

/** A name condition compared case-insensitively, as Cloud Controller's case-insensitive name columns compare. */
export function nameCondition(d: SqlDialect, column: SQLWrapper, c: TextCondition): SQL {
  if (c.op === 'eq') return d.inListNoCase(column, c.values);
  return d.compareNoCase(column, c.op, c.values[0] ?? '');
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

export function directoryQueries({ db, t, d }: QueryContext): DirectoryRead & DirectoryWrite {
  const { organizations: o, spaces: s, users: u, featureFlags: f, secrets } = t;
  const inList = d.inList;
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
  const spacesByGuids = db.select().from(s).where(d.inPlaceholder(s.guid, 'guids')).orderBy(s.id).prepare();

  return {
    async getOrganization(guid) {
      const r = await first(orgByGuid.execute({ guid }));
      return r && toOrganization(r);
    },
    async getOrganizationByName(name) {
      const r = await first(db.select().from(o).where(eq(o.name, name)));
      return r && toOrganization(r);
    },
    async listOrganizations(filter, page) {
      const cond = where([
        ...commonConditions(d, o, filter),
        filter.names ? inList(o.name, filter.names) : undefined,
        ...(filter.nameConditions ?? []).map((c) => nameCondition(d, o.name, c)),
        filter.visibleGuids ? inList(o.guid, filter.visibleGuids) : undefined,
      ]);
      return pageOfTable(db, o, cond, page, toOrganization);
    },
    async insertOrganization(org) {
      await db.insert(o).values(fromOrganization(org));
    },
    async updateOrganization(org) {
      await db.update(o).set(fromOrganization(org)).where(eq(o.guid, org.guid));
    },
    async deleteOrganization(guid) {
      await db.delete(o).where(eq(o.guid, guid));
    },

    async getSpace(guid) {
      const r = await first(spaceByGuid.execute({ guid }));
      return r && toSpace(r);
    },
    async getSpaces(guids) {
      if (guids.length === 0) return [];
      return (await run(spacesByGuids.execute({ guids: d.listParam(guids) }))).map(toSpace);
    },
    async getSpaceByName(organizationGuid, name) {
      const r = await first(
        db
          .select()
          .from(s)
          .where(and(eq(s.organizationGuid, organizationGuid), eq(s.name, name))),
      );
      return r && toSpace(r);
    },
    async listSpaces(filter, page) {
      const v = filter.visible;
      const cond = where([
        ...commonConditions(d, s, filter),
        filter.names ? inList(s.name, filter.names) : undefined,
        ...(filter.nameConditions ?? []).map((c) => nameCondition(d, s.name, c)),
        filter.organizationGuids ? inList(s.organizationGuid, filter.organizationGuids) : undefined,
        v ? sql`(${inList(s.guid, v.spaceGuids)} OR ${inList(s.organizationGuid, v.organizationGuids)})` : undefined,
      ]);
      return pageOfTable(db, s, cond, page, toSpace);
    },
    async spaceGuidsOfOrganizations(orgGuids) {
      const rows = await db.select({ guid: s.guid }).from(s).where(inList(s.organizationGuid, orgGuids));
      return rows.map((r) => r.guid);
    },
    async insertSpace(space) {
      await db.insert(s).values(fromSpace(space));
    },
    async updateSpace(space) {
      await db.update(s).set(fromSpace(space)).where(eq(s.guid, space.guid));
    },
    async deleteSpace(guid) {
      await db.delete(s).where(eq(s.guid, guid));
    },

    async getUser(guid) {
      const r = await first(userByGuid.execute({ guid }));
      return r && toUser(r);
    },
    async findUsersByUsername(username, origin) {
      return (await (origin === undefined ? usersByName.execute({ username }) : usersByNameAndOrigin.execute({ username, origin }))).map(toUser);
    },
    async listUsers(filter, page) {
      const cond = where([
        ...commonConditions(d, u, filter),
        filter.usernames ? inList(u.username, filter.usernames) : undefined,
        filter.partialUsernames
          ? sql`(${sql.join(
              filter.partialUsernames.map((p) => d.contains(u.username, p)),
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
      await db.insert(u).values(fromUser(user));
    },
    async updateUser(user) {
      await db.update(u).set(fromUser(user)).where(eq(u.guid, user.guid));
    },
    async deleteUser(guid) {
      await db.delete(u).where(eq(u.guid, guid));
    },

    async getFeatureFlag(name) {
      const r = await first(db.select().from(f).where(eq(f.name, name)));
      return r && toFeatureFlag(r);
    },
    async listFeatureFlags() {
      return (await db.select().from(f)).map(toFeatureFlag);
    },
    async upsertFeatureFlag(flag) {
      await db
        .insert(f)
        .values({ ...flag, updatedAt: flag.updatedAt ?? 0 })
        .onConflictDoUpdate({ target: f.name, set: { enabled: flag.enabled, customErrorMessage: flag.customErrorMessage, updatedAt: flag.updatedAt ?? 0 } });
    },

    async getSecret(name) {
      return (await first(db.select().from(secrets).where(eq(secrets.name, name))))?.value;
    },
    async putSecret(name, value, now) {
      await db.insert(secrets).values({ name, value, createdAt: now }).onConflictDoUpdate({ target: secrets.name, set: { value } });
    },
  };
}
