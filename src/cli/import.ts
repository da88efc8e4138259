// `npm run import -- --from-cf URL (--token T | --username U --password P | --client-id C --client-secret S)` and
// `npm run import -- --from-csm URL --username U --password P`: brings a foundation's records into the database
// DATABASE_URL names (the settings of `npm start`), keeping their guids and timestamps. See README, "Moving onto
// sharegate". Exit codes: 0 done (skipped records are listed, not errors), 1 stopped by an error, 2 bad arguments.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalog } from '../catalog/loadCatalog';
import { loadConfig } from '../config';
import { makeActor, SCOPES } from '../core/actor';
import { DEFAULT_FEATURE_FLAGS, type Deps } from '../core/context';
import { createCore } from '../core/core';
import { isDomainError } from '../core/errors';
import { passwordCredentials } from '../identity/passwords';
import { openStore } from '../store/openStore';
import { CfSource, type CfCredentials } from './import/cfSource';
import { CsmSource } from './import/csmSource';
import type { CatalogService } from './import/cfCatalog';
import { importFromCf } from './import/importCf';
import type { ImportSession } from './import/importSession';
import { importFromCsm } from './import/importCsm';
import { pruneMissing } from './import/prune';
import { DEFAULT_SOURCE_SETTINGS, SourceError, sourceClient } from './import/sourceClient';
import { OUTCOMES, reasonOf, table, Tally } from './import/tally';

const USAGE = `usage: npm run import -- --from-cf URL (--token T | --username U --password P | --client-id C --client-secret S)
       npm run import -- --from-csm URL --username U --password P [--csm-space NAME]
options: --dry-run  --prune  --catalog-from-source (add unmatched offerings and plans to CATALOG_FILE)  --set-passwords-from FILE (lines user:password)  --timeout SECONDS  --retries N
         --page-size N (records a page asks for)  --quiet (no line per skipped record)  --json (the summary as JSON)
`;

