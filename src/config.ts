// The only reader of process.env: every setting, parsed and defaulted once.
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { DIALECTS, isDialect, type Dialect } from './http/dialect';

const optional = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));
const flag = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === 'true'));

const onOff = z.enum(['on', 'off']).default('on');
const isoTime = z.iso
  .datetime({ offset: true })
  .optional()
  .or(z.literal('').transform(() => undefined));
const dialectList = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((d) => d.trim())
      .filter(Boolean),
  )
  .refine((list) => list.every(isDialect), { message: `a comma-separated list of ${DIALECTS.join(', ')}` })
  .transform((list) => list as Dialect[]);

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().default('./data/sharegate.db'),
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(10),
  PUBLIC_URL: optional,
  JWT_SECRET: optional,
  JWKS_URL: optional,
  UAA_URL: optional,
  CATALOG_FILE: optional,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ADMIN_USERNAME: optional,
  ADMIN_PASSWORD: optional,
  ADMIN_CLIENT_SECRET: optional,
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(1200),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(2_592_000),
  MAX_SHARES_PER_ENVIRONMENT: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().positive().optional()),
  SERVICE_INSTANCE_SHARING: flag,
  CSM_SESSION_IDLE_SECONDS: z.coerce.number().int().positive().default(1800),
  CSM_DEFAULT_TIMEOUT_SECONDS: z.coerce.number().int().positive().default(60),
  CSM_CALLOUTS: z
    .string()
    .default('{}')
    .transform((v, ctx) => {
      try {
        const parsed: unknown = JSON.parse(v || '{}');
        const ok = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && Object.values(parsed).every((u) => typeof u === 'string');
        if (ok) return parsed as Record<string, string>;
      } catch {
        /* reported below */
      }
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object of callout ids to URLs' });
      return z.NEVER;
    }),
  CALLBACK_ALLOWLIST: z.string().default(''),
  OPERATION_LEASE_SECONDS: z.coerce.number().positive().default(60),
  CSM_TEST_OPERATION_DELAY_MS: z.coerce.number().int().min(0).default(0),
  METRICS: onOff,
  METRICS_TOKEN: optional,
  USAGE: onOff,
  USAGE_FLUSH_SECONDS: z.coerce.number().positive().default(5),
  USAGE_RETENTION_DAYS: z.coerce.number().int().positive().default(400),
  DEPRECATED_DIALECTS: dialectList,
  DEPRECATED_AT: isoTime,
  SUNSET_AT: isoTime,
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().positive().default(10),
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_048_576),
  MAX_JSON_DEPTH: z.coerce.number().int().positive().default(64),
  MAX_JSON_ARRAY_MEMBERS: z.coerce.number().int().positive().default(10_000),
  MAX_URL_LENGTH: z.coerce.number().int().positive().default(8192),
  MAX_HEADER_BYTES: z.coerce.number().int().positive().default(16_384),
  MAX_QUERY_PARAMS: z.coerce.number().int().positive().default(100),
  HEADERS_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  MAX_INFLIGHT_REQUESTS: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().positive().optional()),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(0),
});

export interface Config {
  port: number;
  host: string;
  /** a SQLite file (or `:memory:`), or `postgres://USER[:PASS]@HOST:PORT/DB` (also `postgresql://`) */
  databaseUrl: string;
  /** connections in the PostgreSQL pool (ignored for SQLite) */
  databasePoolSize: number;
  /** absolute base for links, without a trailing slash */
  publicUrl: string;
  jwtSecret?: string;
  jwksUrl?: string;
  uaaUrl?: string;
  catalogFile?: string;
  logLevel: string;
  adminUsername?: string;
  adminPassword?: string;
  /** enables the `admin` OAuth client (client_credentials grant) with this secret */
  adminClientSecret?: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  maxSharesPerEnvironment?: number;
  serviceInstanceSharing?: boolean;
  /** CSM sessions end after this long without use */
  csmSessionIdleSeconds: number;
  /** how long a CSM request with `timeout: -1` (or none) waits for its task */
  csmDefaultTimeoutSeconds: number;
  /** CSM callout ids -> URLs (preCallout / postCallout) */
  csmCallouts: Record<string, string>;
  /** host names, addresses and CIDR ranges callbacks and callouts may reach; empty: none */
  callbackAllowlist: string;
  /** how long a process holds an operation it runs before another may take it over */
  operationLeaseSeconds: number;
  /** a pause before each operation's work, for tests of slow operations */
  testOperationDelayMs: number;
  /** request metrics and GET /metrics (off only to measure their cost) */
  metrics: boolean;
  /** when set, GET /metrics needs this bearer token */
  metricsToken?: string;
  /** per-request usage counting (off only to measure its cost) */
  usage: boolean;
  usageFlushSeconds: number;
  usageRetentionDays: number;
  /** dialects whose responses carry Deprecation, Sunset and Link headers */
  deprecatedDialects: Dialect[];
  /** when the deprecation took effect (ms); unset: the process start */
  deprecatedAt?: number;
  /** when the deprecated dialects go away (ms) */
  sunsetAt?: number;
  shutdownTimeoutSeconds: number;
  limits: RequestLimits;
  /** Node's server timeouts against slow clients (milliseconds) */
  timeouts: { headersMs: number; requestMs: number; keepAliveMs: number };
  /** the largest request head (request line and headers) Node reads; beyond it Node answers 431 itself */
  maxHeaderBytes: number;
  /** requests served at once; beyond it a request is answered 503 with Retry-After at once */
  maxInflightRequests: number;
  /** requests per credential (or client address) and minute; 0: no rate limit */
  rateLimitPerMinute: number;
}

