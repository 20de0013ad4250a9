import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportFilters } from '../../core/analysis/filter-inputs';
import { seededRandom } from '../../core/demo/random';
import { publishedCount, sumKeys } from '../../core/publication/cell-key';
import type { Client } from '../../core/api/contract';
import type { Report } from '../../core/reports/report-types';
import { applyPublicationMode, isSmall } from '../../core/reports/suppression';
import { refusal } from '../support/refusal';
import { openTempCore, type TempCore } from '../support/temp-core';
import { possibleTrueCounts, SEED_FROM, SEED_NOW, SEED_TO, sameDeviationIn3600ths, seedPublicationSite } from './publication-seed';
import { cellIn, reportCells } from './report-cells';

/**
 * Differencing attacks (issue 17) against the real report engine (`getReport` through the contract)
 * on a seeded half year of about 2,000 contacts with seeded record keys (publication-seed.ts), so the
 * outcome is the same on every run.
 *
 * An attack takes two published reports A and B whose contacts differ by a target set (B ⊆ A: a
 * shorter period, or the same period with some contacts filtered out) and reads a cell of the target
 * as "A's cell minus B's cell". With small-cell suppression that recovers counts the target's own
 * table hides. With the cell-key method the attacker only learns published A − published B: the true
 * difference is certain only if the published figures leave one value possible, and the guess
 * "published A − published B" is right exactly when both cells got the same deviation.
 *
 * The attacker here holds A and B. One who also reads the target's own published cell (a third figure, whose key is
 * A's minus B's) learns a little more: by an exhaustive run over key sixtieths it then pins a true 1 or 2 in about 3
 * of 10,000 such attacks (for example A published 0, B 3, the target 3: only 1 fits), none among these 1,000.
 */

let core: TempCore;
let threshold: number;

beforeAll(async () => {
  core = await openTempCore(SEED_NOW);
  const seeded = await seedPublicationSite(core.client, { contacts: 2000, seed: 17 });
  // Every contact's record key came from the seeded generator: the published figures are the same on every run.
  expect(seeded.keysDrawn).toBe(seeded.contacts);
  threshold = (await core.client.getReport({ from: SEED_FROM, to: SEED_TO, publication: true, publicationMethod: 'suppression' })).publication.threshold;
}, 120_000);

afterAll(() => core?.dispose());

type Method = 'plain' | 'cellKey' | 'suppression';
const reports = new Map<string, Promise<Report>>();

/** A report of the period with the filters, plain or published by a method; each asked once. */
function report(from: string, to: string, method: Method, filters: ReportFilters = []): Promise<Report> {
  const input: Parameters<Client['getReport']>[0] = {
    from,
    to,
    publication: method !== 'plain',
    ...(method === 'suppression' && { publicationMethod: 'suppression' as const }),
    ...(method === 'cellKey' && { publicationMethod: 'cellKey' as const }),
    ...(filters.length > 0 && { filters }),
  };
  const key = JSON.stringify(input);
  if (!reports.has(key)) reports.set(key, core.client.getReport(input));
  return reports.get(key)!;
}

/** The true counts a published difference of two cells (B ⊆ A) leaves possible: a − b for every a and b the two published values can come from. */
function possibleDifferences(publishedA: number, publishedB: number): number[] {
  const out = new Set<number>();
  for (const a of possibleTrueCounts(publishedA)) for (const b of possibleTrueCounts(publishedB)) if (a >= b) out.add(a - b);
  return [...out].sort((x, y) => x - y);
}

const topicKey = async (labelDe: string) => (await core.client.getCatalog({})).topics.find((t) => t.labelDe === labelDe)!.id;

/**
 * The cell-key method worked out here from the database itself: the contacts of the period with the topic (and not in
 * the language), their number and the sum of their record keys, published by the table. The engine must publish exactly that.
 */
