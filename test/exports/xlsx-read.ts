import ExcelJS from 'exceljs';
import JSZip from 'jszip';

export async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

/** Every cell of a workbook that carries a formula, as `Sheet!A1`: must stay empty for an export. */
export function formulaCells(workbook: ExcelJS.Workbook): string[] {
  const found: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula || cell.type === ExcelJS.ValueType.SharedString || cell.formula)
          found.push(`${sheet.name}!${cell.address}`);
      }),
    ),
  );
  return found;
}

/** Cells of one sheet as plain values, row by row (1-based rows and columns dropped). */
export function sheetValues(sheet: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  const rows: ExcelJS.CellValue[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values: ExcelJS.CellValue[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) values.push(row.getCell(c).value);
    rows.push(values);
  });
  return rows;
}

/** The worksheet XML parts of an XLSX file, by part name: for checks below exceljs' model (formula elements). */
export async function worksheetXml(bytes: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = new Map<string, string>();
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
    parts.set(name, await zip.file(name)!.async('string'));
  }
  return parts;
}
