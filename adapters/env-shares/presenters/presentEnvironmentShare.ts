import type { SpaceUserShare } from '../../../src/core/commands/spaceUserShares';
import { envRolesOf } from '../environmentRoles';

/** Golem's EnvironmentShare (a space user share: environment = space, grantee account = user), member order as the real server writes it. */
export const presentEnvironmentShare = (s: SpaceUserShare) => ({
  id: s.guid,
  revision: s.revision,
  environmentId: s.spaceGuid,
  granteeAccountId: s.userGuid,
  roles: envRolesOf(s.roles),
});
