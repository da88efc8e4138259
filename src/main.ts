// Entry point: `npm start`. On SIGTERM or SIGINT it stops accepting connections, lets the requests in flight and the
// running operations finish (within SHUTDOWN_TIMEOUT_SECONDS), flushes the usage counts, closes the database and
// exits 0. A second signal does not cut that short.
import net from 'node:net';
import { loadConfig } from './config';
import { buildGateway } from './gateway';
import { createHttpServer } from './http/createHttpServer';
import { localSecretFile } from './identity/verification';

/** a PostgreSQL URL as it may be logged: without its password */
const withoutPassword = (url: string) => url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+):[^@]*@/i, '$1:***@');

const config = loadConfig();
const gateway = buildGateway(config);
const server = createHttpServer(gateway.app, gateway.config).listen(config.port, config.host, () => {
  // the port actually bound (PORT=0 lets the system choose one)
  gateway.logger.info({ url: config.publicUrl, port: (server.address() as net.AddressInfo).port, database: withoutPassword(config.databaseUrl) }, 'sharegate listening');
  if (!config.jwtSecret && gateway.hs256Secret && config.databaseUrl !== ':memory:') {
    gateway.logger.info(`tokens are verified with the secret in ${localSecretFile(config.databaseUrl)}; get one with: npm run token -- --user NAME [--admin]`);
  }
});

// Connections and whether each is answering a request now. At shutdown only connections that have been answered and
// are idle are closed: a connection just accepted whose request has not been read yet is served (and then closed).
const connections = new Map<net.Socket, { active: number; served: number }>();
let shuttingDown = false;
const closeIfIdle = (socket: net.Socket) => {
  const c = connections.get(socket);
  if (c && c.active === 0 && c.served > 0) socket.destroy();
};
server.on('connection', (socket: net.Socket) => {
  connections.set(socket, { active: 0, served: 0 });
  socket.once('close', () => connections.delete(socket));
});
server.on('request', (req, res) => {
  const c = connections.get(req.socket);
  if (c) c.active++;
  res.once('close', () => {
    if (c) {
      c.active--;
      c.served++;
    }
    if (shuttingDown) setImmediate(closeIfIdle, req.socket);
  });
});
const inFlight = () => [...connections.values()].reduce((n, c) => n + c.active, 0);

const shutdown = (signal: NodeJS.Signals) => {
  if (shuttingDown) {
    gateway.logger.info({ signal, inFlight: inFlight() }, 'already shutting down; the drain goes on');
    return;
  }
  shuttingDown = true;
  const deadline = Date.now() + config.shutdownTimeoutSeconds * 1000;
  gateway.logger.info(
    { signal, inFlight: inFlight(), connections: connections.size, timeoutSeconds: config.shutdownTimeoutSeconds },
    'shutting down: no new connections, finishing requests in flight',
  );
  gateway.drain();
  const force = setTimeout(() => {
    gateway.logger.warn({ inFlight: inFlight() }, 'shutdown timeout: closing the connections still open');
    server.closeAllConnections();
  }, config.shutdownTimeoutSeconds * 1000);
  force.unref();
  const closed = () => {
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
  };
  // net.Server's close: stop listening and wait for the open connections, without http.Server's closing of every
  // connection that has no request in progress (which would drop accepted connections whose request is unread).
  // Two turns of the event loop first, so that connections already waiting in the listen queue are accepted.
  setImmediate(() => setImmediate(() => net.Server.prototype.close.call(server, closed)));
  for (const socket of connections.keys()) closeIfIdle(socket);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
