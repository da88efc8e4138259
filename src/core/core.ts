// The core's public face: every command and query, bound to its dependencies. What a dialect needs to know:
//   - errors.ts         error kinds (not_found vs hidden vs forbidden, ...) and their params {resource, guid};
//   - context.ts        the one check order, lazy input (`input: () => T`) and audit payloads the dialect redacts;
//   - records.ts        the records, and operation states in the core's words (queued, running, succeeded, failed);
//   - commands/spaceUserShares.ts  the space -> user share with space roles, a revision and compare-and-set;
//   - policy.ts         who may do what (design.md §1).
import * as accounts from './commands/accounts';
import * as bulkCreateInstances from './commands/bulkCreateInstances';
import * as featureFlags from './commands/featureFlags';
import * as importOwnership from './commands/importOwnership';
import * as imports from './commands/imports';
import * as memberRoles from './commands/memberRoles';
import * as instanceOwnership from './commands/instanceOwnership';
import * as organizations from './commands/organizations';
import * as roles from './commands/roles';
import * as sessions from './commands/sessions';
import * as serviceInstances from './commands/serviceInstances';
import * as sharing from './commands/sharing';
import * as spaceUserShares from './commands/spaceUserShares';
import * as spaces from './commands/spaces';
import * as tokens from './commands/tokens';
import * as usage from './commands/usage';
import * as users from './commands/users';
import type { Deps } from './context';
import { operationHandlers } from './operationHandlers';
import { runDueOperations, startDueOperations } from './operations';
import * as activity from './queries/activity';
import * as directory from './queries/directory';
import * as instanceDetails from './queries/instanceDetails';
import * as instances from './queries/instances';
import * as members from './queries/members';
import * as quotas from './quotas';
import * as operability from './queries/operability';

type Bound<T> = { [K in keyof T]: T[K] extends (deps: Deps, ...args: infer A) => infer R ? (...args: A) => R : never };
type Fn = (deps: Deps, ...args: never[]) => unknown;

function bindAll<T extends Record<string, unknown>>(deps: Deps, module: T): Bound<Pick<T, { [K in keyof T]: T[K] extends Fn ? K : never }[keyof T]>> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(module)) {
    if (typeof value === 'function') out[name] = (...args: unknown[]) => (value as (...a: unknown[]) => unknown)(deps, ...args);
  }
  return out as never;
}

export function createCore(deps: Deps) {
  deps.operationHandlers ??= operationHandlers;
  return {
    catalog: deps.catalog,
    ...bindAll(deps, organizations),
    ...bindAll(deps, spaces),
    ...bindAll(deps, users),
    ...bindAll(deps, roles),
    ...bindAll(deps, featureFlags),
    ...bindAll(deps, serviceInstances),
    ...bindAll(deps, sharing),
    ...bindAll(deps, spaceUserShares),
    ...bindAll(deps, directory),
    ...bindAll(deps, instances),
    ...bindAll(deps, activity),
    ...bindAll(deps, accounts),
    ...bindAll(deps, tokens),
    ...bindAll(deps, quotas),
    ...bindAll(deps, memberRoles),
    ...bindAll(deps, members),
    ...bindAll(deps, sessions),
    ...bindAll(deps, instanceOwnership),
    ...bindAll(deps, bulkCreateInstances),
    ...bindAll(deps, instanceDetails),
    ...bindAll(deps, usage),
    ...bindAll(deps, operability),
    ...bindAll(deps, imports),
    ...bindAll(deps, importOwnership),
    runDueOperations: () => runDueOperations(deps, operationHandlers),
    startDueOperations: () => startDueOperations(deps, operationHandlers),
  };
}

export type Core = ReturnType<typeof createCore>;
