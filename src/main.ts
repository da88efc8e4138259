// Entry point: `npm start`.
import { loadConfig } from './config';
import { buildGateway } from './gateway';
import { createHttpServer } from './http/createHttpServer';
import { localSecretFile } from './identity/verification';

const config = loadConfig();
const gateway = buildGateway(config);
const server = createHttpServer(gateway.app, gateway.config).listen(config.port, config.host, () => {
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
