// The usage report as a page: calls per day per dialect over the period (an SVG chart drawn here, no external
// assets), then the busiest legacy clients and users.
import type { UsageReport } from '../core/queries/operability';
import type { Dialect } from '../http/dialect';
import { daysOf, type UsagePeriod } from './usageQuery';

const COLOURS: Record<string, string> = { 'cf-v3': '#1f77b4', 'cf-v2': '#d62728', csm: '#ff7f0e', 'env-shares': '#2ca02c', uaa: '#9467bd', other: '#7f7f7f' };
/** the dialects a migration moves clients away from */
const LEGACY: readonly string[] = ['cf-v2', 'csm', 'env-shares'] satisfies Dialect[];

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function chart(report: UsageReport, days: string[]): string {
  const W = 800;
  const H = 260;
  const left = 50;
  const bottom = 30;
  const perDialect = new Map<string, Map<string, number>>();
  for (const d of report.daily) {
    const m = perDialect.get(d.dialect) ?? new Map<string, number>();
    m.set(d.day, d.count);
    perDialect.set(d.dialect, m);
  }
  const top = Math.max(1, ...report.daily.map((d) => d.count));
  const x = (i: number) => left + (days.length <= 1 ? 0 : (i * (W - left - 10)) / (days.length - 1));
  const y = (n: number) => H - bottom - (n * (H - bottom - 10)) / top;
  const lines = [...perDialect].map(([dialect, counts]) => {
    const points = days.map((day, i) => `${x(i).toFixed(1)},${y(counts.get(day) ?? 0).toFixed(1)}`).join(' ');
    return `<polyline fill="none" stroke="${COLOURS[dialect] ?? '#000'}" stroke-width="2" points="${points}"><title>${escape(dialect)}</title></polyline>`;
  });
  const axis = [
    `<line x1="${left}" y1="${H - bottom}" x2="${W - 10}" y2="${H - bottom}" stroke="#333"/>`,
    `<line x1="${left}" y1="10" x2="${left}" y2="${H - bottom}" stroke="#333"/>`,
    `<text x="${left - 5}" y="${y(top) + 4}" text-anchor="end" font-size="11">${top}</text>`,
    `<text x="${left - 5}" y="${H - bottom + 4}" text-anchor="end" font-size="11">0</text>`,
    `<text x="${left}" y="${H - 10}" font-size="11">${escape(days[0] ?? '')}</text>`,
    `<text x="${W - 10}" y="${H - 10}" text-anchor="end" font-size="11">${escape(days[days.length - 1] ?? '')}</text>`,
  ];
  const legend = [...perDialect.keys()].map(
    (d, i) =>
      `<g transform="translate(${left + 10 + i * 110},12)"><rect width="10" height="10" fill="${COLOURS[d] ?? '#000'}"/><text x="14" y="9" font-size="11">${escape(d)}</text></g>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="calls per day per dialect" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${[...axis, ...lines, ...legend].join('')}</svg>`;
}

function busiest<K extends string>(rows: UsageReport['rows'], keyOf: (r: UsageReport['rows'][number]) => Record<K, string>, limit = 20) {
  const totals = new Map<string, { key: Record<K, string>; count: number; lastSeen: number }>();
  for (const r of rows) {
    const key = keyOf(r);
    const id = JSON.stringify(key);
    const t = totals.get(id) ?? { key, count: 0, lastSeen: 0 };
    t.count += r.count;
    t.lastSeen = Math.max(t.lastSeen, r.lastSeen);
    totals.set(id, t);
  }
  return [...totals.values()].sort((a, b) => b.count - a.count).slice(0, limit);
}

function table(headings: string[], rows: string[][]): string {
  if (rows.length === 0) return '<p>None in this period.</p>';
  const head = headings.map((h) => `<th>${escape(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export function usagePage(report: UsageReport, period: UsagePeriod): string {
  const days = daysOf(period);
  const legacy = report.rows.filter((r) => LEGACY.includes(r.dialect));
  const clients = busiest(legacy, (r) => ({ dialect: r.dialect, clientId: r.clientId, agent: r.agent }));
  const users = busiest(legacy, (r) => ({ dialect: r.dialect, user: r.userName || r.userGuid }));
  const iso = (ms: number) => new Date(ms).toISOString();
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>sharegate usage ${escape(period.sinceDay)} to ${escape(period.untilDay)}</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}</style></head>
<body>
<h1>Usage from ${escape(period.sinceDay)} to ${escape(period.untilDay)}${period.dialect ? ` (${escape(period.dialect)})` : ''}${period.user ? ` for ${escape(period.user)}` : ''}</h1>
<h2>Calls per day per dialect</h2>
${chart(report, days)}
<h2>Busiest legacy clients</h2>
${table(
  ['dialect', 'client', 'user agent', 'calls', 'last seen'],
  clients.map((c) => [c.key.dialect, c.key.clientId, c.key.agent, String(c.count), iso(c.lastSeen)]),
)}
<h2>Busiest legacy users</h2>
${table(
  ['dialect', 'user', 'calls', 'last seen'],
  users.map((u) => [u.key.dialect, u.key.user, String(u.count), iso(u.lastSeen)]),
)}
</body></html>
`;
}
