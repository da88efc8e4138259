// `.env` in the working directory is read when present (so `cp .env.example .env` works); the environment wins.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, readDotEnv } from '../../src/config';

describe('.env', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sharegate-env-'));
  const cwd = process.cwd();
  const saved = { PORT: process.env.PORT, METRICS_TOKEN: process.env.METRICS_TOKEN, USAGE_RETENTION_DAYS: process.env.USAGE_RETENTION_DAYS };
  afterEach(() => {
    process.chdir(cwd);
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('loadConfig() reads .env of the working directory, and an environment variable wins over it', () => {
    fs.writeFileSync(path.join(dir, '.env'), '# comment\nPORT=9191\nMETRICS_TOKEN="from dot env"\nUSAGE_RETENTION_DAYS=30\n');
    process.chdir(dir);
    delete process.env.METRICS_TOKEN;
    delete process.env.USAGE_RETENTION_DAYS;
    process.env.PORT = '9292';
    const config = loadConfig();
    expect(config).toMatchObject({ port: 9292, metricsToken: 'from dot env', usageRetentionDays: 30 });
  });

  it('without .env the defaults apply; readDotEnv of a missing file is empty', () => {
    process.chdir(dir);
    fs.rmSync(path.join(dir, '.env'), { force: true });
    delete process.env.PORT;
    delete process.env.USAGE_RETENTION_DAYS;
    expect(readDotEnv()).toEqual({});
    expect(loadConfig()).toMatchObject({ port: 8080, usageRetentionDays: 400, shutdownTimeoutSeconds: 10, metrics: true, usage: true, deprecatedDialects: [] });
  });

  it('.env.example parses, and names every setting the configuration knows', () => {
    const example = readDotEnv(path.join(cwd, '.env.example'));
    const source = fs.readFileSync(path.join(cwd, 'src', 'config.ts'), 'utf8');
    const known = [...source.matchAll(/^ {2}([A-Z][A-Z0-9_]+): /gm)].map((m) => m[1]);
    expect(known.length).toBeGreaterThan(20);
    expect(known.filter((k) => !(k! in example))).toEqual([]);
    expect(() => loadConfig(example)).not.toThrow();
  });
});
