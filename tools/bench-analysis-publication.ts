/**
 * Publication mode in the analysis bench (issue 17, "Done when"): the same reports and pivots with `publication: true`
 * (the cell-key method) against the same without it, on the bench's 1M contacts. Target: publication within 1.2× of
 * non-publication. Each run asks both, in alternating order, so that a warm cache or a busy moment of the machine falls
 * on both sides alike; the warm-up runs are asked too and not timed; the timed runs are asked PUBLICATION_REPEATS times.
 *
 * Besides the timings, every run's figures are compared: a published figure differs from the plain one by at most 2
 * (the perturbation table's promise), and some differ at all (publication mode is really on).
 */
import { performance } from 'node:perf_hooks';
import type { Core } from '../core/open-core';
import { ANALYSIS_WARMUP, PLAIN_REPORT, PUBLISHED_REPORT, pivotFigures, reportFigures, type AnalysisCase, type AnalysisRun } from './bench-analysis-cases';
import type { Figures } from './bench-analysis-duckdb';
import { ms, round3, roundStats, stats, table, type Stats } from './bench-common';

/** Publication within this factor of the same question without it (p50 and p95). */
export const PUBLICATION_TARGET_RATIO = 1.2;

/**
 * Each row's runs are asked this many times over (the warm-up runs once): a ratio of 1.2 needs steadier medians than
 * 20 samples give on a busy machine.
 */
export const PUBLICATION_REPEATS = 3;

/** The rows measured both ways: month, year and since opening unfiltered, a month filtered, a pivot over a year. */
export const PUBLICATION_CASE_IDS = ['monthUnfiltered', 'yearUnfiltered', 'sinceOpeningUnfiltered', 'monthFiltered', 'pivotYear'] as const;

export interface PublicationCaseResult {
  id: string;
  label: string;
  runs: number;
  plain: Stats | null;
  publication: Stats | null;
  /** publication / plain, at p50 and at p95. */
  ratioP50: number | null;
  ratioP95: number | null;
  /** The median of each run's publication / plain, the two asked back to back: the steadiest figure on a busy machine (information only). */
  ratioPairedMedian: number | null;
  targetRatio: number;
  /** Both ratios within the target, figures published (some changed, none by more than 2). */
  met: boolean;
  /** Figures (over all runs) where the published value differs from the plain one; 0 would mean nothing was published. */
  perturbedFigures: number;
  /** Figures off by more than 2: must be 0. */
  beyondTwo: number;
  error?: string;
}

async function ask(core: Core, run: AnalysisRun, publication: boolean): Promise<Figures> {
  if (run.pivot) return pivotFigures(await core.handlers.getPivot({ from: run.from, to: run.to, ...run.pivot, filters: run.filters, publication }));
  return reportFigures(await core.handlers.getReport({ from: run.from, to: run.to, filters: run.filters, ...(publication ? PUBLISHED_REPORT : PLAIN_REPORT) }));
}

/** Figures the two answers give differently, and those off by more than 2. */
function differences(plain: Figures, published: Figures) {
  let perturbed = 0;
  let beyondTwo = 0;
  for (const name of new Set([...plain.keys(), ...published.keys()])) {
    const a = plain.get(name) ?? new Map<string, number>();
    const b = published.get(name) ?? new Map<string, number>();
    for (const key of new Set([...a.keys(), ...b.keys()])) {
      const d = Math.abs((a.get(key) ?? 0) - (b.get(key) ?? 0));
      if (d > 0) perturbed++;
      if (d > 2) beyondTwo++;
    }
  }
  return { perturbed, beyondTwo };
}

