import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from './csv-parse';
import { formulaCells, readWorkbook, worksheetXml } from './xlsx-read';
import { openTempCore, type TempCore } from '../support/temp-core';

/** Mid-April 2026: March is a past month, February before it had more contacts (a negative change). */
const NOW = Date.parse('2026-04-15T08:00:00Z');
const MARCH = { from: '2026-03-01', to: '2026-03-31' };

/** Catalog labels, a theme-day title and a site name that a spreadsheet would run as formulas if written as they are. */
const TOPICS = ['=HYPERLINK("http://x","klick")', '+1+1', '-2+3', '@SUM(A1)'];
const ORGANISATION = "=cmd|' /C calc'!A0";
const LANGUAGE = '\t=1+2';
const DESK = '-Schalter 2';
const THEME_DAY = '+Thementag';
const SITE = '=Sozial-Info';
const HOSTILE = [...TOPICS, ORGANISATION, LANGUAGE, DESK, THEME_DAY, SITE];
/** A label that is one of the hostile texts, alone or in a list ("Wohnen, +1+1" in the raw export). */
const isHostile = (text: string) => HOSTILE.some((h) => text === h || text.split(', ').includes(h));

const FORMATS = ['report-csv', 'report-xlsx', 'raw-csv', 'raw-xlsx'] as const;

