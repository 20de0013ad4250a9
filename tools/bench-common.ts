import Database from 'better-sqlite3';
/** Statistics and table printing shared by the parts of `npm run bench`. */

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

/** Nearest-rank percentiles. */
export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
  return {
    n: s.length,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    mean: s.reduce((a, b) => a + b, 0) / s.length,
    max: s[s.length - 1]!,
  };
}

/** Runs `fn` a few times unmeasured (JIT, caches), then `n` times measured, one at a time. */
export async function timeRepeated(fn: () => unknown, n: number, warmup = Math.min(100, Math.ceil(n / 10))): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return stats(out);
}

/** Median (mean of the two middle values for an even count). */
export function median(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export const ms = (v: number) => v.toFixed(3);
export const round3 = (v: number) => Math.round(v * 1000) / 1000;
export const roundStats = (s: Stats) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, k === 'n' ? v : round3(v)])) as unknown as Stats;

export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** The same seeded generator the demo uses, so runs get the same inputs on every machine. */
export { seededRandom as mulberry32 } from '../core/demo/random';

/** Contacts that count in the database file itself, read beside the running app: the figures' cross-check. */
export function countedContactsIn(file: string): number {
  const reader = new Database(file, { readonly: true });
  try {
    return (reader.prepare('select count(*) as n from contacts where voided_at is null').get() as { n: number }).n;
  } finally {
    reader.close();
  }
}
