// `npm run bench` (every dialect's hot paths against a bare express baseline) and `npm run bench -- --scale`
// (how a get and a list page grow with 1k, 100k and 1M service instances). Results: a table on stdout and
// bench/results/latest.json. Progress goes to stderr.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mintHs256Token } from '../src/identity/mintToken';
import { medianFigures, runLoad, type LoadSettings, type RunFigures } from './load';
import { importBench } from './importBench';
import { pinning, startServer, type Server } from './processes';
import { call, isUnknownRoute, roleScenarios, scaleScenarios, standardScenarios, type Context, type Scenario } from './scenarios';
import { ADMIN_NAME, DEV_NAME, ROLES_USER, seedDatabase, seedRolesDatabase, type DatasetSpec, type Fixture, type RolesSpec } from './seed';

interface Options {
  scale: boolean;
  connections: number;
  duration: number;
  warmup: number;
  rounds: number;
  only?: string[];
  sizes: number[];
  /** write a CPU profile of the gateway to bench/results/profiles */
  profile: boolean;
  /** npm run import from a seeded local source instead of the load scenarios */
  import: boolean;
  sizesGiven?: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { scale: false, connections: 50, duration: 5, warmup: 2, rounds: 3, sizes: [1_000, 100_000, 1_000_000], profile: false, import: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--scale') o.scale = true;
    else if (a === '--connections') o.connections = Number(value());
    else if (a === '--duration') o.duration = Number(value());
    else if (a === '--warmup') o.warmup = Number(value());
    else if (a === '--rounds') o.rounds = Number(value());
    else if (a === '--only') o.only = value().split(',');
    else if (a === '--sizes') {
      o.sizes = value().split(',').map(Number);
      o.sizesGiven = true;
    } else if (a === '--import') o.import = true;
    else if (a === '--profile') o.profile = true;
    else if (a === '--help' || a === '-h') {
      process.stdout.write(
        'npm run bench [-- --scale] [--connections 50] [--duration 5] [--warmup 2] [--rounds 3] [--only id,id] [--sizes 1000,100000,1000000] [--profile]\n       npm run bench -- --import [--sizes 20000,100000] (service instances; a fifth as many roles)\n',
      );
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  return o;
}

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
const RESULTS = path.join(__dirname, 'results', 'latest.json');

const STANDARD_DATASET = (writers: number): DatasetSpec => ({
  instances: 20_000,
  instanceShares: 5_000,
  userShares: 2_000,
  users: 2_000,
  spaces: 200,
  events: true,
  writers,
});

const SCALE_DATASET = (n: number): DatasetSpec => ({
  instances: n,
  instanceShares: n,
  userShares: Math.min(n, 2_000),
  users: 1_000,
  spaces: Math.max(20, Math.round(n / 50)),
  events: false,
  writers: 1,
});

const PROFILES = path.join(__dirname, 'results', 'profiles');

/** cf-performance-tests' roles shape: 100,000 organizations of one space; one user with the four org roles in 10,000
 * of them and the four space roles in 10,000 spaces. */
const ROLES_DATASET: RolesSpec = { organizations: 100_000, orgRoles: 10_000, spaceRoles: 10_000 };
const ROLES_TARGET_MS = 20;

async function startGateway(file: string, prefix: string[], profile: boolean) {
  const secret = randomBytes(32).toString('base64url');
  const csmLogin = { username: 'bench-csm-admin', password: randomBytes(12).toString('base64url') };
  const server = await startServer(
    'sharegate',
    'src/main.ts',
    {
      DATABASE_URL: file,
      JWT_SECRET: secret,
      LOG_LEVEL: 'info',
      ADMIN_USERNAME: csmLogin.username,
      ADMIN_PASSWORD: csmLogin.password,
    },
    prefix,
    profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILES}`] : [],
  );
  return { server, secret, csmLogin };
}

async function contextFor(server: Server, secret: string, fixture: Fixture, csmLogin: Context['csmLogin'], users: number): Promise<Context> {
  return {
    gatewayPort: server.port,
    fixture,
    devToken: await mintHs256Token(secret, { username: DEV_NAME, ttlSeconds: 6 * 3600 }),
    adminToken: await mintHs256Token(secret, { username: ADMIN_NAME, admin: true, ttlSeconds: 6 * 3600 }),
    csmLogin,
    // CSM shares an instance only with users of its tenant: the grantees of the first organization, where the
    // writer instances live
    userNames: fixture.writerGrantees.length > 0 ? fixture.writerGrantees.map((_, w) => `bench-grantee-${w}`) : Array.from({ length: Math.min(users, 200) }, (_, i) => `user-${i}`),
  };
}

type Status = 'ok' | 'absent' | 'error';
interface Measured {
  scenario: Scenario;
  status: Status;
  reason?: string;
  runs: RunFigures[];
  figures?: RunFigures;
}

/** Which scenarios can run: a route that answers CC's "Unknown request" belongs to a dialect not built yet. */
async function probe(scenarios: Scenario[], port: number): Promise<Measured[]> {
  const out: Measured[] = [];
  for (const scenario of scenarios) {
    const m: Measured = { scenario, status: 'ok', runs: [] };
    if (scenario.probe) {
      const p = scenario.probe();
      const r = await call(port, p.method, p.path, p.headers, p.body === undefined ? undefined : JSON.parse(p.body));
      if (isUnknownRoute(r)) Object.assign(m, { status: 'absent', reason: 'dialect not built: the route answers 404 Unknown request' });
    }
    out.push(m);
  }
  return out;
}

const sameBytesId = (id: string) => `same-${id}`;

/** One response body of each list scenario (and each read marked sameBytes), parsed, by scenario id. */
async function sampleBodies(measured: Measured[], port: number): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const m of measured) {
    if (m.status !== 'ok' || !(m.scenario.kind === 'list' || m.scenario.sameBytes)) continue;
    await m.scenario.prepare?.();
    const r = m.scenario.next(0);
    const reply = await call(port, r.method, r.path, r.headers, r.body === undefined ? undefined : JSON.parse(r.body));
    if (reply.status !== 200) throw new Error(`${m.scenario.id}: ${r.method} ${r.path} answered ${reply.status}: ${reply.text.slice(0, 200)}`);
    out[m.scenario.id] = JSON.parse(reply.text);
  }
  return out;
}

/** Rounds over all scenarios (interleaved, so that a noisy moment does not hit one scenario only); medians reported. */
async function measure(measured: Measured[], ports: Record<Scenario['target'], number>, o: Options) {
  const settings: LoadSettings = { connections: o.connections, duration: o.duration };
  for (let round = 0; round < o.rounds; round++) {
    for (const m of measured) {
      if (m.status !== 'ok') continue;
      const port = ports[m.scenario.target];
      try {
        if (round === 0 && o.warmup > 0) {
          await m.scenario.prepare?.();
          await runLoad(port, m.scenario.next, { ...settings, duration: o.warmup });
        }
        await m.scenario.prepare?.();
        const figures = await runLoad(port, m.scenario.next, settings);
        m.runs.push(figures);
        log(
          `round ${round + 1}/${o.rounds} ${m.scenario.id}: ${Math.round(figures.rps)} req/s, p50 ${figures.p50} ms, p99 ${figures.p99} ms${figures.non2xx ? `, non-2xx ${figures.non2xx} ${JSON.stringify(figures.statuses)}` : ''}`,
        );
      } catch (e) {
        m.status = 'error';
        m.reason = (e as Error).message.split('\n')[0];
        log(`${m.scenario.id}: ${m.reason}`);
      }
    }
  }
  for (const m of measured) if (m.runs.length) m.figures = medianFigures(m.runs);
}

// ---------- presentation ----------

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '-');

function table(headers: string[], rows: string[][], right: boolean[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (right[i] ? `${'-'.repeat(w + 1)}:` : `${'-'.repeat(w + 2)}`)).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

/** The issue's targets: single-resource reads and writes against the small-JSON baseline, lists against the same bytes. */
const TARGETS = {
  read: { ratio: 0.65, of: 'small JSON', p99: 40 },
  list: { ratio: 0.5, of: 'same bytes', p99: 100 },
  write: { ratio: 0.35, of: 'small JSON', p99: Infinity },
} as const;
const TARGET_TEXT = 'read >= 0.65x small, p99 <= 40 ms; list >= 0.5x same bytes, p99 <= 100 ms; write >= 0.35x small';

interface Ratios {
  small: number;
  same?: number;
}

function ratiosOf(m: Measured, measured: Measured[]): Ratios {
  const rps = m.figures?.rps ?? NaN;
  const small = measured.find((x) => x.scenario.id === 'baseline')?.figures?.rps ?? NaN;
  const same = measured.find((x) => x.scenario.id === sameBytesId(m.scenario.id))?.figures?.rps;
  return { small: rps / small, same: same === undefined ? undefined : rps / same };
}

function verdict(m: Measured, r: Ratios): string {
  if (m.scenario.kind === 'baseline' || !m.figures) return '';
  const t = TARGETS[m.scenario.kind];
  const f = m.figures;
  const ratio = t.of === 'same bytes' ? (r.same ?? NaN) : r.small;
  const misses: string[] = [];
  if (!(ratio >= t.ratio)) misses.push(`${t.of} ratio < ${t.ratio}`);
  if (f.p99 > t.p99) misses.push(`p99 > ${t.p99}`);
  if (f.non2xx || f.errors) misses.push('non-2xx/errors');
  return misses.length ? `MISS (${misses.join(', ')})` : 'ok';
}

function standardTable(measured: Measured[]) {
  const rows = measured.map((m) => {
    const f = m.figures;
    if (m.status === 'absent') return [m.scenario.label, 'absent', '', '', '', '', '', ''];
    if (!f) return [m.scenario.label, 'error', '', '', '', '', '', m.reason ?? ''];
    const r = ratiosOf(m, measured);
    const base = m.scenario.kind === 'baseline';
    return [
      m.scenario.label,
      fmt(f.rps),
      fmt(f.p50),
      fmt(f.p99),
      base ? '' : fmt(r.small, 2),
      base || r.same === undefined ? '' : fmt(r.same, 2),
      fmt(f.non2xx + f.errors),
      m.status === 'error' ? `error: ${m.reason}` : verdict(m, r),
    ];
  });
  return table(['path', 'req/s', 'p50 ms', 'p99 ms', 'x small JSON', 'x same bytes', 'non-2xx', `target (${TARGET_TEXT})`], rows, [
    false,
    true,
    true,
    true,
    true,
    true,
    true,
    false,
  ]);
}

function machine(o: Options, pinNote: string) {
  return {
    date: new Date().toISOString(),
    node: process.version,
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    platform: `${process.platform} ${os.release()} ${process.arch}`,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    pinning: pinNote,
    settings: {
      connections: o.connections,
      durationSeconds: o.duration,
      warmupSeconds: o.warmup,
      rounds: o.rounds,
      pipelining: 1,
      statistic: 'median of rounds',
      only: o.only,
      profiled: o.profile || undefined,
    },
  };
}

function writeResults(section: 'standard' | 'scale', data: unknown, meta: ReturnType<typeof machine>) {
  fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
  let previous: Record<string, unknown> = {};
  try {
    previous = JSON.parse(fs.readFileSync(RESULTS, 'utf8')) as Record<string, unknown>;
  } catch {
    /* first run */
  }
  // each mode replaces its own section and keeps the other one, so both can be compared across runs
  fs.writeFileSync(RESULTS, JSON.stringify({ ...previous, machine: meta, [section]: { machine: meta, ...(data as object) } }, null, 2) + '\n');
  log(`results written to ${path.relative(process.cwd(), RESULTS)}`);
}

const round3 = (n: number | undefined) => (n === undefined ? undefined : Math.round(n * 1000) / 1000);

const figuresJson = (f: RunFigures | undefined) =>
  f && {
    rps: Math.round(f.rps),
    p50Ms: f.p50,
    p99Ms: f.p99,
    meanMs: Math.round(f.mean * 100) / 100,
    maxMs: f.max,
    responses: f.responses,
    non2xx: f.non2xx,
    errors: f.errors,
    statuses: f.statuses,
  };

// ---------- the two modes ----------

async function standard(o: Options, dir: string, prefix: string[], meta: ReturnType<typeof machine>, servers: Server[]) {
  const file = path.join(dir, 'sharegate.db');
  log('seeding the data set');
  const fixture = seedDatabase(file, STANDARD_DATASET(o.connections));
  log(`seeded in ${(fixture.seedMs / 1000).toFixed(1)} s: ${JSON.stringify(fixture.counts)}`);
  const { server, secret, csmLogin } = await startGateway(file, prefix, o.profile);
  servers.push(server);
  const ctx = await contextFor(server, secret, fixture, csmLogin, STANDARD_DATASET(o.connections).users);
  let scenarios = standardScenarios(ctx);
  if (o.only) scenarios = scenarios.filter((s) => s.kind === 'baseline' || o.only!.includes(s.id));
  const measured = await probe(scenarios, server.port);
  // the same-bytes baselines: each list's (and marked read's) body as the gateway sends it, answered by bare express
  const samples = await sampleBodies(measured, server.port);
  const samplesFile = path.join(dir, 'samples.json');
  fs.writeFileSync(samplesFile, JSON.stringify(samples));
  const baseline = await startServer('baseline', 'bench/baseline.ts', { BASELINE_SAMPLES: samplesFile }, prefix);
  servers.push(baseline);
  const sameBytes = measured.flatMap((m): Measured[] => {
    const body = samples[m.scenario.id];
    if (body === undefined) return [];
    const bytes = Buffer.byteLength(JSON.stringify(body));
    return [
      {
        scenario: {
          id: sameBytesId(m.scenario.id),
          label: `baseline: same bytes as ${m.scenario.id} (${fmt(bytes / 1024, 1)} KB)`,
          dialect: 'baseline',
          kind: 'baseline',
          target: 'baseline',
          next: () => ({ method: 'GET', path: `/same/${m.scenario.id}` }),
        },
        status: 'ok',
        runs: [],
      },
    ];
  });
  measured.splice(1, 0, ...sameBytes);
  const running = measured.filter((m) => m.status === 'ok').length;
  log(`${running} scenarios to run (${measured.length - running} absent), ${o.rounds} rounds of ${o.duration} s at ${o.connections} connections`);
  await measure(measured, { baseline: baseline.port, gateway: server.port }, o);
  const rss = server.peakRssMb();

  const base = measured.find((m) => m.scenario.id === 'baseline')?.figures?.rps ?? NaN;
  process.stdout.write(
    `\nsharegate vs bare express 5 — ${meta.cores} cores, Node ${meta.node}, ${o.connections} connections, ${o.duration} s per run, median of ${o.rounds} runs (${meta.pinning})\n`,
  );
  process.stdout.write(
    `data set: ${Object.entries(fixture.counts)
      .map(([k, v]) => `${fmt(v)} ${k}`)
      .join(', ')}; requests as a space developer/manager unless noted\n\n`,
  );
  process.stdout.write(standardTable(measured) + '\n');
  process.stdout.write(`\ngateway peak RSS: ${fmt(rss)} MB\n`);
  const slowest = measured.filter((m) => m.figures && m.scenario.kind !== 'baseline').sort((a, b) => a.figures!.rps - b.figures!.rps)[0];
  if (slowest) process.stdout.write(`slowest path: ${slowest.scenario.label} (${fmt(slowest.figures!.rps)} req/s, ${fmt(slowest.figures!.rps / base, 2)} x baseline)\n`);

  writeResults(
    'standard',
    {
      dataset: fixture.counts,
      seedMs: fixture.seedMs,
      gatewayPeakRssMb: Math.round(rss),
      results: measured.map((m) => ({
        id: m.scenario.id,
        path: m.scenario.label,
        dialect: m.scenario.dialect,
        kind: m.scenario.kind,
        status: m.status,
        reason: m.reason,
        median: figuresJson(m.figures),
        ratioToBaseline: m.figures ? Math.round((m.figures.rps / base) * 1000) / 1000 : undefined,
        ratioToSameBytes: m.figures ? round3(ratiosOf(m, measured).same) : undefined,
        target: m.figures ? verdict(m, ratiosOf(m, measured)) || undefined : undefined,
        runs: m.runs.map(figuresJson),
      })),
    },
    meta,
  );
}

async function scale(o: Options, dir: string, prefix: string[], meta: ReturnType<typeof machine>, servers: Server[]) {
  const sizes: { n: number; seedMs: number; counts: Record<string, number>; rssMb: number; measured: Measured[] }[] = [];
  const wanted = (ids: string[]) => !o.only || ids.some((id) => o.only!.includes(id));
  for (const n of wanted(['v3-get', 'v3-list', 'v3-list-admin']) ? o.sizes : []) {
    const file = path.join(dir, `scale-${n}.db`);
    log(`seeding ${fmt(n)} service instances`);
    const fixture = seedDatabase(file, SCALE_DATASET(n));
    log(`seeded in ${(fixture.seedMs / 1000).toFixed(1)} s: ${JSON.stringify(fixture.counts)}`);
    const { server, secret, csmLogin } = await startGateway(file, prefix, o.profile);
    servers.push(server);
    const ctx = await contextFor(server, secret, fixture, csmLogin, SCALE_DATASET(n).users);
    let scenarios = scaleScenarios(ctx);
    if (o.only) scenarios = scenarios.filter((s) => o.only!.includes(s.id));
    const measured = scenarios.map((scenario): Measured => ({ scenario, status: 'ok', runs: [] }));
    await measure(measured, { baseline: 0, gateway: server.port }, o);
    const rssMb = server.peakRssMb();
    await server.stop();
    servers.splice(servers.indexOf(server), 1);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    sizes.push({ n, seedMs: fixture.seedMs, counts: fixture.counts, rssMb, measured });
  }

  const roles = await rolesAtScale(o, dir, prefix, servers);

  const small = sizes[0];
  if (small) {
    process.stdout.write(
      `\nsharegate at scale — ${meta.cores} cores, Node ${meta.node}, ${o.connections} connections, ${o.duration} s per run, median of ${o.rounds} runs (${meta.pinning})\n`,
    );
    process.stdout.write('each size: N service instances, N instance->space shares, N/50 spaces; requests as a developer of 10 spaces unless noted\n\n');
    const rows: string[][] = [];
    for (const s of sizes) {
      for (const m of s.measured) {
        const f = m.figures;
        const ref = small.measured.find((x) => x.scenario.id === m.scenario.id)?.figures;
        if (!f) {
          rows.push([fmt(s.n), m.scenario.label, 'error', '', '', '', '', m.reason ?? '']);
          continue;
        }
        const ratio = ref ? f.mean / ref.mean : NaN;
        const ok = s === small ? '' : ratio <= 1.5 ? 'ok' : 'MISS (> 1.5)';
        rows.push([fmt(s.n), m.scenario.label, fmt(f.rps), fmt(f.mean, 2), fmt(f.p50), fmt(f.p99), fmt(ratio, 2), ok]);
      }
    }
    process.stdout.write(
      table(['instances', 'path', 'req/s', 'mean ms', 'p50 ms', 'p99 ms', `mean vs ${fmt(small.n)}`, 'target (<= 1.5x)'], rows, [
        true,
        false,
        true,
        true,
        true,
        true,
        true,
        false,
      ]) + '\n\n',
    );
    process.stdout.write(
      table(
        ['instances', 'seed s', 'server peak RSS MB', 'target (< 300 MB)'],
        sizes.map((s) => [fmt(s.n), fmt(s.seedMs / 1000, 1), fmt(s.rssMb), s.rssMb < 300 ? 'ok' : 'MISS']),
        [true, true, true, false],
      ) + '\n',
    );
  }

  if (roles) {
    process.stdout.write(
      `\nGET /v3/roles at Cloud Controller's performance-suite scale (${Object.entries(roles.counts)
        .map(([k, v]) => `${fmt(v)} ${k}`)
        .join(', ')}), sequential requests (1 connection)\n\n`,
    );
    process.stdout.write(
      table(
        ['path', 'req/s', 'mean ms', 'p50 ms', 'p99 ms', `target (mean < ${ROLES_TARGET_MS} ms)`],
        roles.measured.map((m) =>
          m.figures
            ? [
                m.scenario.label,
                fmt(m.figures.rps),
                fmt(m.figures.mean, 2),
                fmt(m.figures.p50),
                fmt(m.figures.p99),
                m.figures.mean < ROLES_TARGET_MS && !m.figures.non2xx ? 'ok' : 'MISS',
              ]
            : [m.scenario.label, 'error', '', '', '', m.reason ?? ''],
        ),
        [false, true, true, true, true, false],
      ) + '\n',
    );
  }

  writeResults(
    'scale',
    {
      roles: roles && {
        dataset: roles.counts,
        seedMs: roles.seedMs,
        connections: 1,
        results: roles.measured.map((m) => ({
          id: m.scenario.id,
          path: m.scenario.label,
          status: m.status,
          reason: m.reason,
          median: figuresJson(m.figures),
          runs: m.runs.map(figuresJson),
        })),
      },
      sizes: sizes.map((s) => ({
        instances: s.n,
        dataset: s.counts,
        seedMs: s.seedMs,
        gatewayPeakRssMb: Math.round(s.rssMb),
        results: s.measured.map((m) => {
          const ref = small!.measured.find((x) => x.scenario.id === m.scenario.id)?.figures;
          return {
            id: m.scenario.id,
            path: m.scenario.label,
            status: m.status,
            reason: m.reason,
            median: figuresJson(m.figures),
            meanRatioToSmallest: m.figures && ref ? Math.round((m.figures.mean / ref.mean) * 100) / 100 : undefined,
            runs: m.runs.map(figuresJson),
          };
        }),
      })),
    },
    meta,
  );
}

/** The roles shape, seeded in bulk, measured with sequential requests as Cloud Controller's suite sends them. */
async function rolesAtScale(o: Options, dir: string, prefix: string[], servers: Server[]) {
  let scenarios = roleScenarios({ adminToken: '', userToken: '' });
  if (o.only && !scenarios.some((s) => o.only!.includes(s.id))) return undefined;
  const file = path.join(dir, 'roles.db');
  log(`seeding the roles shape: ${JSON.stringify(ROLES_DATASET)}`);
  const seeded = seedRolesDatabase(file, ROLES_DATASET);
  log(`seeded in ${(seeded.seedMs / 1000).toFixed(1)} s: ${JSON.stringify(seeded.counts)}`);
  const { server, secret } = await startGateway(file, prefix, o.profile);
  servers.push(server);
  scenarios = roleScenarios({
    adminToken: await mintHs256Token(secret, { username: ADMIN_NAME, admin: true, ttlSeconds: 6 * 3600 }),
    userToken: await mintHs256Token(secret, { username: ROLES_USER, ttlSeconds: 6 * 3600 }),
  });
  if (o.only) scenarios = scenarios.filter((s) => o.only!.includes(s.id));
  const measured = scenarios.map((scenario): Measured => ({ scenario, status: 'ok', runs: [] }));
  await measure(measured, { baseline: 0, gateway: server.port }, { ...o, connections: 1 });
  await server.stop();
  servers.splice(servers.indexOf(server), 1);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  return { counts: seeded.counts, seedMs: seeded.seedMs, measured };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const pin = pinning();
  const meta = machine(o, pin.note);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sharegate-bench-'));
  const servers: Server[] = [];
  const cleanup = async () => {
    await Promise.all(servers.map((s) => s.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    if (o.import) await importBench(o.sizesGiven ? o.sizes : [20_000, 100_000], dir, pin.server, servers, log);
    else if (o.scale) await scale(o, dir, pin.server, meta, servers);
    else await standard(o, dir, pin.server, meta, servers);
  } finally {
    await cleanup();
  }
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((e) => {
  process.stderr.write(`[bench] failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
