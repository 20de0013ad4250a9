/**
 * Part 4 of the report bench: the raw XLSX export of at least XLSX_MIN_ROWS contacts, both through the contract
 * (`handlers.exportReport`, base64) and straight into a file (`writeExport` → atomic file).
 */
import Database from 'better-sqlite3';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sqliteHandle } from '../core/db/database-handle';
import { withAtomicFile } from '../core/base/atomic-write';
import { writeExport } from '../core/exports/export-report';
import { writeToFile } from '../core/exports/sinks';
import type { Core } from '../core/open-core';
import { median, round3 } from './bench-common';
import type { Period } from './bench-reports-calendar';
import { DATA_TO } from './bench-reports-site';

const XLSX_MIN_ROWS = 100_000;
export const XLSX_RUNS = 3;
export const TARGET_XLSX_S = 3;

export interface XlsxResult {
  period: Period;
  contacts: number;
  contract: { seconds: number[]; medianSeconds: number; rows: number; megabytes: number };
  file: { seconds: number[]; medianSeconds: number; rows: number; megabytes: number };
  targetSeconds: number;
  met: boolean;
}

/** The shortest period ending on the last generated day that holds at least XLSX_MIN_ROWS counting contacts. */
function xlsxPeriod(sqlite: Database.Database): { period: Period; contacts: number } {
  const days = sqlite.prepare('select day, sum(n) as n from rollup_hourly where day <= ? group by day order by day desc').all(DATA_TO) as {
    day: string;
    n: number;
  }[];
  let sum = 0;
  for (const d of days) {
    sum += d.n;
    if (sum >= XLSX_MIN_ROWS) return { period: { from: d.day, to: DATA_TO }, contacts: sum };
  }
  throw new Error('not enough contacts for the XLSX export');
}

export async function benchXlsx(core: Core, dir: string): Promise<XlsxResult> {
  const { period, contacts } = xlsxPeriod(sqliteHandle(core.database).sqlite);
  const input = { period: { ...period, publication: false, publicationMethod: 'cellKey' as const, topicGroups: false }, format: 'raw-xlsx' as const };
  const contract = { seconds: [] as number[], rows: 0, megabytes: 0 };
  const file = { seconds: [] as number[], rows: 0, megabytes: 0 };
  for (let i = 0; i < XLSX_RUNS; i++) {
    let t0 = performance.now();
    const exported = await core.handlers.exportReport(input);
    contract.seconds.push(round3((performance.now() - t0) / 1000));
    contract.rows = exported.rows;
    const bytes = Buffer.from(exported.base64, 'base64');
    if (bytes.subarray(0, 2).toString() !== 'PK') throw new Error('the XLSX export is not a zip file');
    contract.megabytes = Math.round(bytes.length / 1e4) / 100;

    const out = join(dir, `raw-${i}.xlsx`);
    t0 = performance.now();
    // writeExport has returned a row count, and now { rows, contacts }: accept either while exports settle.
    const written = (await withAtomicFile(out, (temp) =>
      writeToFile(temp, (stream) => writeExport(core.context, input.period, 'raw-xlsx', stream)),
    )) as unknown as number | { rows: number };
    file.rows = typeof written === 'number' ? written : written.rows;
    file.seconds.push(round3((performance.now() - t0) / 1000));
    file.megabytes = Math.round(statSync(out).size / 1e4) / 100;
    rmSync(out, { force: true });
  }
  const contractMedian = round3(median(contract.seconds));
  const fileMedian = round3(median(file.seconds));
  return {
    period,
    contacts,
    contract: { ...contract, medianSeconds: contractMedian },
    file: { ...file, medianSeconds: fileMedian },
    targetSeconds: TARGET_XLSX_S,
    met: Math.max(contractMedian, fileMedian) <= TARGET_XLSX_S && contract.rows === contacts && file.rows === contacts,
  };
}
