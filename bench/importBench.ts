// `npm run bench -- --import`: a source sharegate seeded in bulk (bench/seed.ts) with N service instances and N/5
// roles, served on core 0; `npm run import -- --from-cf` into an empty file on the other core. Reports records per
// second and the importer's peak memory for each size (pages are streamed: the peak should not grow with N).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { SCOPES } from '../src/core/actor';
import { mintHs256Token } from '../src/identity/mintToken';
import { startServer, type Server } from './processes';
import { ADMIN_NAME, seedDatabase } from './seed';

const ROOT = path.join(__dirname, '..');
const SECRET = 'bench-import-secret-0123456789abcdef';
/**
 * The importer runs with this old-space limit: V8 grows its heap lazily up to far more than a process needs, so an
 * uncapped peak says little; under a fixed cap, an importer whose memory grew with the source would fail at the
 * larger size.
 */
export const IMPORT_HEAP_MB = 128;

interface Summary {
  kinds: Record<string, Record<string, number>>;
  records: number;
  seconds: number;
  peakRssMb: number;
  error: string | null;
}

function runImporter(database: string, args: string[], log: (m: string) => void): Promise<Summary> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${IMPORT_HEAP_MB}`, '--import', 'tsx', path.join(ROOT, 'src/cli/import.ts'), '--json', '--quiet', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: database, LOG_LEVEL: 'silent', USAGE: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let partial = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      const lines = (partial + d.toString()).split('\n');
      partial = lines.pop()!;
      for (const l of lines) {
        if (l.startsWith('progress:')) log(l);
        else if (l.trim()) out = l;
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('close', (code) => {
      try {
        const summary = JSON.parse(out.trim()) as Summary;
        if (code !== 0) return reject(new Error(`import exited ${code}: ${summary.error}\n${err}`));
        resolve(summary);
      } catch {
        reject(new Error(`import exited ${code} without a summary:\n${err}`));
      }
    });
  });
}

export async function importBench(sizes: number[], dir: string, prefix: string[], servers: Server[], log: (m: string) => void): Promise<void> {
  const rows: string[] = [];
  for (const n of sizes) {
    const source = path.join(dir, `import-source-${n}.db`);
    log(`seeding a source with ${n} service instances and ${n / 5} roles`);
    // users hold two roles each (organization user, one space role)
    const seeded = seedDatabase(source, { instances: n, instanceShares: Math.round(n / 100), userShares: 0, users: Math.round(n / 10), spaces: 200, events: false, writers: 0 });
    log(`seeded in ${(seeded.seedMs / 1000).toFixed(1)} s: ${JSON.stringify(seeded.counts)}`);
    const server = await startServer(`source-${n}`, 'src/main.ts', { DATABASE_URL: source, JWT_SECRET: SECRET, LOG_LEVEL: 'silent', USAGE: 'off', METRICS: 'off' }, prefix);
    servers.push(server);
    const token = await mintHs256Token(SECRET, { username: ADMIN_NAME, scopes: [SCOPES.admin, SCOPES.read, SCOPES.write] });
    const summary = await runImporter(path.join(dir, `import-target-${n}.db`), ['--from-cf', `http://127.0.0.1:${server.port}`, '--token', token], log);
    await server.stop();
    const k = summary.kinds;
    const count = (kind: string) => k[kind]?.created ?? 0;
    rows.push(
      [
        String(n),
        String(count('service_instances')),
        String(count('roles')),
        String(count('instance_shares')),
        String(summary.records),
        summary.seconds.toFixed(1),
        String(Math.round(summary.records / summary.seconds)),
        String(summary.peakRssMb),
        `${Math.round(server.peakRssMb())}`,
      ].join(' | '),
    );
  }
  process.stdout.write(
    [
      `\nnpm run import -- --from-cf (a sharegate source on core 0, the importer on core 1 with --max-old-space-size=${IMPORT_HEAP_MB}; every record one transaction)\n`,
      '| instances at source | instances imported | roles | instance shares | records (all kinds) | seconds | records/s | importer peak RSS MB | source peak RSS MB |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows.map((r) => `| ${r} |`),
      '',
    ].join('\n'),
  );
}
