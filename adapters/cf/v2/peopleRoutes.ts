// Organizations, spaces, users and their roles on the v2 dialect.
import type { Add, V2Context } from './routes';

export function registerPeopleRoutes(_add: Add, _ctx: V2Context): void {}
