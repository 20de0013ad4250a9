/** CSV for German Excel: `;` between fields, CRLF between lines, UTF-8 with a byte-order mark. */

export const BOM = '\uFEFF';
export const CRLF = '\r\n';
export const SEPARATOR = ';';

/**
 * Text a spreadsheet would run as a formula when it starts with one of these (CSV injection), so it
 * gets a leading apostrophe. Applied to text from the catalog, never to numbers this code formats.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export const neutraliseFormula = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);

const NEEDS_QUOTES = /[;"\r\n]/;

/** One field as written: quoted when it holds the separator, a quote or a line break. */
export const quoteField = (field: string) => (NEEDS_QUOTES.test(field) ? `"${field.replaceAll('"', '""')}"` : field);

/** A line of already formatted fields; text fields must come through `textField`. */
export const csvLine = (fields: string[]) => fields.map(quoteField).join(SEPARATOR) + CRLF;

/** A text field: neutralised against formula injection (quoting happens in `csvLine`). */
export const textField = (value: string) => neutraliseFormula(value);
