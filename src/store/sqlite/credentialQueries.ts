// Refresh tokens and opaque API tokens: rows keyed by guid, looked up by the digest of their secret.
import { eq, sql } from 'drizzle-orm';
import type { ApiToken, RefreshToken } from '../../core/records';
import type { ReadStore, WriteStore } from '../../core/store';
import { schema, type Db } from './db';

const { refreshTokens: r, apiTokens: a } = schema;

type CredentialRead = Pick<ReadStore, 'getRefreshTokenByDigest' | 'getRefreshToken' | 'getApiTokenByDigest' | 'getApiToken' | 'listApiTokens'>;
type CredentialWrite = Pick<WriteStore,
  'insertRefreshToken' | 'deleteRefreshToken' | 'deleteRefreshTokensOfUser' | 'insertApiToken' | 'deleteApiToken'>;

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

export function credentialQueries(db: Db): CredentialRead & CredentialWrite {
  const apiTokenByDigest = db.select().from(a).where(eq(a.digest, sql.placeholder('digest'))).prepare();
  const refreshByDigest = db.select().from(r).where(eq(r.digest, sql.placeholder('digest'))).prepare();
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
      db.insert(r).values({ ...token, scopes: JSON.stringify(token.scopes) }).run();
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
  };
}
