/** CSV for German Excel: `;` between fields, CRLF between lines, UTF-8 with a byte-order mark. */

export const BOM = '\uFEFF';
export const CRLF = '\r\n';
export const SEPARATOR = ';';

/**
 * Text a spreadsheet would run as a formula when it starts with one of these (CSV injection, OWASP):
 * = + - @, tab and carriage return, and their full-width forms, which some Excel locales read as
 * the ASCII ones. Such text gets a leading apostrophe. Applied to text (catalog labels, theme-day
 * titles, the site name), never to numbers this code formats: a negative count stays a number.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export const neutraliseFormula = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);

/**
 * Quoted: the separator, a quote or a line break inside; a neutralised field, so the apostrophe
 * and the text stay one cell; and text with a formula after a comma, which would start a cell of
 * its own should the file be opened with `,` as separator.
 */
const NEEDS_QUOTES = /[;"\r\n]|^'|,\s*[=+\-@\t\uFF1D\uFF0B\uFF0D\uFF20]/;

/** One field as written: quoted where needed (see NEEDS_QUOTES). */
export const quoteField = (field: string) => (NEEDS_QUOTES.test(field) ? `"${field.replaceAll('"', '""')}"` : field);

/** A line of already formatted fields; text fields must come through `textField`. */
export const csvLine = (fields: string[]) => fields.map(quoteField).join(SEPARATOR) + CRLF;

/** A text field: neutralised against formula injection (quoting happens in `csvLine`). */
export const textField = (value: string) => neutraliseFormula(value);
