// A test gateway served by the real HTTP server (createHttpServer, as `npm start` serves it) on 127.0.0.1.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createHttpServer } from '../../src/http/createHttpServer';
import type { TestGateway } from './testGateway';

export interface Listening {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

export async function listen(t: TestGateway): Promise<Listening> {
  const server = createHttpServer(t.gateway.app, t.gateway.config);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