/** What one request may be: checked before routing (URL, query, declared size) and in the body parser. */
export interface RequestLimits {
  maxBodyBytes: number;
  maxJsonDepth: number;
  maxJsonArrayMembers: number;
  maxUrlLength: number;
  maxQueryParams: number;
}

/** The default of MAX_INFLIGHT_REQUESTS: 64 per core the process may use. */
export const defaultMaxInflight = () => 64 * availableParallelism();

/** The variables of `.env` in the working directory, when there is one (the environment wins over them). */
export function readDotEnv(file = path.resolve('.env')): Record<string, string> {
  if (!fs.existsSync(file)) return {};
  const parsed = parseEnv(fs.readFileSync(file, 'utf8'));
  return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** The settings from `env`; by default the process environment over the working directory's `.env`. */
export function loadConfig(env: NodeJS.ProcessEnv = { ...readDotEnv(), ...process.env }): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const hostForUrl = e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    publicUrl: (e.PUBLIC_URL ?? `http://${hostForUrl}:${e.PORT}`).replace(/\/+$/, ''),
    jwtSecret: e.JWT_SECRET,
    jwksUrl: e.JWKS_URL,
    uaaUrl: e.UAA_URL?.replace(/\/+$/, ''),
    catalogFile: e.CATALOG_FILE,
    logLevel: e.LOG_LEVEL,
    adminUsername: e.ADMIN_USERNAME,
    adminPassword: e.ADMIN_PASSWORD,
    adminClientSecret: e.ADMIN_CLIENT_SECRET,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
    maxSharesPerEnvironment: e.MAX_SHARES_PER_ENVIRONMENT,
    serviceInstanceSharing: e.SERVICE_INSTANCE_SHARING,
    csmSessionIdleSeconds: e.CSM_SESSION_IDLE_SECONDS,
    csmDefaultTimeoutSeconds: e.CSM_DEFAULT_TIMEOUT_SECONDS,
    csmCallouts: e.CSM_CALLOUTS,
    callbackAllowlist: e.CALLBACK_ALLOWLIST,
    operationLeaseSeconds: e.OPERATION_LEASE_SECONDS,
    testOperationDelayMs: e.CSM_TEST_OPERATION_DELAY_MS,
    metrics: e.METRICS === 'on',
    metricsToken: e.METRICS_TOKEN,
    usage: e.USAGE === 'on',
    usageFlushSeconds: e.USAGE_FLUSH_SECONDS,
    usageRetentionDays: e.USAGE_RETENTION_DAYS,
    deprecatedDialects: e.DEPRECATED_DIALECTS,
    deprecatedAt: e.DEPRECATED_AT === undefined ? undefined : Date.parse(e.DEPRECATED_AT),
    sunsetAt: e.SUNSET_AT === undefined ? undefined : Date.parse(e.SUNSET_AT),
    shutdownTimeoutSeconds: e.SHUTDOWN_TIMEOUT_SECONDS,
    limits: {
      maxBodyBytes: e.MAX_BODY_BYTES,
      maxJsonDepth: e.MAX_JSON_DEPTH,
      maxJsonArrayMembers: e.MAX_JSON_ARRAY_MEMBERS,
      maxUrlLength: e.MAX_URL_LENGTH,
      maxQueryParams: e.MAX_QUERY_PARAMS,
    },
    timeouts: { headersMs: e.HEADERS_TIMEOUT_MS, requestMs: e.REQUEST_TIMEOUT_MS, keepAliveMs: e.KEEP_ALIVE_TIMEOUT_MS },
    maxHeaderBytes: e.MAX_HEADER_BYTES,
    maxInflightRequests: e.MAX_INFLIGHT_REQUESTS ?? defaultMaxInflight(),
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
  };
}
