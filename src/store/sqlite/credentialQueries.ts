// Refresh tokens and opaque API tokens: rows keyed by guid, looked up by the digest of their secret.
import { eq, lte, sql } from 'drizzle-orm';
import type { ApiToken, RefreshToken, Session } from '../../core/records';
import type { ReadStore, WriteStore } from '../../core/store';
import { schema, type Db } from './db';

const { refreshTokens: r, apiTokens: a, sessions: se } = schema;

type CredentialRead = Pick<ReadStore, 'getRefreshTokenByDigest' | 'getRefreshToken' | 'getApiTokenByDigest' | 'getApiToken' | 'listApiTokens' | 'getSessionByDigest'>;
type CredentialWrite = Pick<
  WriteStore,
  | 'insertRefreshToken'
  | 'deleteRefreshToken'
  | 'deleteRefreshTokensOfUser'
  | 'insertApiToken'
  | 'deleteApiToken'
  | 'insertSession'
  | 'touchSession'
  | 'deleteSession'
  | 'deleteExpiredSessions'
>;

const toRefreshToken = (row: typeof r.$inferSelect): RefreshToken => ({
  guid: row.guid,
  digest: row.digest,
  userGuid: row.userGuid,
  clientId: row.clientId,
  scopes: JSON.parse(row.scopes) as string[],
  createdAt: row.createdAt,
  expiresAt: row.expiresAt,
});

const toApiToken = (row: typeof a.$inferSelect): ApiToken => ({
  guid: row.guid,
  digest: row.digest,
  userGuid: row.userGuid,
  createdAt: row.createdAt,
  expiresAt: row.expiresAt,
});

const toSession = (row: typeof se.$inferSelect): Session => ({
  guid: row.guid,
  digest: row.digest,
  userGuid: row.userGuid,
  createdAt: row.createdAt,
  lastUsedAt: row.lastUsedAt,
  expiresAt: row.expiresAt,
});

export function credentialQueries(db: Db): CredentialRead & CredentialWrite {
  const apiTokenByDigest = db
    .select()
    .from(a)
    .where(eq(a.digest, sql.placeholder('digest')))
    .prepare();
  const sessionByDigest = db
    .select()
    .from(se)
    .where(eq(se.digest, sql.placeholder('digest')))
    .prepare();
  const refreshByDigest = db
    .select()
    .from(r)
    .where(eq(r.digest, sql.placeholder('digest')))
    .prepare();
  return {
    async getRefreshTokenByDigest(digest) {
      const row = refreshByDigest.get({ digest });
      return row && toRefreshToken(row);
    },
    async getRefreshToken(guid) {
      const row = db.select().from(r).where(eq(r.guid, guid)).get();
      return row && toRefreshToken(row);
    },
    async insertRefreshToken(token) {
      db.insert(r)
        .values({ ...token, scopes: JSON.stringify(token.scopes) })
        .run();
    },
    async deleteRefreshToken(guid) {
      db.delete(r).where(eq(r.guid, guid)).run();
    },
    async deleteRefreshTokensOfUser(userGuid) {
      return db.delete(r).where(eq(r.userGuid, userGuid)).run().changes;
    },

    async getApiTokenByDigest(digest) {
      const row = apiTokenByDigest.get({ digest });
      return row && toApiToken(row);
    },
    async getApiToken(guid) {
      const row = db.select().from(a).where(eq(a.guid, guid)).get();
      return row && toApiToken(row);
    },
    async listApiTokens(userGuid) {
      return db.select().from(a).where(eq(a.userGuid, userGuid)).orderBy(a.id).all().map(toApiToken);
    },
    async insertApiToken(token) {
      db.insert(a).values(token).run();
    },
    async deleteApiToken(guid) {
      db.delete(a).where(eq(a.guid, guid)).run();
    },

    async getSessionByDigest(digest) {
      const row = sessionByDigest.get({ digest });
      return row && toSession(row);
    },
    async insertSession(session) {
      db.insert(se).values(session).run();
    },
    async touchSession(guid, lastUsedAt, expiresAt) {
      db.update(se).set({ lastUsedAt, expiresAt }).where(eq(se.guid, guid)).run();
    },
    async deleteSession(guid) {
      db.delete(se).where(eq(se.guid, guid)).run();
    },
    async deleteExpiredSessions(now) {
      return db.delete(se).where(lte(se.expiresAt, now)).run().changes;
    },
  };
}
