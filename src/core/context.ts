// What the core needs from the outside world, injected by the composition root.
import type { CredentialsPort } from './credentials';
import type { OperationHookPort } from './operations';
import type { Catalog } from './records';
import type { Store } from './store';
import type { ThrottleRule } from './throttle';
import type { OperationHandler } from './operations';

/**
 * The one check order of every command (Cloud Controller's, which the other dialects' servers share):
 *
 *   1. authorize  the rights that need no request body: feature flags, the record named in the path (missing ->
 *                 `not_found`, exists but invisible -> `hidden`, visible but not allowed -> `forbidden`);
 *   2. input      only then the body: the command calls `input()`, a thunk the dialect passes, which parses the
 *                 body (zod) and throws the dialect's own validation error;
 *   3. rules      the checks that need the input and the current state (names taken, plan valid, revision, lock),
 *                 then the write.
 *
 * A command that checks a record and then writes it does all three inside the one transaction that writes it
 * (`deps.store.transaction(async (tx) => { const current = await tx.getX(...); check; write })`), so that what it
 * checked is what it writes: two concurrent requests are applied one after the other, never over a stale copy.
 * Handlers therefore make one core call; they never authorize first and call the command again.
 *
 * A thunk may take what the authorization step found, when the body's shape depends on it (a v3 PATCH of a
 * user-provided instance accepts other fields than that of a managed one): `input: (current) => T`.
 */
export type Input<T> = () => T;

/**
 * What a dialect records as "the request" in audit events: its own wire fields, already redacted by the dialect
 * (the core neither knows nor redacts any dialect's field names).
 */
export type AuditPayload = Record<string, unknown>;

export interface Clock {
  now(): number;
}
export interface IdGenerator {
  guid(): string;
}

export interface Settings {
  /** feature flag defaults when a flag has never been set */
  featureFlagDefaults: Record<string, boolean>;
  /** at most this many live user shares per space (a plan limit, share.limit_exceeded); undefined = unlimited */
  maxSharesPerSpace?: number;
  /** brute-force limits on password checks; defaults in throttle.ts */
  passwordThrottle?: { perUsername?: Partial<ThrottleRule>; perAddress?: Partial<ThrottleRule> };
  /** how long a runner holds an operation it claimed before another may take it over (default 60 s) */
  operationLeaseMs?: number;
  /** a pause before each operation's work (tests of slow operations only) */
  operationDelayMs?: number;
  /** a login session ends after this long without use (default 30 minutes) */
  sessionIdleMs?: number;
}

export interface Deps {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  catalog: Catalog;
  settings: Settings;
  /** told when an operation row was committed, so a runner can pick it up at once */
  onOperationQueued?: () => void;
  /** what each queued operation does (set by createCore), for a command that finishes one in its own transaction */
  operationHandlers?: Record<string, OperationHandler>;
  /** password hashing and secret digests (src/identity); account and token commands need it */
  credentials?: CredentialsPort;
  /** outbound calls around operations (src/http/outbound); without it, hooks are refused */
  hooks?: OperationHookPort;
}

/** Cloud Controller's flags, with service_instance_sharing on by default here (CC's default is off). */
export const DEFAULT_FEATURE_FLAGS: Record<string, boolean> = {
  app_bits_upload: true,
  app_scaling: true,
  diego_docker: false,
  diego_cnb: false,
  env_var_visibility: true,
  hide_marketplace_from_unauthenticated_users: false,
  private_domain_creation: true,
  resource_matching: true,
  route_creation: true,
  route_sharing: false,
  service_instance_creation: true,
  service_instance_sharing: true,
  set_roles_by_username: true,
  space_developer_env_var_visibility: true,
  space_scoped_private_broker_creation: true,
  task_creation: true,
  unset_roles_by_username: true,
  user_org_creation: false,
};