describe('exports do not let a spreadsheet run catalog text as a formula', () => {
  let core: TempCore;
  let dir: string;
  const files = new Map<(typeof FORMATS)[number], Buffer>();

  beforeAll(async () => {
    core = await openTempCore(NOW);
    dir = mkdtempSync(join(tmpdir(), 'kontaktdesk-formula-'));
    const { db } = core.context;
    // Straight into the tables: the catalog editor's own checks are not what is tested here.
    const topicIds: number[] = [];
    for (const [i, label] of TOPICS.entries()) {
      const { id } = await db
        .insertInto('topics')
        .values({ label_de: label, label_en: label, color: '#444444', hotkey: null, position: 90 + i, retired_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      topicIds.push(id);
    }
    const organisation = (
      await db.insertInto('organisations').values({ name: ORGANISATION, position: 99, retired_at: null }).returning('id').executeTakeFirstOrThrow()
    ).id;
    const language = (
      await db
        .insertInto('languages')
        .values({ code: 'zz', label_de: LANGUAGE, label_en: LANGUAGE, position: 99, retired_at: null })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const desk = (await db.insertInto('desks').values({ name: DESK, position: 99, retired_at: null }).returning('id').executeTakeFirstOrThrow()).id;
    core.context.catalog.invalidate();
    await core.client.updateSettings({ siteName: SITE });
    await core.client.saveThemeDay({
      themeDay: { title: THEME_DAY, organisationId: organisation, kind: 'single', day: '2026-03-12', startHour: 8, endHour: 18 },
    });

    const catalog = await core.client.getCatalog({});
    const log = (occurredAt: string, extra: Record<string, unknown> = {}) =>
      core.client.logContact({
        topicIds: [catalog.topics[0]!.id],
        languageId: catalog.languages[0]!.id,
        channel: 'in_person',
        asker: 'citizen',
        occurredAt,
        ...extra,
      });
    for (let i = 0; i < 8; i++) await log(`2026-02-${String(10 + i).padStart(2, '0')}T09:00:00Z`);
    for (const [i, topic] of topicIds.entries()) {
      await log(`2026-03-1${i}T09:30:00Z`, { topicIds: [topic, catalog.topics[0]!.id], referralIds: [organisation], languageId: language, deskId: desk });
    }
    // A hostile label second in a list: a cell of its own should the file be split at commas.
    await log('2026-03-20T10:00:00Z', { topicIds: [catalog.topics[0]!.id, topicIds[1]!] });

    for (const format of FORMATS) {
      const file = await core.client.exportReport({ period: MARCH, format });
      files.set(format, Buffer.from(file.base64, 'base64'));
    }
  }, 60_000);

  afterAll(async () => {
    await core?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const csvText = (format: 'report-csv' | 'raw-csv') => new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(files.get(format)).slice(1);

  it.each(['report-csv', 'raw-csv'] as const)('%s: every hostile text starts with an apostrophe inside quotes; numbers stay numbers', (format) => {
    const text = csvText(format);
    const fields = parseCsv(text).flat();
    const neutralised = fields.filter((f) => f.startsWith("'") && isHostile(f.slice(1)));
    // Each hostile text that the export shows at all is there, neutralised, and never bare.
    const shown = format === 'report-csv' ? HOSTILE : [...TOPICS, ORGANISATION, LANGUAGE, DESK, THEME_DAY];
    for (const h of shown)
      expect(
        neutralised.some((f) => f === `'${h}` || f.slice(1).split(', ').includes(h)),
        h,
      ).toBe(true);
    for (const f of fields) {
      expect(f, 'a bare formula').not.toMatch(/^[=+@\t\r]/);
      if (f.startsWith('-')) expect(f, 'only a number may start with a minus').toMatch(/^-\d+(,\d+)?$/);
    }
    // The apostrophe sits inside the quotes, so the cell is one field whatever the separator.
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""klick"")`);
    expect(text).toContain(format === 'raw-csv' ? `"'+1+1, Arbeit"` : `"'+1+1"`);
    expect(text).toContain(format === 'raw-csv' ? `"'-2+3, Arbeit"` : `"'-2+3"`);
    expect(text).toContain(format === 'raw-csv' ? `"'@SUM(A1), Arbeit"` : `"'@SUM(A1)"`);
    if (format === 'raw-csv') expect(text).toContain(';"Arbeit, +1+1";');
  });

  it('report CSV: a fall against the month before is a plain negative number', () => {
    const lines = csvText('report-csv').split('\r\n');
    const previous = lines.find((l) => l.startsWith('Vorperiode;'))!;
    // 5 contacts in March against 8 in February: −3 (and no percentage of fewer than 10 contacts).
    expect(previous.split(';').slice(3, 7)).toEqual(['8', '5', '-3', '']);
  });

  it.each(['report-xlsx', 'raw-xlsx'] as const)('%s: every hostile text is a string cell, none a formula', async (format) => {
    const bytes = files.get(format)!;
    const workbook = await readWorkbook(bytes);
    expect(formulaCells(workbook)).toEqual([]);
    for (const xml of (await worksheetXml(bytes)).values()) expect(xml).not.toMatch(/<f[ >]/);

    const found = new Map<string, ExcelJS.ValueType>();
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'string' && isHostile(cell.value)) found.set(cell.value, cell.type);
          if (typeof cell.value === 'number' && cell.value < 0) found.set(`negative ${sheet.name}!${cell.address}`, cell.type);
        }),
      ),
    );
    const expected = format === 'report-xlsx' ? HOSTILE : [...TOPICS, ORGANISATION, LANGUAGE, DESK, THEME_DAY];
    for (const h of expected)
      expect(
        [...found.keys()].some((k) => k === h || k.split(', ').includes(h)),
        h,
      ).toBe(true);
    for (const [value, type] of found) {
      expect(type, value).toBe(value.startsWith('negative') ? ExcelJS.ValueType.Number : ExcelJS.ValueType.String);
    }
    if (format === 'report-xlsx') expect([...found.keys()].some((k) => k.startsWith('negative Vergleiche!'))).toBe(true);
  });

  /** LibreOffice as a stand-in for Excel: it opens the files as a user would and writes back what the cells hold. */
  const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));

  /** ';', '"', UTF-8, from line 1, Austrian German, quoted fields not forced to text, special numbers detected, … formulas evaluated (token 13). */
  const CSV_IMPORT = 'CSV:59,34,76,1,,3079,false,true,false,false,false,1,true';

  function libreOffice(input: string, convertTo: string, infilter?: string): string {
    const out = mkdtempSync(join(dir, 'lo-'));
    const args = [
      '--headless',
      '--norestore',
      `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
      ...(infilter ? [`--infilter=${infilter}`] : []),
      '--convert-to',
      convertTo,
      '--outdir',
      out,
      input,
    ];
    const run = spawnSync(soffice!, args, { encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    const name = input
      .split('/')
      .pop()!
      .replace(/\.\w+$/, `.${convertTo.split(':')[0]}`);
    return join(out, name);
  }

  it.skipIf(!soffice)('LibreOffice reads the XLSX cells as the texts, not as formula results', { timeout: 180_000 }, () => {
    for (const format of ['report-xlsx', 'raw-xlsx'] as const) {
      const input = join(dir, `${format}.xlsx`);
      writeFileSync(input, files.get(format)!);
      // UTF-8, ';' between fields, every sheet into its own file (token 12 = -1: all sheets).
      const csv = libreOffice(input, 'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1');
      const sheets = readdirCsv(csv);
      const cells = sheets.flatMap((file) => parseLoose(readFileSync(file, 'utf8')));
      const expected = format === 'report-xlsx' ? HOSTILE : [...TOPICS, ORGANISATION, LANGUAGE, DESK, THEME_DAY];
      for (const h of expected)
        expect(
          cells.some((c) => c === h || c.split(', ').includes(h)),
          `${format}: ${JSON.stringify(h)}`,
        ).toBe(true);
      // What the formulas would have given: 2, 1, the link text, an error.
      expect(cells).not.toContain('klick');
      expect(cells.filter((c) => /^#|Err:|#NAME/.test(c))).toEqual([]);
    }
  });

  it.skipIf(!soffice)('LibreOffice opening the CSV with formula evaluation on keeps the neutralised cells as text', { timeout: 180_000 }, async () => {
    // The control: with these options a bare formula is evaluated, so the check below means something.
    const control = join(dir, 'control.csv');
    writeFileSync(control, '\uFEFF=1+1;"=HYPERLINK(""http://x"";""klick"")"\r\n');
    const evaluated = await readWorkbook(readFileSync(libreOffice(control, 'xlsx', CSV_IMPORT)));
    expect(formulaCells(evaluated)).toEqual(['control!A1', 'control!B1']);

    for (const format of ['report-csv', 'raw-csv'] as const) {
      const input = join(dir, `${format}.csv`);
      writeFileSync(input, files.get(format)!);
      const xlsx = libreOffice(input, 'xlsx', CSV_IMPORT);
      const workbook = await readWorkbook(readFileSync(xlsx));
      expect(formulaCells(workbook)).toEqual([]);
      const texts: string[] = [];
      workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void texts.push(String(cell.text)))));
      for (const h of TOPICS)
        expect(
          texts.some((t) => t === `'${h}` || t.slice(1).split(', ').includes(h)),
          `${format}: ${h}`,
        ).toBe(true);
      expect(texts).not.toContain('klick');
      // LibreOffice shows the apostrophe as part of the text: what the cell holds is the label, not a result.
      expect(texts.filter((t) => t.includes('+1+1'))).toEqual(expect.arrayContaining([format === 'raw-csv' ? "'+1+1, Arbeit" : "'+1+1"]));
    }
  });
});

/** The files LibreOffice wrote for the sheets of one workbook (`name-Sheet.csv`, or one file for one sheet). */
function readdirCsv(first: string): string[] {
  const folder = first.slice(0, first.lastIndexOf('/'));
  return readdirSync(folder)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => join(folder, f));
}

/** LibreOffice's CSV: `;` fields, `"` quoting, LF or CRLF lines. */
function parseLoose(text: string): string[] {
  return parseCsv(text.replace(/\r?\n/g, '\r\n').replace(/(\r\n)?$/, '\r\n')).flat();
}
