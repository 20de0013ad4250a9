import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../core/open-core';
import type { ReportPeriodInput } from '../../core/reports/report-inputs';
import { parseReportOptions, REPORT_USAGE, UsageError } from '../../scripts/report-options';
import { openExportData } from '../exports/export-data';
import { runScript } from '../support/run-script';

/** `npm run report -- --publication --publication-method …` and `--topic-groups` (issue 17), as a scheduled task runs them. */
const report = (args: string[]) => runScript('scripts/report.ts', args);

let dataDir: string;
let outDir: string;
let wohnen: number;

beforeAll(async () => {
  const data = await openExportData();
  dataDir = data.core.dir;
  wohnen = data.catalog.topics.find((t) => t.labelDe === 'Wohnen')!.id;
  await data.core.handlers.saveSavedView({
    name: 'Jahrestabelle',
    period: { kind: 'fixed', from: '2026-03-01', to: '2026-03-31' },
    filters: [],
    sections: ['topics'],
    publication: true,
    publicationMethod: 'suppression',
    topicGroups: true,
  });
  await data.core.close();
  outDir = mkdtempSync(join(tmpdir(), 'kontaktdesk-report-publication-out-'));
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

const MARCH = { from: '2026-03-01', to: '2026-03-31' };
const args = (...rest: string[]) => ['--data', dataDir, '--month', '2026-03', '--format', 'json', ...rest];

/** What getReport answers in-process for the same input, without the moment it was made. */
async function expected(input: Partial<ReportPeriodInput>) {
  const core = await openCore({ file: join(dataDir, 'kontaktdesk.sqlite') });
  try {
    const { generatedAt: _, ...rest } = await core.handlers.getReport({ ...MARCH, publication: false, ...input } as ReportPeriodInput);
    return JSON.parse(JSON.stringify(rest));
  } finally {
    await core.close();
  }
}

async function written(name: string, extra: string[]) {
  const out = join(outDir, name);
  const run = await report([...args('--out', out), ...extra]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const { generatedAt: _, ...rest } = JSON.parse(readFileSync(out, 'utf8'));
  return { run, report: rest };
}

describe('npm run report: publication method and topic groups', { timeout: 60_000 }, () => {
  it('--publication with a filter: the cell-key method (the default) allows it; the file is getReport for the same input', async () => {
    const { run, report: json } = await written('cellkey.json', ['--publication', '--filter', `topic=${wohnen}`]);
    expect(json).toEqual(
      await expected({ publication: true, publicationMethod: 'cellKey', filters: [{ dimension: 'topic', values: [wohnen], exclude: false }] }),
    );
    expect(json.filters).toHaveLength(1);
    expect(run.stdout).toMatch(/^report 2026-03-01\.\.2026-03-31 \(publication\) \(1 filter\): json/);
  });

  it('--publication-method suppression: getReport by suppression, and the summary line says so', async () => {
    const { run, report: json } = await written('suppression.json', ['--publication', '--publication-method', 'suppression']);
    expect(json).toEqual(await expected({ publication: true, publicationMethod: 'suppression' }));
    expect(json.publication).toMatchObject({ enabled: true, method: 'suppression' });
    expect(run.stdout).toMatch(/^report 2026-03-01\.\.2026-03-31 \(publication, suppression\): json/);
  });

  it('--topic-groups: getReport with topic groups, in or out of publication mode', async () => {
    const { run, report: json } = await written('groups.json', ['--topic-groups']);
    expect(json).toEqual(await expected({ topicGroups: true }));
    expect(json.topicGroups).toBe(true);
    expect(run.stdout).toMatch(/^report 2026-03-01\.\.2026-03-31 \(topic groups\): json/);
  });

  it('--view: the view brings its method and topic groups', async () => {
    const out = join(outDir, 'view.json');
    const run = await report(['--data', dataDir, '--view', 'Jahrestabelle', '--format', 'json', '--out', out]);
    expect(run.code).toBe(0);
    const { generatedAt: _, ...json } = JSON.parse(readFileSync(out, 'utf8'));
    expect(json).toEqual(await expected({ publication: true, publicationMethod: 'suppression', topicGroups: true }));
  });

  it('refuses a bad method, a method without --publication, a filter with suppression and --topic-groups with --view: exit 2, nothing written', async () => {
    const bads = [
      [...args('--publication', '--publication-method', 'rounding'), '--out', join(outDir, 'never-1.json')],
      [...args('--publication-method', 'cellKey'), '--out', join(outDir, 'never-2.json')],
      [...args('--publication', '--publication-method', 'suppression', '--filter', `topic=${wohnen}`), '--out', join(outDir, 'never-3.json')],
      ['--data', dataDir, '--view', 'Jahrestabelle', '--topic-groups', '--format', 'json', '--out', join(outDir, 'never-4.json')],
      [...args('--out', join(outDir, 'never-5.json')), '--publication', '--publication-method'],
    ];
    const messages = [
      '--publication-method must be one of cellKey, suppression, not "rounding"',
      '--publication-method goes with --publication',
      '--filter does not go with --publication-method suppression',
      '--topic-groups does not go with --view',
      "'--publication-method <value>' argument missing",
    ];
    const runs = await Promise.all(bads.map((bad) => report(bad)));
    runs.forEach((run, i) => {
      expect(run.code, bads[i]!.join(' ')).toBe(2);
      expect(run.stderr).toContain(messages[i]);
      expect(run.stderr).toContain('Usage: npm run report');
      expect(run.stdout).toBe('');
    });
    expect(readdirSync(outDir).filter((f) => f.startsWith('never-'))).toEqual([]);
  });
});

describe('report options', () => {
  const base = ['--month', '2026-03', '--format', 'csv'];
  it('read the method (cellKey unless told) and topic groups', () => {
    expect(parseReportOptions(base)).toMatchObject({ publication: false, publicationMethod: 'cellKey', topicGroups: false });
    expect(parseReportOptions([...base, '--publication'])).toMatchObject({ publication: true, publicationMethod: 'cellKey' });
    expect(parseReportOptions([...base, '--publication', '--publication-method', 'suppression', '--topic-groups'])).toMatchObject({
      publication: true,
      publicationMethod: 'suppression',
      topicGroups: true,
    });
    expect(parseReportOptions([...base, '--publication', '--filter', 'language=uk']).filters).toEqual([
      { dimension: 'language', values: ['uk'], exclude: false },
    ]);
  });

  it('are refused as usage errors when they do not fit', () => {
    expect(() => parseReportOptions([...base, '--publication', '--publication-method', 'CELLKEY'])).toThrow(UsageError);
    expect(() => parseReportOptions([...base, '--publication-method', 'suppression'])).toThrow(UsageError);
    expect(() => parseReportOptions([...base, '--publication', '--publication-method', 'suppression', '--filter', 'language=uk'])).toThrow(UsageError);
  });

  it('are in the usage text', () => {
    expect(REPORT_USAGE).toContain('--publication-method M');
    expect(REPORT_USAGE).toContain('--topic-groups');
    for (const line of REPORT_USAGE.split('\n')) expect(line.length, line).toBeLessThanOrEqual(110);
  });
});
