// What an import did, per kind of record: counts, the reasons records were skipped, and the progress display
// (a line redrawn in place on a terminal, plain lines every few seconds otherwise).
import { isDomainError } from '../../core/errors';

export type Outcome = 'created' | 'updated' | 'unchanged' | 'skipped' | 'pruned';
export const OUTCOMES: Outcome[] = ['created', 'updated', 'unchanged', 'skipped', 'pruned'];

export interface KindTally {
  kind: string;
  /** what the source says it holds (undefined until its first page) */
  total?: number;
  counts: Record<Outcome, number>;
  /** skip reasons and how often each occurred */
  reasons: Map<string, number>;
}

/** A conflict's reason in words. */
export function reasonOf(e: unknown): string {
  if (!isDomainError(e)) return String((e as Error)?.message ?? e);
  const p = e.params as Record<string, string | undefined>;
  switch (e.code) {
    case 'import.name_taken':
      return `name ${JSON.stringify(p.name)} is taken by another ${p.kind} (${p.guid ?? 'here'})`;
    case 'import.parent_missing':
      return `its ${p.parent} ${p.guid ?? p.name ?? ''} is not here (not imported or skipped)`.replace('  ', ' ');
    case 'import.plan_unknown':
      return `its plan ${p.planGuid ?? `${p.offering ?? '?'}/${p.plan ?? '?'}`} matches none of this catalog (see --catalog-from-source)`;
    case 'import.moved':
      return `it belongs to ${p.to} at the source but to ${p.from} here`;
    case 'import.role_held':
      return `the user already holds this role here under another guid`;
    case 'import.guid_taken':
      return `its guid names a different ${p.kind} here`;
    case 'import.ambiguous_user':
      return `more than one user is named ${p.name}`;
    default:
      return `${e.code}${Object.keys(p).length ? ` ${JSON.stringify(p)}` : ''}`;
  }
}

const fmtTime = (seconds: number) => {
  const s = Math.round(seconds);
  const two = (n: number) => String(n).padStart(2, '0');
  return s >= 3600 ? `${Math.floor(s / 3600)}h${two(Math.floor((s % 3600) / 60))}m` : s >= 60 ? `${Math.floor(s / 60)}m${two(s % 60)}s` : `${s}s`;
};

export class Tally {
  readonly kinds = new Map<string, KindTally>();
  private readonly started = performance.now();
  private lastDraw = 0;
  private current = '';
  private kindStarted = 0;
  private kindDoneAtStart = 0;
  constructor(
    private readonly out: NodeJS.WriteStream | { isTTY?: boolean; write(s: string): unknown },
    private readonly plainEveryMs = 2000,
  ) {}

  kind(kind: string): KindTally {
    let t = this.kinds.get(kind);
    if (!t) this.kinds.set(kind, (t = { kind, counts: { created: 0, updated: 0, unchanged: 0, skipped: 0, pruned: 0 }, reasons: new Map() }));
    return t;
  }

  begin(kind: string, total?: number) {
    const t = this.kind(kind);
    if (total !== undefined) t.total = total;
    if (this.current !== kind) {
      this.current = kind;
      this.kindStarted = performance.now();
      this.kindDoneAtStart = this.done(t);
    }
  }

  count(kind: string, outcome: Outcome, reason?: string) {
    const t = this.kind(kind);
    t.counts[outcome]++;
    if (reason) t.reasons.set(reason, (t.reasons.get(reason) ?? 0) + 1);
    this.draw();
  }

  private done = (t: KindTally) => t.counts.created + t.counts.updated + t.counts.unchanged + t.counts.skipped;

  get records(): number {
    let n = 0;
    for (const t of this.kinds.values()) n += this.done(t);
    return n;
  }

  get seconds(): number {
    return (performance.now() - this.started) / 1000;
  }

  /** The progress line: every kind's count (of its total), the current rate and the time left for this kind. */
  line(): string {
    const parts = [...this.kinds.values()].map((t) => `${t.kind} ${this.done(t)}${t.total !== undefined ? `/${t.total}` : ''}`);
    const cur = this.kinds.get(this.current);
    const elapsed = (performance.now() - this.kindStarted) / 1000;
    const rate = cur && elapsed > 0 ? (this.done(cur) - this.kindDoneAtStart) / elapsed : 0;
    const left = cur?.total !== undefined && rate > 0 ? Math.max(0, cur.total - this.done(cur)) / rate : undefined;
    return `${parts.join(' | ')} | ${Math.round(rate)}/s${left !== undefined ? `, ${this.current} done in about ${fmtTime(left)}` : ''}`;
  }

  draw(force = false) {
    const now = performance.now();
    const tty = Boolean(this.out.isTTY);
    if (!force && now - this.lastDraw < (tty ? 200 : this.plainEveryMs)) return;
    this.lastDraw = now;
    this.out.write(tty ? `\r\x1b[K${this.line()}` : `progress: ${this.line()}\n`);
  }

  /** Ends the progress line (a terminal's line is left as it stands). */
  finish() {
    if (this.out.isTTY) this.out.write(`\r\x1b[K${this.line()}\n`);
  }
}

/** Rows as an aligned text table, numbers right-aligned. */
export function table(headings: string[], rows: string[][]): string {
  const widths = headings.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headings), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
