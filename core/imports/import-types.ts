/**
 * What an import of earlier tallies shows before it writes (`previewImport`) and what it wrote
 * (`commitImport`). The accepted files are described in README.md ("Import of earlier tallies").
 */

/** `contacts`: one row per contact. `monthly`: one row per month and topic with a count. */
export type ImportLayout = 'contacts' | 'monthly';

/** Catalog kinds a name in the file can be mapped to. */
export const NAME_KINDS = ['topic', 'organisation', 'language'] as const;
export type NameKind = (typeof NAME_KINDS)[number];

/**
 * Why a row (or the whole file) cannot be imported. The UI shows the code in its own language with
 * `value` and `limit`; `reason` says the same in English for the command line and the logs.
 */
export type ImportErrorCode =
  // the file as a whole (line 0) or its header (line 1)
  | 'too_large'
  | 'too_many_rows'
  | 'encoding'
  | 'not_a_table'
  | 'old_excel'
  | 'delimiter'
  | 'empty'
  | 'no_layout'
  | 'unknown_column'
  | 'missing_column'
  | 'duplicate_column'
  // one row
  | 'missing'
  | 'formula'
  | 'bad_date'
  | 'bad_time'
  | 'bad_month'
  | 'bad_count'
  | 'future'
  | 'too_early'
  | 'unknown_value'
  | 'too_many'
  | 'duplicate_row'
  | 'already_imported';

export interface ImportRowError {
  /** Line of the file (CSV) or row of the sheet (XLSX), 1 = the header; 0 = the file as a whole. */
  line: number;
  /** The column as the file names it, or `(file)` / `(row)`. */
  field: string;
  code: ImportErrorCode;
  reason: string;
  /** The offending cell, shortened. */
  value?: string;
}

export interface CatalogChoice {
  id: number;
  label: string;
  retired: boolean;
}

/** A name in the file that is not in the catalog: the user maps it to an entry, or the import is refused. */
export interface UnknownName {
  kind: NameKind;
  /** As written in the file (its first occurrence). */
  name: string;
  /** Rows that use it. */
  rows: number;
  firstLine: number;
  /** Likely catalog entries, best first (may be empty). */
  suggestions: CatalogChoice[];
  /** The entry the request's mapping gave it; null while unmapped. */
  targetId: number | null;
}

/** One unknown name mapped to a catalog entry by id. */
export interface NameMapping {
  kind: NameKind;
  name: string;
  targetId: number;
}

export interface MonthTopicTotal {
  month: string; // YYYY-MM
  topicId: number;
  /** Contacts (each under its first topic) the import adds in that month. */
  n: number;
}

/** A month of a file of monthly counts that already holds recorded contacts (see recorded-months.ts). */
export interface RecordedMonth {
  month: string; // YYYY-MM
  /** Contacts the database already counts in that month (logged, backdated, batch or imported per row; not voided). */
  recorded: number;
  /** What the file's valid rows add to that month. */
  imported: number;
}

export interface ImportPreview {
  fileName: string;
  sha256: string;
  format: 'csv' | 'xlsx';
  /** The CSV separator found in the header line. */
  delimiter: ';' | ',' | null;
  /** Null when the header row matches neither layout. */
  layout: ImportLayout | null;
  /** The recognised columns, in file order, by their role (`date`, `topics`, …). */
  columns: string[];
  /** For the contacts layout: whether the file gives a time of day (else the contacts count by day only). */
  hasTime: boolean;
  /** Data rows (without the header and blank lines). */
  rows: number;
  /** Rows without an error (names still unmapped count as valid). */
  validRows: number;
  /** At most MAX_LISTED_ERRORS, in file order; `errorCount` has them all. */
  errors: ImportRowError[];
  errorCount: number;
  unknownNames: UnknownName[];
  /** What the valid, resolved rows add, by month and topic. */
  totals: MonthTopicTotal[];
  /** Contacts the import adds (rows with errors or unmapped names left out). */
  total: number;
  /** First and last day (contacts) or month (monthly) in the file. */
  range: { from: string; to: string } | null;
  /** The first rows as read, for a look at what the file holds. */
  sample: { line: number; cells: string[] }[];
  /**
   * Monthly counts only: the file's months that already hold recorded contacts, with both figures.
   * Refused unless the input sets `addToRecordedMonths` (then they are added on top).
   */
  recordedMonths: RecordedMonth[];
  /** Set when a file with the same bytes was imported before. */
  duplicateOf: { importId: number; fileName: string; importedAt: string } | null;
  /** True when `commitImport` with the same input would write: no errors, every name mapped, not a duplicate, no recorded month unless allowed. */
  ready: boolean;
}

export interface ImportResult {
  importId: number;
  fileName: string;
  layout: ImportLayout;
  /** Data rows written. */
  rows: number;
  /** Contacts added to the statistics (for monthly counts: their sum). */
  contacts: number;
  range: { from: string; to: string };
}

export const MAX_LISTED_ERRORS = 500;