async function expectedPublished(from: string, to: string, topicId: number, notLanguage?: string): Promise<{ n: number; published: number }> {
  let query = core.database.db
    .selectFrom('contacts as c')
    .innerJoin('contact_topics as t', 't.contact_id', 'c.id')
    .innerJoin('languages as l', 'l.id', 'c.language_id')
    .select(['c.id', 'c.record_key'])
    .distinct()
    .where('t.topic_id', '=', topicId)
    .where('c.voided_at', 'is', null)
    .where('c.local_day', '>=', from)
    .where('c.local_day', '<=', to);
  if (notLanguage) query = query.where('l.code', '!=', notLanguage);
  const rows = await query.execute();
  return { n: rows.length, published: publishedCount(rows.length, sumKeys(rows.map((r) => Number(r.record_key)))) };
}

describe('the two attacks of the issue, literally', () => {
  it('across periods: suppression hides March "Gewaltschutz: ·", but January–February 13 and the first quarter 15 give it away as 2', async () => {
    const gewalt = `topic:${await topicKey('Gewaltschutz')}`;
    const march = reportCells(await report('2026-03-01', '2026-03-31', 'suppression'));
    const janFeb = reportCells(await report('2026-01-01', '2026-02-28', 'suppression'));
    const q1 = reportCells(await report('2026-01-01', '2026-03-31', 'suppression'));
    expect(march.get(gewalt)).toBeNull();
    expect([janFeb.get(gewalt), q1.get(gewalt)]).toEqual([13, 15]);
    expect(q1.get(gewalt)! - janFeb.get(gewalt)!).toBe(2);
    expect(reportCells(await report('2026-03-01', '2026-03-31', 'plain')).get(gewalt)).toBe(2);
  });

  it("across periods with the cell-key method: each figure is the table's value for its contacts' count and key sum, and the three leave March more than one possible count", async () => {
    const id = await topicKey('Gewaltschutz');
    const gewalt = `topic:${id}`;
    const march = cellIn(reportCells(await report('2026-03-01', '2026-03-31', 'cellKey')), gewalt)!;
    const janFeb = cellIn(reportCells(await report('2026-01-01', '2026-02-28', 'cellKey')), gewalt)!;
    const q1 = cellIn(reportCells(await report('2026-01-01', '2026-03-31', 'cellKey')), gewalt)!;
    // Exactly the table's value for each set's count and key sum (its mentions row is the same set: the same value).
    const oracle = [await expectedPublished('2026-03-01', '2026-03-31', id), await expectedPublished('2026-01-01', '2026-02-28', id)];
    oracle.push(await expectedPublished('2026-01-01', '2026-03-31', id));
    expect(oracle.map((o) => o.n)).toEqual([2, 13, 15]);
    expect([march, janFeb, q1]).toEqual(oracle.map((o) => o.published));
    expect(cellIn(reportCells(await report('2026-03-01', '2026-03-31', 'cellKey')), `mention:${id}`)).toBe(march);
    // Each published value is one the table allows for the true count.
    expect([0, 3, 4]).toContain(march);
    expect(possibleTrueCounts(janFeb)).toContain(13);
    expect(possibleTrueCounts(q1)).toContain(15);
    const fromDifference = possibleDifferences(q1, janFeb);
    expect(fromDifference).toContain(2);
    expect(fromDifference.length).toBeGreaterThanOrEqual(2);
    expect(fromDifference.filter((x) => possibleTrueCounts(march).includes(x)).length).toBeGreaterThanOrEqual(2);
  });

  it('across filters: Gewaltschutz 41 in all and 40 without Ukrainian speakers give one Ukrainian speaker away; with suppression the engine refuses the filter', async () => {
    const gewalt = `topic:${await topicKey('Gewaltschutz')}`;
    const withoutUkrainian: ReportFilters = [{ dimension: 'language', values: ['uk'], exclude: true }];
    const onlyUkrainian: ReportFilters = [{ dimension: 'language', values: ['uk'], exclude: false }];
    const all = await report(SEED_FROM, SEED_TO, 'plain');
    const rest = await report(SEED_FROM, SEED_TO, 'plain', withoutUkrainian);
    expect([reportCells(all).get(gewalt), reportCells(rest).get(gewalt)]).toEqual([41, 40]);
    // Small-cell suppression cannot stop it, so the engine does not publish a filtered report with it.
    const refused = await refusal(
      core.client.getReport({ from: SEED_FROM, to: SEED_TO, publication: true, publicationMethod: 'suppression', filters: withoutUkrainian }),
    );
    expect(refused.message).toMatch(/filters are not available with small-cell suppression/);
    // Were the two tables published one by one with suppression, each would look safe and the pair would not be:
    // the Ukrainian speakers' own table hides the 1, the difference of the other two shows it.
    const suppressed = (r: Report) => reportCells(applyPublicationMode(r));
    expect(suppressed(await report(SEED_FROM, SEED_TO, 'plain', onlyUkrainian)).get(gewalt)).toBeNull();
    expect(suppressed(all).get(gewalt)! - suppressed(rest).get(gewalt)!).toBe(1);
  });

  it("across filters with the cell-key method: each figure is the table's value for its contacts' count and key sum, and the two leave the Ukrainian speakers more than one possible count", async () => {
    const id = await topicKey('Gewaltschutz');
    const gewalt = `topic:${id}`;
    const withoutUkrainian: ReportFilters = [{ dimension: 'language', values: ['uk'], exclude: true }];
    const all = cellIn(reportCells(await report(SEED_FROM, SEED_TO, 'cellKey')), gewalt)!;
    const rest = cellIn(reportCells(await report(SEED_FROM, SEED_TO, 'cellKey', withoutUkrainian)), gewalt)!;
    const oracle = [await expectedPublished(SEED_FROM, SEED_TO, id), await expectedPublished(SEED_FROM, SEED_TO, id, 'uk')];
    expect(oracle.map((o) => o.n)).toEqual([41, 40]);
    expect([all, rest]).toEqual(oracle.map((o) => o.published));
    expect(possibleTrueCounts(all)).toContain(41);
    expect(possibleTrueCounts(rest)).toContain(40);
    const possible = possibleDifferences(all, rest);
    expect(possible).toContain(1);
    expect(possible.length).toBeGreaterThanOrEqual(2);
  });
});

