import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../core/open-core';
import { localParts } from '../../core/time/local-parts';
import { resolvePeriodRule } from '../../core/views/period-rules';
import { parseFilters, parseReportOptions, UsageError } from '../../scripts/report-options';
import { openExportData } from '../exports/export-data';
import { runScript } from '../support/run-script';

/** `npm run report -- --view NAME` and `--filter`, as a scheduled task runs them (test/scripts/report-cli.test.ts covers the rest). */
const report = (args: string[]) => runScript('scripts/report.ts', args);

let dataDir: string;
let outDir: string;
let wohnen: number;
const file = () => join(dataDir, 'kontaktdesk.sqlite');

beforeAll(async () => {
  const data = await openExportData();
  dataDir = data.core.dir;
  wohnen = data.catalog.topics.find((t) => t.labelDe === 'Wohnen')!.id;
  await data.core.handlers.saveSavedView({
    name: 'März: Wohnen',
    period: { kind: 'fixed', from: '2026-03-01', to: '2026-03-31' },
    filters: [{ dimension: 'topic', values: [wohnen], exclude: false }],
    sections: ['headline', 'topics'],
    publication: false,
    publicationMethod: 'cellKey',
    topicGroups: false,
  });
  await data.core.handlers.saveSavedView({
    name: 'Letzter Monat',
    period: { kind: 'lastMonth' },
    filters: [],
    sections: ['monthly'],
    publication: true,
    publicationMethod: 'cellKey',
    topicGroups: false,
  });
  await data.core.close();
  outDir = mkdtempSync(join(tmpdir(), 'kontaktdesk-report-view-out-'));
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

/** What getReport answers in-process for the same input, without the moment it was made. */
async function expectedReport(input: Parameters<Awaited<ReturnType<typeof openCore>>['handlers']['getReport']>[0]) {
  const core = await openCore({ file: file() });
  try {
    return JSON.parse(JSON.stringify({ ...(await core.handlers.getReport(input)), generatedAt: '' }));
  } finally {
    await core.close();
  }
}

describe('npm run report -- --view', { timeout: 60_000 }, () => {
  it('writes the view’s report: its period, its filters (named ignoring case), as getReport answers them', async () => {
    const out = join(outDir, 'wohnen.json');
    const run = await report(['--data', dataDir, '--view', 'märz: WOHNEN', '--format', 'json', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(run.stdout.trim()).toBe(`report "märz: WOHNEN" 2026-03-01..2026-03-31 (1 filter): json, ${written.total} contacts -> ${out}`);
    expect(written.period).toMatchObject({ from: '2026-03-01', to: '2026-03-31' });
    expect(written.filters).toEqual([{ dimension: 'topic', values: [wohnen], exclude: false, labels: [{ de: 'Wohnen', en: 'Housing' }] }]);
    // Of March's four contacts only the theme-day one asked about housing.
    expect(written.total).toBe(1);
    const filters = [{ dimension: 'topic' as const, values: [wohnen], exclude: false }];
    expect({ ...written, generatedAt: '' }).toEqual(await expectedReport({ from: '2026-03-01', to: '2026-03-31', publication: false, filters }));
  });

  it('resolves a relative rule against today in the site’s time zone, with the view’s publication mode', async () => {
    const out = join(outDir, 'letzter-monat.json');
    const run = await report(['--data', dataDir, '--view', 'Letzter Monat', '--format', 'json', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    const today = localParts(Date.now(), written.site.timeZone).day;
    const period = resolvePeriodRule({ kind: 'lastMonth' }, today, written.site.openingDate);
    expect(written.period).toMatchObject(period);
    expect(written.publication.enabled).toBe(true);
    expect(written.filters).toEqual([]);
    expect(run.stdout).toContain(`report "Letzter Monat" ${period.from}..${period.to} (publication): json`);
  });

  it('a view in publication mode gives no raw data: exit code 2, the reason, nothing written', async () => {
    const out = join(outDir, 'never-raw.csv');
    const run = await report(['--data', dataDir, '--view', 'Letzter Monat', '--format', 'raw-csv', '--out', out]);
    expect(run.stderr.trim()).toMatch(/^report: --format raw-csv: raw data is not exported in publication mode/);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it('an unknown view ends with exit code 2, lists the saved names and writes nothing', async () => {
    const out = join(outDir, 'never.json');
    const run = await report(['--data', dataDir, '--view', 'Jahresbericht', '--format', 'json', '--out', out]);
    expect(run.stderr.trim()).toBe('report: no saved view called "Jahresbericht"; saved views: "Letzter Monat", "März: Wohnen"');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it('--view goes with no other period and no --publication (exit 2, usage; the other refusals in "report options" below)', async () => {
    const bads = [
      ['--view', 'Letzter Monat', '--month', '2026-03'],
      ['--view', 'Letzter Monat', '--publication'],
    ];
    const runs = await Promise.all(bads.map((bad) => report(['--data', dataDir, ...bad, '--format', 'json', '--out', join(outDir, 'bad.json')])));
    runs.forEach((run, i) => {
      expect(run.code, bads[i]!.join(' ')).toBe(2);
      expect(run.stderr).toContain('Usage: npm run report');
    });
    expect(existsSync(join(outDir, 'bad.json'))).toBe(false);
  });

  it('--filter restricts a period given on the command line; an unknown id ends with exit code 2', async () => {
    const out = join(outDir, 'gefiltert.json');
    const run = await report([
      '--data',
      dataDir,
      '--month',
      '2026-03',
      '--filter',
      `topic=${wohnen}`,
      '--filter',
      '!channel=email',
      '--format',
      'json',
      '--out',
      out,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written.filters.map((c: { dimension: string; values: unknown[]; exclude: boolean }) => [c.dimension, c.values, c.exclude])).toEqual([
      ['topic', [wohnen], false],
      ['channel', ['email'], true],
    ]);
    const unknown = await report([
      '--data',
      dataDir,
      '--month',
      '2026-03',
      '--filter',
      'topic=99999',
      '--format',
      'json',
      '--out',
      join(outDir, 'unknown.json'),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toBe('report: --filter filters.0.values.0: unknown topic 99999');
    expect(existsSync(join(outDir, 'unknown.json'))).toBe(false);
    expect(readdirSync(outDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('report options: --view and --filter', () => {
  it('parse a view and filters', () => {
    expect(parseReportOptions(['--view', 'Monatsbericht', '--format', 'csv'])).toMatchObject({ period: { kind: 'view', name: 'Monatsbericht' }, filters: [] });
    expect(parseFilters(['topic=3,5', '!language=uk', 'referral=none', 'sdg=11'])).toEqual([
      { dimension: 'topic', values: [3, 5], exclude: false },
      { dimension: 'language', values: ['uk'], exclude: true },
      { dimension: 'referral', values: ['none'], exclude: false },
      { dimension: 'sdg', values: [11], exclude: false },
    ]);
  });

  it('refuse what the contract would refuse, naming the filter', () => {
    expect(() => parseFilters(['topic'])).toThrow('--filter must be DIMENSION=VALUE');
    expect(() => parseFilters(['colour=red'])).toThrow('unknown dimension "colour"');
    expect(() => parseFilters(['topic='])).toThrow('--filter topic=: name at least one value');
    expect(() => parseFilters(['channel=fax'])).toThrow('--filter channel=fax: expected one of');
    expect(() => parseFilters(['language=none'])).toThrow('"none" does not apply to language');
    expect(() => parseFilters(['topic=1', 'topic=2'])).toThrow('topic is filtered twice');
    expect(() =>
      parseReportOptions(['--month', '2026-03', '--publication', '--publication-method', 'suppression', '--filter', 'topic=1', '--format', 'json']),
    ).toThrow(UsageError);
    for (const bad of [
      ['--view', 'Bericht', '--from', '2026-03-01', '--to', '2026-03-31'],
      ['--view', 'Bericht', '--last-month'],
      ['--view', 'Bericht', '--filter', 'channel=phone'],
      ['--view', ' '],
    ]) {
      expect(() => parseReportOptions([...bad, '--format', 'json']), bad.join(' ')).toThrow(UsageError);
    }
  });
});