/** The one importing actor: an administrator (imports bypass policy), named in every event it records. */
const IMPORTER = makeActor({ userGuid: 'sharegate-import', username: 'sharegate-import', email: null, origin: null, clientId: null, scopes: [SCOPES.admin] });

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function parse() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        'from-cf': { type: 'string' },
        'from-csm': { type: 'string' },
        token: { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
        'client-id': { type: 'string' },
        'client-secret': { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        prune: { type: 'boolean', default: false },
        'set-passwords-from': { type: 'string' },
        'csm-space': { type: 'string', default: 'imported' },
        'catalog-from-source': { type: 'boolean', default: false },
        timeout: { type: 'string', default: String(DEFAULT_SOURCE_SETTINGS.timeoutMs / 1000) },
        retries: { type: 'string', default: String(DEFAULT_SOURCE_SETTINGS.attempts - 1) },
        quiet: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        'page-size': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`);
  }
  if (parsed.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const v = parsed;
  if (Boolean(v['from-cf']) === Boolean(v['from-csm'])) fail(`give one of --from-cf URL and --from-csm URL\n${USAGE}`);
  const timeout = Number(v.timeout);
  const retries = Number(v.retries);
  const pageSize = v['page-size'] === undefined ? undefined : Number(v['page-size']);
  if (!(timeout > 0) || !Number.isInteger(retries) || retries < 0) fail(`--timeout takes seconds above 0, --retries a whole number\n${USAGE}`);
  if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= 5000)) fail(`--page-size takes a whole number from 1 to 5000\n${USAGE}`);
  let cf: CfCredentials | undefined;
  if (v['from-cf']) {
    if (v.token) cf = { token: v.token };
    else if (v.username && v.password) cf = { username: v.username, password: v.password };
    else if (v['client-id'] && v['client-secret']) cf = { clientId: v['client-id'], clientSecret: v['client-secret'] };
    else fail(`--from-cf needs --token, or --username and --password, or --client-id and --client-secret\n${USAGE}`);
  } else if (!v.username || !v.password) fail(`--from-csm needs --username and --password\n${USAGE}`);
  for (const url of [v['from-cf'], v['from-csm']]) if (url && !/^https?:\/\/[^/]/.test(url)) fail(`not an http(s) URL: ${url}`);
  return { v, cf, pageSize, settings: { timeoutMs: timeout * 1000, attempts: retries + 1, retryDelayMs: DEFAULT_SOURCE_SETTINGS.retryDelayMs } };
}

/** `user:password` lines (blank lines and # comments skipped). */
function readPasswords(file: string): { username: string; password: string }[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    fail(`--set-passwords-from ${file}: ${(e as Error).message}`);
  }
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l, n) => {
      const at = l.indexOf(':');
      if (at < 1) fail(`--set-passwords-from ${file}: line ${n + 1} is not user:password`);
      return { username: l.slice(0, at), password: l.slice(at + 1) };
    });
}

function summary(tally: Tally, dryRun: boolean): string {
  const rows = [...tally.kinds.values()].map((t) => [t.kind, ...OUTCOMES.map((o) => String(t.counts[o]))]);
  const lines = [`\n${dryRun ? 'dry run: nothing was written; what a run would do' : 'imported'}:\n`, table(['kind', ...OUTCOMES], rows)];
  const reasons = [...tally.kinds.values()].flatMap((t) => [...t.reasons].map(([r, n]) => `  ${t.kind}: ${n} skipped: ${r}`));
  if (reasons.length) lines.push('\nskipped, by reason:', ...reasons);
  const rate = tally.records / Math.max(tally.seconds, 0.001);
  lines.push(`\n${tally.records} records in ${tally.seconds.toFixed(1)} s (${Math.round(rate)}/s), peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
  return `${lines.join('\n')}\n`;
}

/**
 * Adds services (and plans of services it has) to the catalog file, and to the catalog of this run. The running
 * server reads its catalog at start: restart it to offer them. A dry run writes a copy in a temporary directory only.
 */
async function extendCatalog(deps: Deps, file: string, services: CatalogService[], dryRun: boolean): Promise<void> {
  const current = JSON.parse(fs.readFileSync(file, 'utf8')) as { services: CatalogService[] };
  for (const service of services) {
    const known = current.services.find((c) => c.id === service.id);
    if (!known) current.services.push(service);
    else for (const plan of service.plans) if (!known.plans.some((p) => p.id === plan.id)) known.plans.push(plan);
  }
  const text = `${JSON.stringify(current, null, 2)}\n`;
  const target = dryRun ? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sharegate-catalog-')), 'catalog.json') : file;
  fs.writeFileSync(target, text);
  deps.catalog = loadCatalog(target);
  if (dryRun) fs.rmSync(path.dirname(target), { recursive: true, force: true });
  else process.stdout.write(`added ${services.length} offerings to ${file}; restart the server to offer them\n`);
}

function summaryJson(tally: Tally, dryRun: boolean, failed: unknown) {
  const kinds = Object.fromEntries([...tally.kinds.values()].map((t) => [t.kind, { ...t.counts, reasons: Object.fromEntries(t.reasons) }]));
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  return { dryRun, kinds, records: tally.records, seconds: tally.seconds, peakRssMb, error: failed ? String((failed as Error).message ?? failed) : null };
}

async function main() {
  const { v, cf, pageSize, settings } = parse();
  const passwords = v['set-passwords-from'] ? readPasswords(v['set-passwords-from']) : [];
  const config = loadConfig();
  if (v['catalog-from-source'] && !config.catalogFile) fail('--catalog-from-source adds to the catalog file CATALOG_FILE names: set CATALOG_FILE (a copy of the catalog in use)');
  const store = openStore(config.databaseUrl, { poolSize: config.databasePoolSize });
  const deps: Deps = {
    store,
    clock: { now: () => Date.now() },
    ids: { guid: () => randomUUID() },
    catalog: loadCatalog(config.catalogFile),
    settings: { featureFlagDefaults: { ...DEFAULT_FEATURE_FLAGS } },
    credentials: passwordCredentials,
  };
  const core = createCore(deps);
  const tally = new Tally(process.stdout);
  const source = v['from-cf'] ?? v['from-csm']!;
  const session: ImportSession = {
    core,
    actor: IMPORTER,
    run: { source, dryRun: v['dry-run'], pending: new Set() },
    tally,
    seen: v.prune ? new Map(['organizations', 'spaces', 'roles', 'service_instances', 'instance_shares'].map((k) => [k, new Set<string>()])) : undefined,
    addToCatalog: v['catalog-from-source'] ? (services) => extendCatalog(deps, config.catalogFile!, services, v['dry-run']) : undefined,
    report: (line) => {
      if (v.quiet) return;
      if (process.stdout.isTTY) process.stdout.write('\r\x1b[K');
      process.stdout.write(`${line}\n`);
    },
  };
  let failed: unknown;
  try {
    process.stdout.write(`importing from ${source} into ${config.databaseUrl}${v['dry-run'] ? ' (dry run)' : ''}\n`);
    const http = sourceClient(settings);
    if (cf) {
      const from = new CfSource(v['from-cf']!, http, cf, pageSize);
      await from.login();
      await importFromCf(session, from);
    } else {
      const from = new CsmSource(v['from-csm']!, http, { username: v.username!, password: v.password! }, pageSize);
      await from.login();
      await importFromCsm(session, from, v['csm-space'], Date.now());
    }
    // only after every page was read: a partial read must never remove anything
    if (v.prune) await pruneMissing(session, [...tally.kinds.keys()]);
    for (const p of passwords) {
      try {
        await core.setImportedPassword(IMPORTER, { username: p.username }, p.password, session.run);
        tally.count('passwords', 'updated');
      } catch (e) {
        if (!isDomainError(e)) throw e;
        session.report(`skipped password of ${p.username}: ${reasonOf(e)}`);
        tally.count('passwords', 'skipped', reasonOf(e));
      }
    }
  } catch (e) {
    failed = e;
  }
  tally.finish();
  const users = tally.kinds.get('users');
  const newUsers = users?.counts.created ?? 0;
  if (cf && newUsers > 0 && passwords.length === 0 && !config.uaaUrl) {
    process.stdout.write(
      `${newUsers} imported users have no password here: give them one with --set-passwords-from FILE (user:password lines), or point UAA_URL at the UAA they log in with\n\n`,
    );
  }
  process.stdout.write(v.json ? `${JSON.stringify(summaryJson(tally, v['dry-run'], failed))}\n` : summary(tally, v['dry-run']));
  await store.close();
  if (failed) {
    const message = failed instanceof SourceError ? `the source failed: ${failed.message}` : `import stopped: ${(failed as Error)?.stack ?? String(failed)}`;
    process.stderr.write(`\n${message}\nEvery record written so far is complete; run the same command again to finish (nothing is duplicated).\n`);
    process.exit(1);
  }
}

void main();
