// Composition: configuration -> store -> core -> app. Used by main.ts and by the tests.
import type { Express } from 'express';
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
import { startRunner, type Runner } from './operationRunner';
import { openSqliteStore, type SqliteStore } from './store/sqliteStore';
import { randomUUID } from 'node:crypto';

export interface Gateway {
  app: Express;
  core: Core;
  store: SqliteStore;
  runner: Runner;
  logger: Logger;
  /** the HS256 secret in use (configured or generated), when tokens are verified with one */
  hs256Secret?: string;
  /** settles when identity is set up (embedded mode: the first administrator bootstrapped) */
  ready: Promise<void>;
  close(): Promise<void>;
}

export interface GatewayOptions {
  /** wraps the store the core works on (tests: a store that answers a turn later, as a networked database does) */
  wrapStore?: (store: Store) => Store;
}

export function buildGateway(config: Config, logger: Logger = createLogger(config.logLevel), options: GatewayOptions = {}): Gateway {
  const store = openSqliteStore(config.databaseUrl);
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
  deps.hooks = { call: (hook, op, url) => postJson(url, hookBody(hook, op), allowlist) };
  const core = createCore(deps);
  const runner = startRunner(core.startDueOperations, (err) => logger.error({ err }, 'operation runner failed'));
  deps.onOperationQueued = runner.notify;

  const identity = createIdentity(core, config, logger);
  const { verification, loginUrl } = identity;
  const app = createApp(core, {
    logger,
    v3: { publicUrl: config.publicUrl, loginUrl, verification },
    v2: { publicUrl: config.publicUrl, loginUrl, verification },
    uaa: identity.issuer && { publicUrl: config.publicUrl, verification, login: identity.login, keys: identity.issuer },
    envShares: { verification, schemes: identity.schemes },
    csm: { login: identity.login, publicUrl: config.publicUrl, defaultTimeoutSeconds: config.csmDefaultTimeoutSeconds, callouts: config.csmCallouts, allowlist },
  });
  return {
    app,
    core,
    store,
    runner,
    logger,
    hs256Secret: identity.hs256Secret,
    ready: identity.ready,
    async close() {
      await identity.ready.catch(() => undefined);
      runner.stop();
      await runner.idle();
      await store.close();
    },
  };
}
