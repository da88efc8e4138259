// `npm run token -- --user NAME [--admin] [--scope S ...] [--ttl SECONDS]`: prints a token the local gateway accepts.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { localSecret } from '../identity/verification';
import { mintHs256Token } from '../identity/mintToken';

async function main() {
  const { values } = parseArgs({
    options: {
      user: { type: 'string' },
      admin: { type: 'boolean', default: false },
      scope: { type: 'string', multiple: true },
      ttl: { type: 'string', default: '3600' },
    },
  });
  if (!values.user) {
    process.stderr.write('usage: npm run token -- --user NAME [--admin] [--scope SCOPE ...] [--ttl SECONDS]\n');
    process.exit(2);
  }
  const config = loadConfig();
  if (config.jwksUrl || config.uaaUrl) {
    process.stderr.write('tokens are verified against a UAA key set here; get one from that UAA instead\n');
    process.exit(1);
  }
  const secret = config.jwtSecret ?? localSecret(config.databaseUrl);
  if (!secret) {
    process.stderr.write('HS256 tokens on PostgreSQL need JWT_SECRET (the same on every replica); or log in at /oauth/token\n');
    process.exit(1);
  }
  const token = await mintHs256Token(secret, { username: values.user, admin: values.admin, scopes: values.scope, ttlSeconds: Number(values.ttl) });
  process.stdout.write(`${token}\n`);
}

void main();
