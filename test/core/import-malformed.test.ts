import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_MAX_FILE_BYTES } from '../../core/base/limits';
import type { ImportErrorCode, ImportPreview } from '../../core/imports/import-types';
import { snapshotDatabase } from '../support/db-snapshot';
import { CONTACTS_HEADER, csvBytes, importInput, MONTHLY_HEADER, windows1252Bytes, xlsxBytes } from '../support/import-files';
import { openTempCore, type TempCore } from '../support/temp-core';
import { refusal } from '../support/refusal';

let core: TempCore;

beforeAll(async () => {
  // 10 March 2026, 10:30 in Vienna; one live contact so "unchanged" is not about an empty database.
  core = await openTempCore();
  const catalog = await core.client.getCatalog({});
  await core.client.logContact({ topicIds: [catalog.topics[0]!.id], languageId: catalog.languages[0]!.id, channel: 'in_person', asker: 'citizen' });
});
afterAll(() => core.dispose());

const row = (date: string, overrides: Partial<Record<'time' | 'topic' | 'channel' | 'asker' | 'language' | 'referral', string>> = {}) => [
  date,
  overrides.time ?? '10:00',
  overrides.topic ?? 'Arbeit',
  overrides.channel ?? 'persönlich',
  overrides.asker ?? 'Bürger*in',
  overrides.language ?? 'Deutsch',
  overrides.referral ?? '',
];

interface Case {
  name: string;
  file: () => Buffer | Promise<Buffer>;
  fileName?: string;
  /** The errors the preview lists, in order (line, field, code). */
  errors: { line: number; field: string; code: ImportErrorCode }[];
  /** Words the first reason must contain, so the message says what is wrong. */
  says: RegExp;
  /** For refusals that are not row errors (unknown names). */
  unknown?: string;
}

const CASES: Case[] = [
  {
    name: 'columns separated by tabs',
    file: () => Buffer.from('Monat\tThema\tAnzahl\r\n2020-01\tArbeit\t12\r\n'),
    errors: [{ line: 1, field: '(header)', code: 'delimiter' }],
    says: /wrong delimiter: .*tabs.*";" or ","/,
  },
  {
    name: 'columns separated by "|"',
    file: () => Buffer.from('Datum|Thema|Anfrage von|Sprache\r\n03.02.2026|Arbeit|Bürger*in|Deutsch\r\n'),
    errors: [{ line: 1, field: '(header)', code: 'delimiter' }],
    says: /wrong delimiter: .*"\|"/,
  },
  {
    name: 'broken encoding (Windows-1252 umlauts)',
    file: () => windows1252Bytes([CONTACTS_HEADER, row('03.02.2026'), row('04.02.2026', { topic: 'Gewaltschutz', channel: 'persönlich' })]),
    errors: [{ line: 2, field: '(file)', code: 'encoding' }],
    says: /broken encoding: line 2 is not UTF-8 .*Windows-1252/,
  },
  {
    name: 'dates in the future',
    file: () => csvBytes([CONTACTS_HEADER, row('09.03.2026'), row('11.03.2026'), row('10.03.2026', { time: '18:00' }), row('10.03.2026', { time: '10:00' })]),
    errors: [
      { line: 3, field: 'Datum', code: 'future' },
      { line: 4, field: 'Datum', code: 'future' },
    ],
    says: /lies in the future/,
  },
  {
    name: 'a month in the future and one before 2000',
    file: () => csvBytes([MONTHLY_HEADER, ['2026-03', 'Arbeit', '5'], ['2026-04', 'Arbeit', '5'], ['1999-12', 'Arbeit', '5']]),
    errors: [
      { line: 3, field: 'Monat', code: 'future' },
      { line: 4, field: 'Monat', code: 'too_early' },
    ],
    says: /lies in the future/,
  },
  {
    name: 'a date before 2000',
    file: () => csvBytes([CONTACTS_HEADER, row('31.12.1999')]),
    errors: [{ line: 2, field: 'Datum', code: 'too_early' }],
    says: /before 2000-01-01/,
  },
  {
    name: 'unknown topics without a mapping',
    file: () => csvBytes([MONTHLY_HEADER, ['2020-01', 'Schulden', '5'], ['2020-02', 'Schulden', '3']]),
    errors: [],
    says: /unknown topic "Schulden" \(line 2\): map it/,
    unknown: 'Schulden',
  },
  {
    name: 'formula-looking cells (=, +, -, @)',
    file: () =>
      csvBytes([
        CONTACTS_HEADER,
        row('03.02.2026', { topic: '=HYPERLINK("http://x","Arbeit")' }),
        row('03.02.2026', { referral: '+Caritas' }),
        row('03.02.2026', { language: '-1+2' }),
        row('03.02.2026', { channel: '@SUM(A1)' }),
        row('03.02.2026', { referral: '-' }),
      ]),
    errors: [
      { line: 2, field: 'Thema', code: 'formula' },
      { line: 3, field: 'Weitervermittlung', code: 'formula' },
      { line: 4, field: 'Sprache', code: 'formula' },
      { line: 5, field: 'Kanal', code: 'formula' },
    ],
    says: /starts like a formula .*not imported/,
  },
  {
    name: 'a real formula cell in an XLSX workbook',
    fileName: 'monatswerte.xlsx',
    file: () => xlsxBytes([MONTHLY_HEADER, ['2020-01', 'Arbeit', 12], ['2020-02', 'Arbeit', { formula: 'SUM(C2:C2)*1000', result: 12000 }]]),
    errors: [{ line: 3, field: 'Anzahl', code: 'formula' }],
    says: /is a formula cell; formulas are not imported/,
  },
  {
    name: 'an unknown column',
    file: () =>
      csvBytes([
        [...CONTACTS_HEADER, 'Name'],
        [...row('03.02.2026'), 'Maria'],
      ]),
    errors: [{ line: 1, field: 'Name', code: 'unknown_column' }],
    says: /unknown column "Name"/,
  },
  {
    name: 'a header that names no layout',
    file: () =>
      csvBytes([
        ['Wann', 'Was'],
        ['03.02.2026', 'Arbeit'],
      ]),
    errors: [{ line: 1, field: 'Wann', code: 'unknown_column' }],
    says: /unknown column "Wann"/,
  },
  {
    name: 'a missing required column',
    file: () =>
      csvBytes([
        ['Datum', 'Thema', 'Sprache'],
        ['03.02.2026', 'Arbeit', 'Deutsch'],
      ]),
    errors: [{ line: 1, field: 'Anfrage von', code: 'missing_column' }],
    says: /the column "Anfrage von" is missing/,
  },
  {
    name: 'bad values in several fields of one row',
    file: () => csvBytes([CONTACTS_HEADER, ['3.2.26', '25:00', '', 'Fax', 'Presse', 'Deutsch', 'Caritas, AMS Leibnitz, BH Leibnitz, ZEBRA, Volkshilfe, ÖGK']]),
    errors: [
      { line: 2, field: 'Datum', code: 'bad_date' },
      { line: 2, field: 'Uhrzeit', code: 'bad_time' },
      { line: 2, field: 'Thema', code: 'missing' },
      { line: 2, field: 'Weitervermittlung', code: 'too_many' },
      { line: 2, field: 'Kanal', code: 'unknown_value' },
      { line: 2, field: 'Anfrage von', code: 'unknown_value' },
    ],
    says: /is not a date; write DD.MM.YYYY/,
  },
  {
    name: 'the same month and topic twice',
    file: () => csvBytes([MONTHLY_HEADER, ['2020-01', 'Arbeit', '5'], ['01.2020', 'arbeit', '6']]),
    errors: [{ line: 3, field: 'Thema', code: 'duplicate_row' }],
    says: /already given in line 2/,
  },
  {
    name: 'an old .xls file',
    fileName: 'liste.xls',
    file: () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]),
    errors: [{ line: 0, field: '(file)', code: 'old_excel' }],
    says: /old Excel file \(.xls\)/,
  },
  {
    name: 'a header without rows',
    file: () => csvBytes([MONTHLY_HEADER]),
    errors: [{ line: 2, field: '(file)', code: 'empty' }],
    says: /no rows/,
  },
];

