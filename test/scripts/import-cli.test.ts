import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../core/open-core';
import { projectRoot } from '../../scripts/paths';
import { parseImportOptions, UsageError } from '../../scripts/import-options';
import { snapshotDatabase } from '../support/db-snapshot';
import { csvBytes, MONTHLY_HEADER } from '../support/import-files';
import { runScript } from '../support/run-script';

/** `npm run import -- …` as management runs it. */
const runImport = (args: string[]) => runScript('scripts/import.ts', args);

let dataDir: string;
let fileDir: string;
const database = () => join(dataDir, 'kontaktdesk.sqlite');
const example = (name: string) => join(projectRoot, 'examples', name);

/** Every row of the database, read without the app. */
async function snapshot() {
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(database(), { readonly: true }) }) });
  try {
    return await snapshotDatabase(db);
  } finally {
    await db.destroy();
  }
}

function file(name: string, bytes: Buffer): string {
  const path = join(fileDir, name);
  writeFileSync(path, bytes);
  return path;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kontaktdesk-import-cli-'));
  fileDir = mkdtempSync(join(tmpdir(), 'kontaktdesk-import-files-'));
  // A real database, closed again: the command line opens it as management would.
  const core = await openCore({ file: database() });
  await core.close();
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(fileDir, { recursive: true, force: true });
});

describe('npm run import', { timeout: 60_000 }, () => {
  it('--dry-run prints the preview of the example file and writes nothing', async () => {
    const before = await snapshot();
    const run = await runImport(['--data', dataDir, '--dry-run', example('import-monatswerte.csv')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toEqual(
      expect.arrayContaining([
        'import import-monatswerte.csv: monthly counts, CSV ";", 9 rows, 9 valid, 0 errors',
        '  2021-06: 297',
        '  total: 827 contacts from 2021-06 to 2021-08',
        'dry run: nothing was written',
      ]),
    );
    expect(await snapshot()).toEqual(before);
  });

  it('imports the example contacts, then refuses the same file a second time', async () => {
    const first = await runImport(['--data', dataDir, example('import-kontakte.csv')]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('import import-kontakte.csv: contacts, CSV ";", 5 rows, 5 valid, 0 errors');
    expect(first.stdout).toMatch(/imported 5 contacts from 5 rows \(import \d+\)/);
    const before = await snapshot();
    expect(before.contacts).toHaveLength(5);

    const again = await runImport(['--data', dataDir, example('import-kontakte.csv')]);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/this file was already imported \(as "import-kontakte.csv" on \d{4}-\d{2}-\d{2}\)/);
    expect(again.stderr).toContain('nothing was imported');
    expect(await snapshot()).toEqual(before);
  });

  it('an unknown name is refused until --map names its catalog entry', async () => {
    // July: September holds the example contacts imported above (see import-recorded-months-cli.test.ts).
    const path = file('alt.csv', csvBytes([MONTHLY_HEADER, ['2021-07', 'Schulden', '5'], ['2021-07', 'Arbeit', '7']]));
    const before = await snapshot();
    const refused = await runImport(['--data', dataDir, path]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/unknown topic "Schulden" \(1 row, first in line 2\): add --map topic:"Schulden"=ID; likely "Armut\/Schulden" \(\d+\)/);
    expect(await snapshot()).toEqual(before);

    const mapped = await runImport(['--data', dataDir, path, '--map', 'topic:Schulden=Armut/Schulden']);
    expect(mapped.stderr).toBe('');
    expect(mapped.code).toBe(0);
    expect(mapped.stdout).toContain('topic "Schulden" -> Armut/Schulden');
    expect(mapped.stdout).toContain('imported 12 contacts from 2 rows');
  });

  it('errors are listed by line and column, the exit code is 1 and nothing is written', async () => {
    const path = file('fehler.csv', csvBytes([MONTHLY_HEADER, ['2021-10', 'Arbeit', '5'], ['2099-01', 'Arbeit', '5'], ['2021-11', '=1+2', '5']]));
    const before = await snapshot();
    const run = await runImport(['--data', dataDir, path]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('3 rows, 1 valid, 2 errors');
    expect(run.stdout).toContain('  line 3, Monat: lies in the future ("2099-01")');
    expect(run.stdout).toContain('  line 4, Thema: starts like a formula (=, +, -, @); formulas are not imported ("=1+2")');
    expect(run.stderr).toBe('import: nothing was imported\n');
    expect(await snapshot()).toEqual(before);
  });

  it('a file over 5 MB is refused before it is read', async () => {
    const path = file('riesig.csv', Buffer.alloc(6 * 1024 * 1024, 'a'));
    const run = await runImport(['--data', dataDir, path]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('riesig.csv is larger than 5 MB');
  });

  it('a file that is no tally, a damaged workbook and a missing file are reported in one line each, never with a stack trace', async () => {
    const before = await snapshot();
    const picture = await runImport(['--data', dataDir, file('foto.png', Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(200, 0)]))]);
    expect(picture.code).toBe(1);
    expect(picture.stdout).toContain('the file is neither a CSV text nor an .xlsx workbook');
    const damaged = await runImport(['--data', dataDir, file('kaputt.xlsx', Buffer.from('PK\x03\x04 nothing more', 'latin1'))]);
    expect(damaged.code).toBe(1);
    expect(damaged.stdout).toContain('cannot be read (damaged?)');
    const missing = await runImport(['--data', dataDir, join(fileDir, 'gibt-es-nicht.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('import: no file at');
    for (const run of [picture, damaged, missing]) expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(await snapshot()).toEqual(before);
  });

  it('a folder without a database and a bad command line exit with 2', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'kontaktdesk-import-empty-'));
    try {
      const run = await runImport(['--data', empty, example('import-monatswerte.csv')]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('no database at');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
    expect((await runImport(['--data', dataDir])).code).toBe(2);
    const badMap = await runImport(['--data', dataDir, example('import-monatswerte.csv'), '--map', 'topic:Schulden=Nirgendwo']);
    expect(badMap.code).toBe(2);
    expect(badMap.stderr).toContain('the catalog has no topic "Nirgendwo"');
  });

  it('parses --map with quotes, kinds and targets', () => {
    expect(parseImportOptions(['a.csv', '--map', 'topic:Alte Liste=5', '--map', 'language:Bosnisch/Kroatisch=hr', '--dry-run'])).toEqual({
      file: 'a.csv',
      dataDir: undefined,
      dryRun: true,
      waitSeconds: 120,
      addToRecordedMonths: false,
      help: false,
      map: [
        { kind: 'topic', name: 'Alte Liste', target: '5' },
        { kind: 'language', name: 'Bosnisch/Kroatisch', target: 'hr' },
      ],
    });
    expect(() => parseImportOptions(['a.csv', '--map', 'desk:A=B'])).toThrow(UsageError);
    expect(() => parseImportOptions(['a.csv', 'b.csv'])).toThrow(/one file at a time/);
    expect(parseImportOptions(['a.csv', '--wait', '5']).waitSeconds).toBe(5);
    expect(() => parseImportOptions(['a.csv', '--wait', 'soon'])).toThrow(/--wait takes whole seconds/);
    expect(() => parseImportOptions(['a.csv', '--wait=-1'])).toThrow(/--wait takes whole seconds/);
    expect(() => parseImportOptions(['a.csv', '--wait', '2.5'])).toThrow(/--wait takes whole seconds/);
  });
});
