import type { EnvironmentShare } from '../../../src/core/commands/environmentShares';

/** Golem's EnvironmentShare, member order as the real server writes it. */
export const presentEnvironmentShare = (s: EnvironmentShare) => ({
  id: s.id,
  revision: s.revision,
  environmentId: s.environmentId,
  granteeAccountId: s.granteeAccountId,
  roles: s.roles,
});
