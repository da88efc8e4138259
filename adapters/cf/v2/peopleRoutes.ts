// Organizations, spaces, users and their roles on the v2 dialect.
import { memberRoleRoutes } from './handlers/memberRoles';
import { organizationRoutes } from './handlers/organizations';
import { spaceRoutes } from './handlers/spaces';
import { userRoutes } from './handlers/users';
import type { Add, V2Context } from './routes';

export function registerPeopleRoutes(add: Add, _ctx: V2Context): void {
  organizationRoutes(add);
  spaceRoutes(add);
  userRoutes(add);
  memberRoleRoutes(add);
}
