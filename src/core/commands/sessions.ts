// Login sessions with opaque tokens (CSM's Authentication-Token): the token is handed out once, only its digest is
// kept, and a session ends after `sessionIdleMs` without use or when it is closed.
import type { Claims } from '../actor';
import type { Deps } from '../context';
import { scopesOfUser } from '../credentials';
import { DomainError } from '../errors';
import type { Session, User } from '../records';

const DEFAULT_IDLE_MS = 30 * 60_000;
const idleMs = (deps: Deps) => deps.settings.sessionIdleMs ?? DEFAULT_IDLE_MS;

function port(deps: Deps) {
  if (!deps.credentials) throw new DomainError('unavailable', 'identity.unavailable');
  return deps.credentials;
}

/** Opens a session for a user whose password was checked; returns the token, shown only here. */
export async function openSession(deps: Deps, user: Pick<User, 'guid'>): Promise<{ secret: string; session: Session }> {
  const credentials = port(deps);
  const secret = credentials.newSecret();
  const now = deps.clock.now();
  const session: Session = { guid: deps.ids.guid(), digest: credentials.digest(secret), userGuid: user.guid, createdAt: now, lastUsedAt: now, expiresAt: now + idleMs(deps) };
  await deps.store.transaction(async (tx) => {
    await tx.deleteExpiredSessions(now); // sessions that idled out and were never used again
    await tx.insertSession(session);
  });
  return { secret, session };
}

/**
 * The caller behind a session token, or null when it is unknown, ended or idle too long. A use pushes the idle
 * deadline forward (written at most every tenth of the idle time, so a busy session costs few writes).
 */
export async function claimsForSession(deps: Deps, secret: string): Promise<Claims | null> {
  const session = await deps.store.getSessionByDigest(port(deps).digest(secret));
  const now = deps.clock.now();
  if (!session) return null;
  if (session.expiresAt <= now) {
    await deps.store.transaction((tx) => tx.deleteSession(session.guid));
    return null;
  }
  const user = await deps.store.getUser(session.userGuid);
  if (!user) return null;
  const idle = idleMs(deps);
  if (now - session.lastUsedAt >= Math.min(60_000, idle / 10)) await deps.store.transaction((tx) => tx.touchSession(session.guid, now, now + idle));
  return { userGuid: user.guid, username: user.username, email: user.email, origin: user.origin, clientId: null, scopes: scopesOfUser(user) };
}

/** Ends a session; false when the token names none. */
export async function closeSession(deps: Deps, secret: string): Promise<boolean> {
  const session = await deps.store.getSessionByDigest(port(deps).digest(secret));
  if (!session) return false;
  await deps.store.transaction((tx) => tx.deleteSession(session.guid));
  return true;
}
