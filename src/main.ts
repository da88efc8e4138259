// Entry point: `npm start`. On SIGTERM or SIGINT it stops accepting connections, lets the requests in flight and the
// running operations finish (within SHUTDOWN_TIMEOUT_SECONDS), flushes the usage counts, closes the database and
// exits 0. A second signal does not cut that short.
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

let inFlight = 0;
let shuttingDown = false;
server.on('request', (_req, res) => {
  inFlight++;
  res.once('close', () => {
    inFlight--;
    // an answered keep-alive connection is idle now: let it go, so that the server can close
    if (shuttingDown) server.closeIdleConnections();
  });
});

const shutdown = (signal: NodeJS.Signals) => {
  if (shuttingDown) {
    gateway.logger.info({ signal, inFlight }, 'already shutting down; the drain goes on');
    return;
  }
  shuttingDown = true;
  const deadline = Date.now() + config.shutdownTimeoutSeconds * 1000;
  gateway.logger.info({ signal, inFlight, timeoutSeconds: config.shutdownTimeoutSeconds }, 'shutting down: no new connections, finishing requests in flight');
  gateway.drain();
  const force = setTimeout(() => {
    gateway.logger.warn({ inFlight }, 'shutdown timeout: closing the connections still open');
    server.closeAllConnections();
  }, config.shutdownTimeoutSeconds * 1000);
  force.unref();
  server.close(() => {
    clearTimeout(force);
    void gateway.close(Math.max(0, deadline - Date.now())).then(
      () => {
        gateway.logger.info('shut down');
        process.exit(0);
      },
      (err: unknown) => {
        gateway.logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
  server.closeIdleConnections();
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
