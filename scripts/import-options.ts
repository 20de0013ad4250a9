import { parseArgs } from 'node:util';
import { NAME_KINDS, type NameKind } from '../core/imports/import-types';

/** One `--map kind:Name=Target`: the target is a catalog id or a label, resolved once the database is open. */
export interface MapOption {
  kind: NameKind;
  name: string;
  target: string;
}

export interface ImportOptions {
  file: string;
  dataDir?: string;
  dryRun: boolean;
  map: MapOption[];
  /** Seconds to wait for the database while another program (the running app) writes to it. */
  waitSeconds: number;
  /** Monthly counts: add them also to months that already hold recorded contacts (refused without it). */
  addToRecordedMonths: boolean;
  help: boolean;
}

export const DEFAULT_WAIT_SECONDS = 120;

export const IMPORT_USAGE = `Usage: npm run import -- --data DIR [--dry-run] [--wait SECONDS] [--add-to-recorded-months] FILE [--map KIND:"Old name"=TARGET ...]
  FILE           a CSV (";" or ",", UTF-8 with or without BOM) or XLSX file of earlier tallies:
                 one row per contact (Datum;Uhrzeit;Thema;Kanal;Anfrage von;Sprache;Weitervermittlung)
                 or monthly counts (Monat;Thema;Anzahl); see README.md, "Import of earlier tallies"
  --data DIR     folder of the database (default: the app's user-data folder); the PostgreSQL database
                 of its database-url file or of KONTAKTDESK_DATABASE_URL, where the PC is set to one
  --dry-run      check the file and print what it would import; write nothing
  --map KIND:NAME=TARGET
                 import a name the catalog does not know as a catalog entry: KIND is topic,
                 organisation or language; TARGET is the entry's id or label, e.g.
                 --map topic:"Schulden"="Armut/Schulden"   (repeat for every unknown name)
  --wait SECONDS while the app is writing to the database, wait for it this long (default ${DEFAULT_WAIT_SECONDS})
  --add-to-recorded-months
                 monthly counts for months that already hold recorded contacts are refused
                 (they would be added on top); with this flag they are added anyway, e.g. for
                 a desk that was not yet using the app
Prints the preview (rows, errors by line and column, unknown names, totals per month).
The app may keep running: the import waits for the database whenever the app is writing.
Exit codes: 0 imported (or, with --dry-run, ready to import), 1 the file has errors, unknown
names, was imported before, could not be read, has monthly counts for months that already
hold recorded contacts (without --add-to-recorded-months), or the database stayed busy
longer than --wait; 2 bad arguments or no database.`;

/** A mistake in the command line: exit code 2 with the usage text. */
export class UsageError extends Error {}

export function parseMapOption(value: string): MapOption {
  const m = /^([a-z]+):(.+?)=(.+)$/s.exec(value);
  if (!m) throw new UsageError(`--map takes KIND:NAME=TARGET, not "${value}"`);
  const [, kind, name, target] = m as unknown as [string, string, string, string];
  if (!(NAME_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--map: KIND is one of ${NAME_KINDS.join(', ')}, not "${kind}"`);
  return { kind: kind as NameKind, name: name.trim(), target: target.trim() };
}

export function parseImportOptions(argv: string[]): ImportOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        data: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        map: { type: 'string', multiple: true, default: [] },
        wait: { type: 'string' },
        'add-to-recorded-months': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { file: '', dryRun: false, map: [], waitSeconds: DEFAULT_WAIT_SECONDS, addToRecordedMonths: false, help: true };
  if (positionals.length !== 1)
    throw new UsageError(positionals.length === 0 ? 'name the file to import' : `import one file at a time, not ${positionals.length}`);
  const waitSeconds = values.wait === undefined ? DEFAULT_WAIT_SECONDS : Number(values.wait);
  if (values.wait !== undefined && (!/^\d+$/.test(values.wait.trim()) || waitSeconds > 86_400)) {
    throw new UsageError(`--wait takes whole seconds (0 to 86400), not "${values.wait}"`);
  }
  return {
    file: positionals[0]!,
    dataDir: values.data,
    dryRun: values['dry-run'],
    map: values.map.map(parseMapOption),
    waitSeconds,
    addToRecordedMonths: values['add-to-recorded-months'],
    help: false,
  };
}
