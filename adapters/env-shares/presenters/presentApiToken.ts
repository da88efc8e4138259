import type { ApiToken } from '../../../src/core/records';

const iso = (ms: number) => new Date(ms).toISOString();

/** Golem's token (without its secret). */
export const presentApiToken = (t: ApiToken) => ({ id: t.guid, accountId: t.userGuid, createdAt: iso(t.createdAt), expiresAt: iso(t.expiresAt) });
