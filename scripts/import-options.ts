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
  help: boolean;
}

export const IMPORT_USAGE = `Usage: npm run import -- --data DIR [--dry-run] FILE [--map KIND:"Old name"=TARGET ...]
  FILE           a CSV (";" or ",", UTF-8 with or without BOM) or XLSX file of earlier tallies:
                 one row per contact (Datum;Uhrzeit;Thema;Kanal;Anfrage von;Sprache;Weitervermittlung)
                 or monthly counts (Monat;Thema;Anzahl); see README.md, "Import of earlier tallies"
  --data DIR     folder of the database (default: the app's user-data folder)
  --dry-run      check the file and print what it would import; write nothing
  --map KIND:NAME=TARGET
                 import a name the catalog does not know as a catalog entry: KIND is topic,
                 organisation or language; TARGET is the entry's id or label, e.g.
                 --map topic:"Schulden"="Armut/Schulden"   (repeat for every unknown name)
Prints the preview (rows, errors by line and column, unknown names, totals per month).
Exit codes: 0 imported (or, with --dry-run, ready to import), 1 the file has errors, unknown
names, was imported before, or could not be read, 2 bad arguments or no database.`;

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
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { file: '', dryRun: false, map: [], help: true };
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'name the file to import' : `import one file at a time, not ${positionals.length}`);
  return { file: positionals[0]!, dataDir: values.data, dryRun: values['dry-run'], map: values.map.map(parseMapOption), help: false };
}
