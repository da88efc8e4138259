// `npm run usage -- [--since 30d] [--until DATE] [--dialect D] [--user U] [--json]`: the usage report of the database
// DATABASE_URL names, as a table (the same rows GET /admin/usage answers).
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { presentUsage } from '../ops/opsRouter';
import { UsageQuery, usageFilterOf } from '../ops/usageQuery';
import { openStore } from '../store/openStore';

const USAGE = 'usage: npm run usage -- [--since 30d|YYYY-MM-DD] [--until 0d|YYYY-MM-DD] [--dialect cf-v2|csm|...] [--user NAME_OR_GUID] [--json]\n';

/** Rows as an aligned text table. */
export function formatTable(headings: string[], rows: string[][]): string {
  const widths = headings.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(headings), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main() {
  const { values } = parseArgs({
    options: {
      since: { type: 'string' },
      until: { type: 'string' },
      dialect: { type: 'string' },
      user: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const query = UsageQuery.safeParse({ since: values.since, until: values.until, dialect: values.dialect, user: values.user });
  if (!query.success) {
    process.stderr.write(`${query.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n')}\n${USAGE}`);
    process.exit(2);
  }
  const config = loadConfig();
  const store = openStore(config.databaseUrl, { poolSize: 1 });
  try {
    const period = usageFilterOf(query.data, Date.now());
    const rows = (await store.listUsage(period)).map(presentUsage);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ since: period.sinceDay, until: period.untilDay, rows }, null, 2)}\n`);
      return;
    }
    process.stdout.write(`usage from ${period.sinceDay} to ${period.untilDay} (UTC days) in ${config.databaseUrl}\n\n`);
    const cells = rows.map((r) => [r.dialect, r.route, r.client, r.user, String(r.count), r.firstSeen, r.lastSeen]);
    process.stdout.write(`${formatTable(['dialect', 'route', 'client', 'user', 'count', 'first seen', 'last seen'], cells)}\n`);
    process.stdout.write(`\n${rows.length} rows, ${rows.reduce((n, r) => n + r.count, 0)} calls\n`);
  } finally {
    await store.close();
  }
}

void main();
