// Who is calling: the claims of a verified token, reduced to what the policy needs.

export const SCOPES = {
  admin: 'cloud_controller.admin',
  read: 'cloud_controller.read',
  write: 'cloud_controller.write',
  adminReadOnly: 'cloud_controller.admin_read_only',
  globalAuditor: 'cloud_controller.global_auditor',
  permissionsRead: 'cloud_controller_service_permissions.read',
} as const;

export interface Claims {
  userGuid: string;
  username: string | null;
  email: string | null;
  origin: string | null;
  clientId: string | null;
  scopes: string[];
}

export interface Actor {
  userGuid: string;
  username: string | null;
  email: string | null;
  origin: string | null;
  scopes: ReadonlySet<string>;
  /** cloud_controller.admin */
  isAdmin: boolean;
  /** admin, admin_read_only or global_auditor: may read everything */
  readsAll: boolean;
}

export function makeActor(claims: Claims): Actor {
  const scopes = new Set(claims.scopes);
  const isAdmin = scopes.has(SCOPES.admin);
  return {
    userGuid: claims.userGuid,
    username: claims.username,
    email: claims.email,
    origin: claims.origin,
    scopes,
    isAdmin,
    readsAll: isAdmin || scopes.has(SCOPES.adminReadOnly) || scopes.has(SCOPES.globalAuditor),
  };
}

export const hasScope = (actor: Actor, ...scopes: string[]) => scopes.some((s) => actor.scopes.has(s));

/** The name events record for an actor: email when known, else the username. */
export const actorName = (actor: Actor) => actor.email ?? actor.username ?? actor.userGuid;