// ---------------------------------------------------------------- 1,000 generated attacks

/** A pair of reports whose contacts differ by a target set, and the report of the target itself (what its own table publishes). */
interface AttackSetup {
  kind: 'period' | 'filter';
  a: { from: string; to: string; filters: ReportFilters };
  b: { from: string; to: string; filters: ReportFilters };
  target: { from: string; to: string; filters: ReportFilters };
}

const DAY_MS = 86_400_000;
const dayAt = (offset: number) => new Date(Date.parse(`${SEED_FROM}T00:00:00Z`) + offset * DAY_MS).toISOString().slice(0, 10);
const SEED_DAYS = Math.round((Date.parse(`${SEED_TO}T00:00:00Z`) - Date.parse(`${SEED_FROM}T00:00:00Z`)) / DAY_MS) + 1;
const monthStart = (m: number) => `2026-${String(m).padStart(2, '0')}-01`;
const monthEnd = (m: number) => new Date(Date.UTC(2026, m, 0)).toISOString().slice(0, 10);

/** Overlapping periods (month-aligned like the Sozial-Info's series, or any days) and complementary filters. */
function attackSetup(random: () => number): AttackSetup {
  const int = (n: number) => Math.floor(random() * n);
  const all: ReportFilters = [];
  if (random() < 0.5) {
    // Periods: A and its first or last part B; the target is the rest.
    let from: string, mid: string, midNext: string, to: string;
    if (random() < 0.5) {
      const m1 = 1 + int(5);
      const m2 = m1 + 1 + int(6 - m1);
      const cut = m1 + int(m2 - m1);
      [from, mid, midNext, to] = [monthStart(m1), monthEnd(cut), monthStart(cut + 1), monthEnd(m2)];
    } else {
      const start = int(SEED_DAYS - 3);
      const end = start + 2 + int(Math.min(60, SEED_DAYS - start - 2));
      const cut = start + int(end - start);
      [from, mid, midNext, to] = [dayAt(start), dayAt(cut), dayAt(cut + 1), dayAt(end)];
    }
    const first = random() < 0.5;
    return {
      kind: 'period',
      a: { from, to, filters: all },
      b: first ? { from, to: mid, filters: all } : { from: midNext, to, filters: all },
      target: first ? { from: midNext, to, filters: all } : { from, to: mid, filters: all },
    };
  }
  // Filters: the whole period A, and B = everyone but those with one value; the target is those with it.
  const m1 = 1 + int(6);
  const m2 = random() < 0.5 ? m1 : m1 + int(7 - m1);
  const period = { from: monthStart(m1), to: monthEnd(m2) };
  const choices: [ReportFilters[number]['dimension'], string[]][] = [
    ['language', ['uk', 'ru', 'fa', 'hu', 'sl', 'ro', 'ar', 'en']],
    ['channel', ['email', 'phone']],
    ['asker', ['organisation']],
  ];
  const [dimension, values] = choices[int(choices.length)]!;
  const value = values[int(values.length)]!;
  return {
    kind: 'filter',
    a: { ...period, filters: all },
    b: { ...period, filters: [{ dimension, values: [value], exclude: true }] },
    target: { ...period, filters: [{ dimension, values: [value], exclude: false }] },
  };
}

