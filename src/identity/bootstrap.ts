// The first administrator, created once per database: from ADMIN_USERNAME/ADMIN_PASSWORD, or with a generated
// password that is printed to the log this one time (so `npm start` on a fresh machine says how to log in).
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Core } from '../core/core';
import { ADMIN_SCOPES } from '../core/credentials';
import { guidForUsername } from './mintToken';

export async function bootstrapAdmin(core: Core, config: Config, logger: Logger): Promise<void> {
  const username = config.adminUsername ?? 'admin';
  const password = config.adminPassword ?? randomBytes(18).toString('base64url');
  // the same guid `npm run token -- --user <admin>` gives, so both name one user
  const created = await core.bootstrapAdmin({ guid: guidForUsername(username), username, password, scopes: ADMIN_SCOPES });
  if (!created) return;
  const login = `cf login -a ${config.publicUrl} -u ${username}`;
  if (config.adminPassword) {
    logger.info({ username }, `created the administrator '${username}' from ADMIN_USERNAME/ADMIN_PASSWORD; log in with: ${login}`);
  } else {
    logger.warn(
      { username },
      `created the administrator '${username}' with the generated password ${password} (shown only this once; 'cf passwd' changes it); log in with: ${login} -p ${password}`,
    );
  }
}
