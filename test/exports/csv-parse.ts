/** A strict reader for what the exports write: `;` fields, CRLF lines, `"` quoting with `""` escapes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ';') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else if (ch === '\n' || ch === '\r') throw new Error(`bare line break at ${i}`);
    else field += ch;
    i++;
  }
  if (field !== '' || row.length > 0) throw new Error('last line has no CRLF');
  return rows;
}

/** The sections of a report CSV: title line, header, rows; separated by empty lines. */
export function csvSections(rows: string[][]): Map<string, { header: string[]; rows: string[][] }> {
  const sections = new Map<string, { header: string[]; rows: string[][] }>();
  let i = 0;
  while (i < rows.length) {
    const title = rows[i]![0]!;
    const header = rows[i + 1]!;
    const body: string[][] = [];
    i += 2;
    while (i < rows.length && !(rows[i]!.length === 1 && rows[i]![0] === '')) body.push(rows[i++]!);
    sections.set(title, { header, rows: body });
    i++;
  }
  return sections;
}

/** Decodes a CSV export: asserts the UTF-8 byte-order mark and returns the text after it. */
export function withoutBom(bytes: Buffer): string {
  if (!(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) throw new Error('no UTF-8 byte-order mark');
  return bytes.subarray(3).toString('utf8');
}