interface Attack {
  setup: AttackSetup;
  cell: string;
  /** True counts of the cell in A and in B; the target's is their difference. */
  trueA: number;
  trueB: number;
}

const SETUPS = 125;
const CELLS_PER_SETUP = 8;
const ATTACKS = SETUPS * CELLS_PER_SETUP;

/** 125 report pairs, 8 cells each: the target's small counts first (up to 5 of them), then others. */
async function generateAttacks(): Promise<Attack[]> {
  const random = seededRandom(2017);
  const attacks: Attack[] = [];
  while (attacks.length < ATTACKS) {
    const setup = attackSetup(random);
    const a = reportCells(await report(setup.a.from, setup.a.to, 'plain', setup.a.filters));
    const b = reportCells(await report(setup.b.from, setup.b.to, 'plain', setup.b.filters));
    // Only cells the two sets differ in: where they are the same set, A − B is 0 and no one is at stake.
    const differing = [...a.keys()].map((cell) => ({ cell, trueA: a.get(cell)!, trueB: cellIn(b, cell)! })).filter((c) => c.trueA > c.trueB);
    if (differing.length < CELLS_PER_SETUP) continue;
    const shuffled = differing
      .map((c) => ({ c, r: random() }))
      .sort((x, y) => x.r - y.r)
      .map((x) => x.c);
    const small = shuffled.filter((c) => c.trueA - c.trueB <= 2).slice(0, 5);
    const rest = shuffled.filter((c) => !small.includes(c)).slice(0, CELLS_PER_SETUP - small.length);
    for (const c of [...small, ...rest]) attacks.push({ setup, ...c });
  }
  return attacks;
}

let attacks: Attack[];