async function timeCase(core: Core, c: AnalysisCase): Promise<PublicationCaseResult> {
  const plainMs: number[] = [];
  const publicationMs: number[] = [];
  const pairRatios: number[] = [];
  let perturbedFigures = 0;
  let beyondTwo = 0;
  let error: string | undefined;
  (globalThis as { gc?: () => void }).gc?.();
  try {
    for (let repeat = 0; repeat < PUBLICATION_REPEATS; repeat++) {
      for (const [i, run] of c.runs.entries()) {
        if (repeat > 0 && i < ANALYSIS_WARMUP) continue;
        const answers = new Map<boolean, Figures>();
        const took = new Map<boolean, number>();
        for (const publication of (i + repeat) % 2 === 0 ? [false, true] : [true, false]) {
          const t0 = performance.now();
          answers.set(publication, await ask(core, run, publication));
          took.set(publication, performance.now() - t0);
        }
        if (i >= ANALYSIS_WARMUP) {
          plainMs.push(took.get(false)!);
          publicationMs.push(took.get(true)!);
          pairRatios.push(took.get(true)! / took.get(false)!);
        }
        // The figures of each question once: later repeats give the same.
        if (repeat > 0) continue;
        const d = differences(answers.get(false)!, answers.get(true)!);
        perturbedFigures += d.perturbed;
        beyondTwo += d.beyondTwo;
      }
    }
  } catch (err) {
    error = (err as Error).message;
  }
  const plain = plainMs.length ? roundStats(stats(plainMs)) : null;
  const publication = publicationMs.length ? roundStats(stats(publicationMs)) : null;
  const ratioP50 = plain && publication ? round3(publication.p50 / plain.p50) : null;
  const ratioP95 = plain && publication ? round3(publication.p95 / plain.p95) : null;
  const ratioPairedMedian = pairRatios.length ? round3(stats(pairRatios).p50) : null;
  return {
    id: c.id,
    label: c.label,
    runs: publicationMs.length,
    plain,
    publication,
    ratioP50,
    ratioP95,
    ratioPairedMedian,
    targetRatio: PUBLICATION_TARGET_RATIO,
    met:
      !error &&
      perturbedFigures > 0 &&
      ratioP50 !== null &&
      ratioP95 !== null &&
      ratioP50 <= PUBLICATION_TARGET_RATIO &&
      ratioP95 <= PUBLICATION_TARGET_RATIO &&
      beyondTwo === 0,
    perturbedFigures,
    beyondTwo,
    ...(error ? { error } : {}),
  };
}

/** The publication rows of the given cases (those in PUBLICATION_CASE_IDS), timed on an open core. */
export async function timePublication(core: Core, cases: AnalysisCase[]): Promise<PublicationCaseResult[]> {
  const results: PublicationCaseResult[] = [];
  for (const id of PUBLICATION_CASE_IDS) {
    const c = cases.find((x) => x.id === id);
    if (c) results.push(await timeCase(core, c));
  }
  return results;
}

export function printPublication(results: PublicationCaseResult[]): void {
  if (results.length === 0) return;
  console.log(
    `publication mode (cell-key method) against the same questions without it, asked in turn, each run ${PUBLICATION_REPEATS} times (ms); ` +
      `target ≤ ${PUBLICATION_TARGET_RATIO}× at p50 and p95`,
  );
  console.log(
    table(
      ['case', 'plain p50', 'plain p95', 'publ. p50', 'publ. p95', 'ratio p50', 'ratio p95', 'met', 'paired median', 'figures changed', 'off by > 2'],
      results.map((r) => [
        r.label,
        r.plain ? ms(r.plain.p50) : '–',
        r.plain ? ms(r.plain.p95) : '–',
        r.publication ? ms(r.publication.p50) : '–',
        r.publication ? ms(r.publication.p95) : '–',
        r.ratioP50 === null ? '–' : `${r.ratioP50.toFixed(2)}×`,
        r.ratioP95 === null ? '–' : `${r.ratioP95.toFixed(2)}×`,
        r.met ? 'yes' : 'NO',
        r.ratioPairedMedian === null ? '–' : `${r.ratioPairedMedian.toFixed(2)}×`,
        r.perturbedFigures === 0 ? 'NONE (not published?)' : r.perturbedFigures,
        r.beyondTwo,
      ]),
    ),
  );
  for (const r of results) if (r.error) console.log(`  ${r.label}: failed: ${r.error}`);
}
