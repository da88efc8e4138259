// No password or token secret ever reaches a log line; a generated admin password is printed exactly once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import request from 'supertest';
import { loadConfig } from '../../src/config';
import { buildGateway, type Gateway } from '../../src/gateway';
import { createLogger } from '../../src/logger';
import { BASE } from '../helpers/testGateway';
import { bearer, createScimUser, login, passwordLogin, tokenRequest } from './identityHelpers';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(
        ...String(chunk)
          .split('\n')
          .filter((l) => l.length > 0),
      );
      done();
    },
  });
  return { lines, logger: createLogger('trace', stream) };
}

function start(env: Record<string, string>, logger: ReturnType<typeof createLogger>): Gateway {
  return buildGateway(loadConfig({ DATABASE_URL: ':memory:', PUBLIC_URL: BASE, LOG_LEVEL: 'trace', ...env }), logger);
}

describe('captured logs', () => {
  it('never contain a password, a refresh token or an API token secret', async () => {
    const { lines, logger } = capture();
    const secrets = ['Configured-Admin-Pw-1', 'Pat-Pw-Secret-2', 'Pat-Pw-Secret-3', 'Wrong-Guess-Pw-4', 'Query-Pw-Secret-5'];
    const gateway = start({ ADMIN_PASSWORD: secrets[0]!, ADMIN_CLIENT_SECRET: 'Client-Secret-Value-6' }, logger);
    secrets.push('Client-Secret-Value-6');
    try {
      await gateway.ready;
      const http = request(gateway.app);
      const admin = await login(http, 'admin', secrets[0]!);
      const pat = await createScimUser(http, admin.access_token, 'pat', secrets[1]!);
      await passwordLogin(http, 'pat', secrets[3]!);
      const patTokens = await login(http, 'pat', secrets[1]!);
      await http.put(`/Users/${pat.id}/password`).set(bearer(patTokens.access_token)).send({ oldPassword: secrets[1], password: secrets[2] });
      await http.post(`/oauth/token?password=${secrets[4]}&username=pat&grant_type=password`).set('Authorization', 'Basic Y2Y6').type('form').send({});
      await tokenRequest(http, { grant_type: 'refresh_token', refresh_token: admin.refresh_token });
      await http.get(`/oauth/token?refresh_token=${admin.refresh_token}`);
      const apiToken = await http.post(`/v1/accounts/${pat.id}/tokens`).set(bearer(patTokens.access_token)).send({ expiresAt: '2100-01-01T00:00:00Z' });
      const apiSecret = apiToken.body.secret.value as string;
      await http.get(`/v1/accounts/${pat.id}/tokens`).set(bearer(apiSecret));
      await http.get(`/v1/accounts/${pat.id}/tokens`).set('Cookie', `GOLEM_SESSION=${apiSecret}`);
      await tokenRequest(http, { grant_type: 'client_credentials' }, `Basic ${Buffer.from(`admin:${secrets[5]}`).toString('base64')}`);
      // a failing request at error level too
      await http.post('/Users').set(bearer(admin.access_token)).set('Content-Type', 'application/json').send(`{"userName":"x","password":"${secrets[1]}"`);

      expect(lines.length).toBeGreaterThan(10);
      const all = lines.join('\n');
      for (const s of [...secrets, admin.refresh_token, patTokens.refresh_token, apiSecret, admin.access_token])
        expect({ s, logged: all.includes(s) }).toEqual({ s, logged: false });
      expect(all).toContain('[REDACTED]');
    } finally {
      await gateway.close();
    }
  });

  it('prints a generated admin password once, with how to log in, and only on the first start', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sharegate-bootstrap-'));
    try {
      const first = capture();
      const g1 = start({ DATABASE_URL: path.join(dir, 'db.sqlite') }, first.logger);
      await g1.ready;
      const announced = first.lines.filter((l) => l.includes('generated password'));
      expect(announced).toHaveLength(1);
      const message = JSON.parse(announced[0]!).msg as string;
      expect(message).toContain(`cf login -a ${BASE} -u admin`);
      const password = /generated password (\S+)/.exec(message)![1]!;
      expect(first.lines.filter((l) => l.includes(password))).toHaveLength(1);
      expect((await passwordLogin(request(g1.app), 'admin', password)).status).toBe(200);
      await g1.close();

      const second = capture();
      const g2 = start({ DATABASE_URL: path.join(dir, 'db.sqlite') }, second.logger);
      await g2.ready;
      expect(second.lines.filter((l) => l.includes('administrator'))).toHaveLength(0);
      expect((await passwordLogin(request(g2.app), 'admin', password)).status).toBe(200);
      await g2.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('with ADMIN_USERNAME/ADMIN_PASSWORD says who was created, without the password', async () => {
    const { lines, logger } = capture();
    const gateway = start({ ADMIN_USERNAME: 'root', ADMIN_PASSWORD: 'Root-Pw-Secret-7' }, logger);
    try {
      await gateway.ready;
      expect(lines.some((l) => l.includes("created the administrator 'root'"))).toBe(true);
      expect(lines.join('\n')).not.toContain('Root-Pw-Secret-7');
      expect((await passwordLogin(request(gateway.app), 'root', 'Root-Pw-Secret-7')).status).toBe(200);
    } finally {
      await gateway.close();
    }
  });
});
