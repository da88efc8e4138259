// Refresh tokens and opaque API tokens: rows keyed by guid, looked up by the digest of their secret.
import { eq, lte, sql } from 'drizzle-orm';
import type { ApiToken, RefreshToken, Session } from '../../core/records';
import type { ReadStore, WriteStore } from '../../core/store';
import type { QueryContext, Schema } from './db';
import { first } from './filters';

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

const toRefreshToken = (row: Schema['refreshTokens']['$inferSelect']): RefreshToken => ({
  guid: row.guid,
  digest: row.digest,
  userGuid: row.userGuid,
  clientId: row.clientId,
  scopes: JSON.parse(row.scopes) as string[],
  createdAt: row.createdAt,
  expiresAt: row.expiresAt,
});

const toApiToken = (row: Schema['apiTokens']['$inferSelect']): ApiToken => ({
  guid: row.guid,
  digest: row.digest,
  userGuid: row.userGuid,
  createdAt: row.createdAt,
  expiresAt: row.expiresAt,
});

const toSession = (row: Schema['sessions']['$inferSelect']): Session => ({
  guid: row.guid,
  digest: row.digest,
  userGuid: row.userGuid,
  createdAt: row.createdAt,
  lastUsedAt: row.lastUsedAt,
  expiresAt: row.expiresAt,
});

export function credentialQueries({ db, t }: QueryContext): CredentialRead & CredentialWrite {
  const { refreshTokens: r, apiTokens: a, sessions: se } = t;
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
      const row = await first(refreshByDigest.execute({ digest }));
      return row && toRefreshToken(row);
    },
    async getRefreshToken(guid) {
      const row = await first(db.select().from(r).where(eq(r.guid, guid)));
      return row && toRefreshToken(row);
    },
    async insertRefreshToken(token) {
      await db.insert(r).values({ ...token, scopes: JSON.stringify(token.scopes) });
    },
    async deleteRefreshToken(guid) {
      await db.delete(r).where(eq(r.guid, guid));
    },
    async deleteRefreshTokensOfUser(userGuid) {
      return (await db.delete(r).where(eq(r.userGuid, userGuid)).returning({ id: r.id })).length;
    },

    async getApiTokenByDigest(digest) {
      const row = await first(apiTokenByDigest.execute({ digest }));
      return row && toApiToken(row);
    },
    async getApiToken(guid) {
      const row = await first(db.select().from(a).where(eq(a.guid, guid)));
      return row && toApiToken(row);
    },
    async listApiTokens(userGuid) {
      return (await db.select().from(a).where(eq(a.userGuid, userGuid)).orderBy(a.id)).map(toApiToken);
    },
    async insertApiToken(token) {
      await db.insert(a).values(token);
    },
    async deleteApiToken(guid) {
      await db.delete(a).where(eq(a.guid, guid));
    },

    async getSessionByDigest(digest) {
      const row = await first(sessionByDigest.execute({ digest }));
      return row && toSession(row);
    },
    async insertSession(session) {
      await db.insert(se).values(session);
    },
    async touchSession(guid, lastUsedAt, expiresAt) {
      await db.update(se).set({ lastUsedAt, expiresAt }).where(eq(se.guid, guid));
    },
    async deleteSession(guid) {
      await db.delete(se).where(eq(se.guid, guid));
    },
    async deleteExpiredSessions(now) {
      return (await db.delete(se).where(lte(se.expiresAt, now)).returning({ id: se.id })).length;
    },
  };
}
