import type { ImportLayout } from './import-types';
import { FileProblem, type SheetRow } from './sheet';

/** What a column holds. */
export type ColumnRole = 'date' | 'time' | 'topics' | 'channel' | 'asker' | 'language' | 'languageCode' | 'referrals' | 'desk' | 'month' | 'count' | 'ignored';

/**
 * Header names per role, German and English, compared without case, spaces or a trailing colon.
 * The raw export's own columns (Wochentag, Erstes Thema, Thementag, Erfassung) are read and
 * ignored, so an export of one Kontaktdesk imports into another.
 */
const HEADER_NAMES: Record<Exclude<ColumnRole, 'ignored'>, string[]> = {
  date: ['datum', 'date', 'tag', 'day'],
  time: ['uhrzeit', 'zeit', 'time'],
  topics: ['thema', 'themen', 'topic', 'topics'],
  channel: ['kanal', 'channel'],
  asker: ['anfrage von', 'wer fragt', 'who asked', 'asked by', 'asker'],
  language: ['sprache', 'language'],
  languageCode: ['sprachcode', 'language code'],
  referrals: ['weitervermittlung', 'weitervermittlungen', 'weitervermittelt an', 'referral', 'referrals', 'referred to'],
  desk: ['schalter', 'desk'],
  month: ['monat', 'month'],
  count: ['anzahl', 'count', 'kontakte', 'contacts'],
};
const IGNORED = ['wochentag', 'weekday', 'erstes thema', 'first topic', 'thementag', 'theme day', 'erfassung', 'entry'];

const REQUIRED: Record<ImportLayout, ColumnRole[]> = {
  contacts: ['date', 'topics', 'asker', 'language'],
  monthly: ['month', 'topics', 'count'],
};
const ALLOWED: Record<ImportLayout, ColumnRole[]> = {
  contacts: ['date', 'time', 'topics', 'channel', 'asker', 'language', 'languageCode', 'referrals', 'desk', 'ignored'],
  monthly: ['month', 'topics', 'count'],
};

/** The German name of each role, for messages and the README. */
export const COLUMN_TITLES: Record<ColumnRole, string> = {
  date: 'Datum',
  time: 'Uhrzeit',
  topics: 'Thema',
  channel: 'Kanal',
  asker: 'Anfrage von',
  language: 'Sprache',
  languageCode: 'Sprachcode',
  referrals: 'Weitervermittlung',
  desk: 'Schalter',
  month: 'Monat',
  count: 'Anzahl',
  ignored: '',
};

export const normaliseHeader = (text: string) =>
  text
    .trim()
    .replace(/[:*]+$/, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();

function roleOf(text: string): ColumnRole | null {
  const name = normaliseHeader(text);
  if (IGNORED.includes(name)) return 'ignored';
  for (const [role, names] of Object.entries(HEADER_NAMES)) if (names.includes(name)) return role as ColumnRole;
  return null;
}

export interface Layout {
  layout: ImportLayout;
  /** Cell index of each role present (not `ignored`). */
  index: Partial<Record<ColumnRole, number>>;
  /** The header text of each role present, for error messages. */
  title: Partial<Record<ColumnRole, string>>;
  roles: ColumnRole[];
}

/**
 * The layout from the header row: `Monat;Thema;Anzahl` (monthly counts) or `Datum;…` (one row per
 * contact). Unknown or repeated columns are refused rather than dropped, so nothing in the file is
 * silently left out; empty header cells (Excel's trailing columns) are skipped.
 */
export function detectLayout(header: SheetRow): Layout {
  const found: { role: ColumnRole; at: number; text: string }[] = [];
  header.cells.forEach((cell, at) => {
    const text = cell.text.trim();
    if (text === '') return;
    const role = roleOf(text);
    if (role === null) {
      throw new FileProblem(
        'unknown_column',
        `unknown column "${text}"; the columns are Datum;Uhrzeit;Thema;Kanal;Anfrage von;Sprache;Weitervermittlung or Monat;Thema;Anzahl`,
        header.line,
        text,
      );
    }
    found.push({ role, at, text });
  });
  const has = (role: ColumnRole) => found.some((f) => f.role === role);
  const layout: ImportLayout | null = has('month') || has('count') ? 'monthly' : has('date') ? 'contacts' : null;
  if (!layout) {
    throw new FileProblem(
      'no_layout',
      'the first row must name the columns: Datum;Thema;Anfrage von;Sprache;… (contacts) or Monat;Thema;Anzahl (monthly counts)',
      header.line,
      '(header)',
    );
  }
  const index: Layout['index'] = {};
  const title: Layout['title'] = {};
  for (const f of found) {
    if (!ALLOWED[layout].includes(f.role)) {
      throw new FileProblem(
        'unknown_column',
        `column "${f.text}" does not belong in a ${layout === 'monthly' ? 'file of monthly counts (Monat;Thema;Anzahl)' : 'list of contacts'}`,
        header.line,
        f.text,
      );
    }
    if (f.role === 'ignored') continue;
    if (index[f.role] !== undefined) throw new FileProblem('duplicate_column', `column "${f.text}" appears twice`, header.line, f.text);
    index[f.role] = f.at;
    title[f.role] = f.text;
  }
  // Sprachcode stands in for Sprache (the raw export has both; either names the language).
  const required = REQUIRED[layout].map((r) => (r === 'language' && index.language === undefined && index.languageCode !== undefined ? 'languageCode' : r));
  const missing = required.find((r) => index[r] === undefined);
  if (missing) throw new FileProblem('missing_column', `the column "${COLUMN_TITLES[missing]}" is missing`, header.line, COLUMN_TITLES[missing]);
  return { layout, index, title, roles: found.filter((f) => f.role !== 'ignored').map((f) => f.role) };
}
