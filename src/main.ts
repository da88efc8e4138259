// Entry point: `npm start`.
import { loadConfig } from './config';
import { buildGateway } from './gateway';
import { localSecretFile } from './identity/verification';

const config = loadConfig();
const gateway = buildGateway(config);
const server = gateway.app.listen(config.port, config.host, () => {
  gateway.logger.info({ url: config.publicUrl, database: config.databaseUrl }, 'sharegate listening');
  if (!config.jwtSecret && gateway.hs256Secret && config.databaseUrl !== ':memory:') {
    gateway.logger.info(`tokens are verified with the secret in ${localSecretFile(config.databaseUrl)}; get one with: npm run token -- --user NAME [--admin]`);
  }
});

const shutdown = () => {
  server.close(() => void gateway.close().then(() => process.exit(0)));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
