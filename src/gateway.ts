// Composition: configuration -> store -> core -> app. Used by main.ts and by the tests.
import type { Express, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { csmHookBody } from '../adapters/csm/hookBodies';
import { createApp } from './app';
import { loadCatalog } from './catalog/loadCatalog';
import type { Config } from './config';
import { DEFAULT_FEATURE_FLAGS, type Deps } from './core/context';
import { createCore, type Core } from './core/core';
import type { Store } from './core/store';
import { createIdentity } from './identity/identity';
import { passwordCredentials } from './identity/passwords';
import { parseAllowlist, postJson } from './http/outbound';
import { createLogger } from './logger';
import { noMetrics, type MetricsPort } from './http/metricsPort';
import { startRunner, type Runner } from './operationRunner';
import { createMetrics } from './ops/metrics';
import { createUsageCounter, type UsageCounter } from './ops/usageCounter';
import { openStore, type AnyStore } from './store/openStore';
import { randomUUID } from 'node:crypto';

export interface Gateway {
  app: Express;
  /** the settings it was built from (main.ts serves the app with their server settings) */
  config: Config;
  core: Core;
  /** the SQLite store (`kind: 'sqlite'`) or the PostgreSQL one (`kind: 'postgres'`), as DATABASE_URL says */
  store: AnyStore;
  runner: Runner;
  logger: Logger;
  /** the HS256 secret in use (configured or generated), when tokens are verified with one */
  hs256Secret?: string;
  /** settles when identity is set up (embedded mode: the first administrator bootstrapped) */
  ready: Promise<void>;
  /** what src/http code counts through (the outbound module's callbacks); does nothing with METRICS=off */
  metrics: MetricsPort;
  /** usage counting (absent with USAGE=off) */
  usage?: UsageCounter;
  /** marks the gateway as shutting down: /readyz answers 503 from now on */
  drain(): void;
  /** waits for running operations (at most `timeoutMs`), flushes the usage counts and closes the database */
  close(timeoutMs?: number): Promise<void>;
}

export interface GatewayOptions {
  /** wraps the store the core works on (tests: a store that answers a turn later, as a networked database does) */
  wrapStore?: (store: Store) => Store;
  /** middleware in front of everything else (tests: a recorder that checks each response against its document) */
  observe?: RequestHandler;
}

/** when this process loaded the gateway: the default moment a deprecation took effect (DEPRECATED_AT unset) */
const startedAt = Date.now();

export function buildGateway(config: Config, logger: Logger = createLogger(config.logLevel), options: GatewayOptions = {}): Gateway {
  const store = openStore(config.databaseUrl, { poolSize: config.databasePoolSize });
  const featureFlagDefaults = { ...DEFAULT_FEATURE_FLAGS };
  if (config.serviceInstanceSharing !== undefined) featureFlagDefaults.service_instance_sharing = config.serviceInstanceSharing;
  const deps: Deps = {
    store: options.wrapStore ? options.wrapStore(store) : store,
    clock: { now: () => Date.now() },
    ids: { guid: () => randomUUID() },
    catalog: loadCatalog(config.catalogFile),
    settings: {
      featureFlagDefaults,
      maxSharesPerSpace: config.maxSharesPerEnvironment,
      operationLeaseMs: config.operationLeaseSeconds * 1000,
      operationDelayMs: config.testOperationDelayMs,
      sessionIdleMs: config.csmSessionIdleSeconds * 1000,
    },
    credentials: passwordCredentials,
  };
  const allowlist = parseAllowlist(config.callbackAllowlist);
  const hookBody = csmHookBody(config.publicUrl);
  deps.hooks = {
    call: async (hook, op, url) => {
      const result = await postJson(url, hookBody(hook, op), allowlist);
      (metrics ?? noMetrics).countCallback(result.outcome, 'csm');
      return result;
    },
  };
  const core = createCore(deps);
  const runner = startRunner(core.startDueOperations, (err) => logger.error({ err }, 'operation runner failed'));
  deps.onOperationQueued = runner.notify;

  const clock = deps.clock.now;
  const metrics = config.metrics ? createMetrics(core) : undefined;
  const usage = config.usage
    ? createUsageCounter(core, {
        flushSeconds: config.usageFlushSeconds,
        retentionDays: config.usageRetentionDays,
        clock,
        onError: (err) => logger.error({ err }, 'usage counts not written; kept for the next flush'),
      })
    : undefined;
  let draining = false;

  const identity = createIdentity(core, config, logger);
  const { verification, loginUrl } = identity;
  const app = createApp(core, {
    logger,
    v3: { publicUrl: config.publicUrl, loginUrl, verification },
    v2: { publicUrl: config.publicUrl, loginUrl, verification },
    uaa: identity.issuer && { publicUrl: config.publicUrl, verification, login: identity.login, keys: identity.issuer },
    envShares: { verification, schemes: identity.schemes },
    csm: { login: identity.login, publicUrl: config.publicUrl, defaultTimeoutSeconds: config.csmDefaultTimeoutSeconds, callouts: config.csmCallouts, allowlist },
    ops: { verification, schemes: identity.schemes, metricsToken: config.metricsToken, draining: () => draining, clock },
    metrics,
    usage,
    deprecation: { dialects: config.deprecatedDialects, deprecatedAt: config.deprecatedAt ?? startedAt, sunsetAt: config.sunsetAt, publicUrl: config.publicUrl },
    limits: config.limits,
    maxInflightRequests: config.maxInflightRequests,
    rateLimitPerMinute: config.rateLimitPerMinute,
    observe: options.observe,
  });
  return {
    app,
    config,
    core,
    store,
    runner,
    logger,
    hs256Secret: identity.hs256Secret,
    ready: identity.ready,
    metrics: metrics ?? noMetrics,
    usage,
    drain() {
      draining = true;
    },
    async close(timeoutMs = Number.POSITIVE_INFINITY) {
      draining = true;
      await identity.ready.catch(() => undefined);
      runner.stop();
      const idle = runner.idle();
      if (Number.isFinite(timeoutMs)) {
        let timer: NodeJS.Timeout | undefined;
        const late = await Promise.race([idle.then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(resolve, timeoutMs, true)))]);
        clearTimeout(timer);
        if (late) logger.warn({ timeoutMs }, 'operations still running at shutdown; they resume on the next start');
      } else await idle;
      await usage?.stop();
      await store.close();
    },
  };
}
