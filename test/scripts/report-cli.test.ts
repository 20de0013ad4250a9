import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../core/open-core';
import { monthBefore, parseReportOptions, UsageError } from '../../scripts/report-options';
import { csvSections, parseCsv, withoutBom } from '../exports/csv-parse';
import { openExportData } from '../exports/export-data';
import { PUBLICATION_NOTES } from '../../core/publication/publication-notes';
import { runScript } from '../support/run-script';
import { formulaCells, readWorkbook, sheetValues } from '../exports/xlsx-read';

/** `npm run report -- …` as a scheduled task runs it. */
const report = (args: string[], initCwd?: string) => runScript('scripts/report.ts', args, initCwd);

let dataDir: string;
let outDir: string;
let marchTotal: number;

beforeAll(async () => {
  // A real core on a real file, closed again: the CLI opens it as the scheduled task would.
  const data = await openExportData();
  dataDir = data.core.dir;
  marchTotal = data.march.length;
  await data.core.close();
  outDir = mkdtempSync(join(tmpdir(), 'kontaktdesk-report-out-'));
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

const MARCH = ['--data', () => dataDir, '--month', '2026-03'] as const;
const args = (...rest: string[]) => [...MARCH.map((a) => (typeof a === 'function' ? a() : a)), ...rest];

describe('npm run report', { timeout: 60_000 }, () => {
  it('json: writes exactly the report getReport returns for the period', async () => {
    const out = join(outDir, 'bericht.json');
    const run = await report(args('--format', 'json', '--out', out));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual([`report 2026-03-01..2026-03-31: json, ${marchTotal} contacts -> ${out}`]);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    const core = await openCore({ file: join(dataDir, 'kontaktdesk.sqlite') });
    try {
      const expected = await core.handlers.getReport({ from: '2026-03-01', to: '2026-03-31', publication: false });
      expect({ ...written, generatedAt: '' }).toEqual(JSON.parse(JSON.stringify({ ...expected, generatedAt: '' })));
      expect(readFileSync(out, 'utf8')).toBe(`${JSON.stringify(written, null, 2)}\n`);
    } finally {
      await core.close();
    }
  });

  it('csv and xlsx: the report tables, written atomically without temp files left over', async () => {
    const csv = join(outDir, 'bericht.csv');
    const xlsx = join(outDir, 'bericht.xlsx');
    const [a, b] = await Promise.all([report(args('--format', 'csv', '--out', csv)), report(args('--format', 'xlsx', '--out', xlsx))]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const summary = csvSections(parseCsv(withoutBom(readFileSync(csv)))).get('Kennzahlen')!;
    expect(summary.rows.find((r) => r[0] === 'Kontakte')).toEqual(['Kontakte', String(marchTotal)]);
    const workbook = await readWorkbook(readFileSync(xlsx));
    expect(sheetValues(workbook.getWorksheet('Kennzahlen')!).find((r) => r[0] === 'Kontakte')).toEqual(['Kontakte', marchTotal]);
    expect(sheetValues(workbook.getWorksheet('Rohdaten')!)).toHaveLength(1 + marchTotal);
    expect(formulaCells(workbook)).toEqual([]);
    expect(readdirSync(outDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('raw-csv: one row per contact, progress on stderr', async () => {
    const out = join(outDir, 'kontakte.csv');
    const run = await report(args('--format', 'raw-csv', '--out', out));
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`contacts ${marchTotal} / ${marchTotal} (100 %)`);
    expect(run.stdout).toContain(`raw-csv, ${marchTotal} contacts`);
    expect(parseCsv(withoutBom(readFileSync(out)))).toHaveLength(1 + marchTotal);
  });

  it('without --out, names the file itself in the folder npm was called from', async () => {
    const run = await report(args('--format', 'raw-xlsx'), outDir);
    expect(run.code).toBe(0);
    const file = join(outDir, 'kontaktdesk-kontakte-2026-03-01_2026-03-31.xlsx');
    expect(run.stdout.trim()).toBe(`report 2026-03-01..2026-03-31: raw-xlsx, ${marchTotal} contacts -> ${file}`);
    expect(sheetValues((await readWorkbook(readFileSync(file))).getWorksheet('Rohdaten')!)).toHaveLength(1 + marchTotal);
  });

  it('html --publication: the page for the website, named for publication, with the published figures and no script', async () => {
    const run = await report(args('--format', 'html', '--publication'), outDir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const file = join(outDir, 'kontaktdesk-bericht-2026-03-veroeffentlichung.html');
    expect(run.stdout.trim()).toMatch(
      new RegExp(`^report 2026-03-01\\.\\.2026-03-31 \\(publication\\): html, \\d+ contacts, \\d+ table rows -> ${file.replaceAll('.', '\\.')}$`),
    );
    const html = readFileSync(file, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="de">')).toBe(true);
    expect(html).not.toMatch(/<script|https?:/i);
    expect(html).toContain(PUBLICATION_NOTES.cellKey.de);
    expect(html).toContain(PUBLICATION_NOTES.cellKey.en);
    // The published total, the same as getReport gives in publication mode (the cell-key method is the default).
    const core = await openCore({ file: join(dataDir, 'kontaktdesk.sqlite') });
    try {
      const published = await core.handlers.getReport({
        from: '2026-03-01',
        to: '2026-03-31',
        publication: true,
        publicationMethod: 'cellKey',
        topicGroups: false,
      });
      expect(run.stdout).toContain(`html, ${published.total} contacts`);
      expect(html).toContain(`<dt>Kontakte im Zeitraum</dt><dd class="value">${published.total}</dd>`);
    } finally {
      await core.close();
    }
  });

  it('refuses raw data in publication mode with exit code 2, writing nothing', async () => {
    const runs = await Promise.all(
      ['raw-csv', 'raw-xlsx'].map((format) => report(args('--format', format, '--publication', '--out', join(outDir, `never-${format}`)))),
    );
    runs.forEach((run, i) => {
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`--format ${['raw-csv', 'raw-xlsx'][i]} does not go with --publication`);
      expect(run.stdout).toBe('');
    });
    expect(readdirSync(outDir).filter((f) => f.startsWith('never-'))).toEqual([]);
  });

  it('refuses bad arguments with exit code 2 and the usage text', async () => {
    const bads = [
      ['--data', dataDir, '--month', '2026-03', '--format', 'pdf'],
      ['--data', dataDir, '--month', '2026-13', '--format', 'json'],
      ['--data', dataDir, '--from', '2026-03-31', '--to', '2026-03-01', '--format', 'json'],
      ['--data', dataDir, '--month', '2026-03', '--last-month', '--format', 'json'],
      ['--data', dataDir, '--format', 'json'],
      ['--data', dataDir, '--month', '2026-03', '--format', 'json', '--colour'],
    ];
    const runs = await Promise.all(bads.map((bad) => report(bad)));
    runs.forEach((run, i) => {
      expect(run.code, bads[i]!.join(' ')).toBe(2);
      expect(run.stderr).toContain('Usage: npm run report');
      expect(run.stdout).toBe('');
    });
  });

  it('refuses to create a database where none exists (exit 2), and writes nothing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'kontaktdesk-nodata-'));
    try {
      const out = join(outDir, 'never.json');
      const run = await report(['--data', empty, '--month', '2026-03', '--format', 'json', '--out', out]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`no database at ${join(empty, 'kontaktdesk.sqlite')}`);
      expect(readdirSync(empty)).toEqual([]);
      expect(existsSync(out)).toBe(false);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('exits 1 when the file cannot be written', async () => {
    const run = await report(args('--format', 'csv', '--out', join(outDir, 'no-such-folder', 'bericht.csv')));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/could not write .*bericht\.csv: .*ENOENT/);
  });
});

describe('report options', () => {
  it('turn --month and --last-month into first and last day', () => {
    expect(parseReportOptions(['--month', '2024-02', '--format', 'xlsx']).period).toEqual({ kind: 'days', from: '2024-02-01', to: '2024-02-29' });
    expect(parseReportOptions(['--last-month', '--format', 'csv']).period).toEqual({ kind: 'last-month' });
    expect(monthBefore('2026-01-01')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(monthBefore('2026-03-31')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });

  it('reject what the contract would reject', () => {
    expect(() => parseReportOptions(['--from', '2026-02-30', '--to', '2026-03-01', '--format', 'json'])).toThrow(UsageError);
    expect(() => parseReportOptions(['--from', '2026-03-01', '--format', 'json'])).toThrow('--from and --to go together');
  });
});