describe(`${ATTACKS.toLocaleString('en')} generated attacks (overlapping periods, complementary filters)`, () => {
  beforeAll(async () => {
    attacks = await generateAttacks();
  }, 600_000);

  it('are varied: both kinds, many small targets', () => {
    expect(attacks.length).toBe(ATTACKS);
    expect(attacks.filter((x) => x.setup.kind === 'period').length).toBeGreaterThan(ATTACKS / 4);
    expect(attacks.filter((x) => x.setup.kind === 'filter').length).toBeGreaterThan(ATTACKS / 4);
    expect(attacks.filter((x) => x.trueA - x.trueB <= 2).length).toBeGreaterThan(ATTACKS / 3);
  });

  it('with small-cell suppression the attacker recovers counts the target table hides, exactly, in many attacks: the attack is real', async () => {
    const suppressedCells = new Map<string, Map<string, number | null>>();
    let recovered = 0;
    let recoveredSmall = 0;
    for (const x of attacks) {
      const { setup } = x;
      // Periods: all three reports from the engine. Filters: the engine refuses them with suppression (see above), so
      // A comes from the engine and B and the target are the plain filtered tables, each suppressed by itself.
      const published = async (p: AttackSetup['a']) => {
        const key = JSON.stringify(p);
        if (!suppressedCells.has(key))
          suppressedCells.set(
            key,
            reportCells(p.filters.length ? applyPublicationMode(await report(p.from, p.to, 'plain', p.filters)) : await report(p.from, p.to, 'suppression')),
          );
        return suppressedCells.get(key)!;
      };
      const target = cellIn(await published(setup.target), x.cell);
      const a = cellIn(await published(setup.a), x.cell);
      const b = cellIn(await published(setup.b), x.cell);
      if (target === null && a !== null && b !== null) {
        // Hidden in the target's own table (small, or hidden beside a small one), and the difference gives it exactly.
        expect(a - b, x.cell).toBe(x.trueA - x.trueB);
        recovered++;
        if (isSmall(x.trueA - x.trueB, threshold)) recoveredSmall++;
      }
    }
    expect(recoveredSmall).toBeGreaterThanOrEqual(200);
    expect(recovered).toBeGreaterThanOrEqual(recoveredSmall);
  }, 600_000);

  it('with the cell-key method no attack pins a true 1 or 2: the published A and B always leave at least two possible counts', async () => {
    let smallTargets = 0;
    for (const x of attacks) {
      const a = cellIn(reportCells(await report(x.setup.a.from, x.setup.a.to, 'cellKey', x.setup.a.filters)), x.cell)!;
      const b = cellIn(reportCells(await report(x.setup.b.from, x.setup.b.to, 'cellKey', x.setup.b.filters)), x.cell)!;
      // Published as the table says: each value is one the true count's row can give.
      expect(possibleTrueCounts(a), `${x.cell} A`).toContain(x.trueA);
      expect(possibleTrueCounts(b), `${x.cell} B`).toContain(x.trueB);
      const possible = possibleDifferences(a, b);
      const truth = x.trueA - x.trueB;
      expect(possible).toContain(truth);
      if (truth <= 2) {
        smallTargets++;
        expect(possible.length, `${x.cell}: published ${a} and ${b}, true ${truth}`).toBeGreaterThanOrEqual(2);
      }
    }
    expect(smallTargets).toBeGreaterThan(ATTACKS / 3);
  }, 600_000);

  it("with the cell-key method the guess A − B is right no more often than the table allows: observed ≤ expected + 3·√expected, expected = Σ P(A's and B's deviations equal) from the table's rows", async () => {
    // Different contact sets have independent keys (sums of independent uniform record keys), so the two cells'
    // deviations are independent draws from the rows of their true counts: P(equal) = Σ_d P_A(d)·P_B(d).
    // For two counts ≥ 5 (both rows uniform over −2…+2) that is 1/5.
    const tally = { all: { right: 0, expected: 0 }, small: { right: 0, expected: 0 } };
    for (const x of attacks) {
      const a = cellIn(reportCells(await report(x.setup.a.from, x.setup.a.to, 'cellKey', x.setup.a.filters)), x.cell)!;
      const b = cellIn(reportCells(await report(x.setup.b.from, x.setup.b.to, 'cellKey', x.setup.b.filters)), x.cell)!;
      const right = a - b === x.trueA - x.trueB ? 1 : 0;
      const p = sameDeviationIn3600ths(x.trueA, x.trueB) / 3600;
      tally.all.right += right;
      tally.all.expected += p;
      if (x.trueA - x.trueB <= 2) {
        tally.small.right += right;
        tally.small.expected += p;
      }
    }
    for (const [name, t] of Object.entries(tally))
      expect(t.right, `${name}: expected ${t.expected.toFixed(1)}`).toBeLessThanOrEqual(t.expected + 3 * Math.sqrt(t.expected));
    // And the table keeps the attacker well short of certainty: on average at most about one right guess in three.
    expect(tally.all.expected / ATTACKS).toBeLessThan(0.35);
    expect(sameDeviationIn3600ths(5, 7)).toBe(720);
  }, 600_000);
});