describe('malformed imports: each with a clear error, and nothing written', () => {
  it.each(CASES)('$name', async (c) => {
    const input = importInput(c.fileName ?? 'liste.csv', await c.file());
    const before = await snapshotDatabase(core.database.db);

    const preview: ImportPreview = await core.client.previewImport(input);
    expect(preview.ready).toBe(false);
    expect(preview.errors.map(({ line, field, code }) => ({ line, field, code }))).toEqual(c.errors);
    if (c.unknown) expect(preview.unknownNames.map((u) => u.name)).toEqual([c.unknown]);
    const err = await refusal(core.client.commitImport(input));
    expect(err.body.code).toBe('invalid_input');
    expect(err.body.message).toMatch(c.says);
    expect(err.body.message).toContain('nothing was imported');

    expect(await snapshotDatabase(core.database.db)).toEqual(before);
  });

  it('a duplicate file is refused with the first import named', async () => {
    const file = csvBytes([MONTHLY_HEADER, ['2020-01', 'Arbeit', '5']]);
    await core.client.commitImport(importInput('erste.csv', file));
    const before = await snapshotDatabase(core.database.db);
    const err = await refusal(core.client.commitImport(importInput('zweite.csv', file)));
    expect(err.body).toMatchObject({ code: 'conflict', field: 'contentBase64' });
    expect(err.body.message).toMatch(/already imported \(as "erste.csv" on \d{4}-\d{2}-\d{2}\); nothing was imported/);
    expect(await snapshotDatabase(core.database.db)).toEqual(before);
  });

  it('a 50 MB file is refused as too large before anything reads it', async () => {
    const huge = Buffer.alloc(50 * 1024 * 1024, 'a');
    const before = await snapshotDatabase(core.database.db);
    for (const method of ['previewImport', 'commitImport'] as const) {
      const err = await refusal(core.client[method](importInput('riesig.csv', huge)));
      expect(err.body.code).toBe('payload_too_large');
      expect(err.body.message).toMatch(new RegExp(`exceeds the limit of \\d+ bytes for ${method}`));
    }
    expect(await snapshotDatabase(core.database.db)).toEqual(before);
  });

  it('a file just over 5 MB (a request the transports still carry) is refused by the contract with its size named', async () => {
    const justOver = Buffer.alloc(IMPORT_MAX_FILE_BYTES + 1, 'a');
    const before = await snapshotDatabase(core.database.db);
    const err = await refusal(core.client.previewImport(importInput('gross.csv', justOver)));
    expect(err.body).toMatchObject({ code: 'invalid_input', field: 'contentBase64', message: 'contentBase64: the file is larger than 5 MB' });
    // The core checks the decoded size too, for callers that bypass the contract (the command line).
    const direct = await core.handlers.previewImport({ fileName: 'gross.csv', contentBase64: justOver.toString('base64'), mapping: [] });
    expect(direct.errors).toEqual([{ line: 0, field: '(file)', code: 'too_large', reason: 'the file is larger than 5 MB; split it into smaller files' }]);
    expect(await snapshotDatabase(core.database.db)).toEqual(before);
  });
});
