import { describe, expect, it } from 'vitest';
import { reportCsv } from '../../core/exports/report-csv';
import { reportTables } from '../../core/exports/report-tables';
import { csvSections, parseCsv, withoutBom } from './csv-parse';
import { REPORT_TABLE_TITLES, reportFixture } from './report-fixture';

const SECTIONS = REPORT_TABLE_TITLES;

function exported() {
  const bytes = Buffer.from(reportCsv(reportFixture()), 'utf8');
  const text = withoutBom(bytes);
  return { bytes, text, sections: csvSections(parseCsv(text)) };
}

const valueOf = (section: { rows: string[][] }, key: string) => section.rows.find((r) => r[0] === key)?.slice(1);

describe('report CSV for German Excel', () => {
  it('starts with a UTF-8 BOM, separates fields with ";" and lines with CRLF only', () => {
    const { bytes, text } = exported();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.split('\r\n').length).toBeGreaterThan(50);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(text.split('\r\n')[1]).toBe('Kennzahl;Wert');
  });

  it('has one titled section per table, in reading order', () => {
    expect([...exported().sections.keys()]).toEqual(SECTIONS);
    expect(reportTables(reportFixture()).map((t) => t.title)).toEqual(SECTIONS);
  });

  it('writes decimal commas, dd.mm.yyyy days and mm.yyyy months', () => {
    const { sections } = exported();
    const summary = sections.get('Kennzahlen')!;
    expect(valueOf(summary, 'Kontakte je Öffnungsstunde')).toEqual(['12,5']);
    expect(valueOf(summary, 'Zeitraum von')).toEqual(['01.03.2026']);
    expect(valueOf(summary, 'Zeitraum bis')).toEqual(['31.03.2026']);
    expect(valueOf(summary, 'Kontakte seit Eröffnung')).toEqual(['6143']);
    expect(sections.get('Monatsverlauf')!.rows).toEqual([['03.2026', '125', '125']]);
    expect(sections.get('Thementage')!.rows[0]).toEqual(['Flucht und Migration', 'ZEBRA', '4', '12', '9', '0,75', '12', '6', '0,5', '1,5']);
  });

  it('writes a negative change as a plain negative number, and no percentage where the earlier period was empty', () => {
    const { sections } = exported();
    const [previous, yearBefore] = sections.get('Vergleiche')!.rows;
    expect(previous).toEqual(['Vorperiode', '01.02.2026', '28.02.2026', '129', '125', '-4', '-3,1', 'ganze Monate', '']);
    expect(yearBefore).toEqual([
      'Vorjahreszeitraum',
      '01.03.2025',
      '31.03.2025',
      '0',
      '125',
      '125',
      '',
      'ganze Monate',
      'weniger als 10 Kontakte im Vergleichszeitraum: keine Prozentangabe',
    ]);
  });

  it('marks suppressed cells with "·" and keeps the totals', () => {
    const { sections } = exported();
    const topics = sections.get('Themen – Kontakte')!;
    expect(topics.header).toEqual(['Thema', 'Kontakte (je Kontakt das erste Thema)', 'Status']);
    expect(valueOf(topics, 'Pflege')).toEqual(['·', 'archiviert']);
    expect(valueOf(topics, 'Summe')).toEqual(['125', '']);
    const heat = sections.get('Wochentag × Stunde')!;
    expect(heat.header).toHaveLength(25);
    expect(heat.rows.map((r) => r[0])).toEqual(['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag']);
    expect(heat.rows[0]!.slice(10, 12)).toEqual(['12', '·']);
    const cross = sections.get('Thema → Weitervermittlung')!;
    // Cells count contacts; the sums count topic–referral pairs, and say so.
    const pairs = 'Summe: Thema-Stelle-Paare (ein Kontakt mit zwei Themen oder zwei Stellen zählt mehrfach)';
    expect(cross.header).toEqual(['Thema → Stelle (Kontakte je Paar)', 'AMS Leibnitz', "'@SUM(A1)", pairs]);
    expect(cross.rows).toEqual([
      ['Arbeit', '28', '·', '30'],
      ['Wohnen', '·', '·', '·'],
      [pairs, '30', '4', '34'],
    ]);
  });

  it('neutralises text a spreadsheet would run as a formula, and quotes fields with quotes', () => {
    const { text, sections } = exported();
    expect(text).toContain('"\'=HYPERLINK(""x"")";·;');
    const referrals = sections.get('Weitervermittlung')!.rows.map((r) => r[0]);
    expect(referrals).toEqual([
      'AMS Leibnitz',
      "'+49 123",
      "'@SUM(A1)",
      'Summe: Weitervermittlungen (ein Kontakt mit zwei Stellen zählt zweimal)',
      'Kontakte mit Weitervermittlung (jeder einmal)',
    ]);
    for (const rows of [...sections.values()].map((s) => s.rows)) {
      for (const field of rows.flat()) {
        // Only numbers may start with "-": a text cell never does.
        if (/^[=+@\t\r]/.test(field)) throw new Error(`unneutralised cell ${field}`);
        if (field.startsWith('-')) expect(field).toMatch(/^-\d+(,\d+)?$/);
      }
    }
  });

  it('shows a suppressed rate as "·" and a rate that does not exist as an empty field', () => {
    const base = reportFixture().themeDays[0]!;
    const hidden = { ...base, contacts: null, perOpenHour: null, ratio: null };
    const published = csvSections(parseCsv(withoutBom(Buffer.from(reportCsv(reportFixture({ themeDays: [hidden] }))))));
    expect(published.get('Thementage')!.rows[0]!.slice(4)).toEqual(['·', '·', '12', '6', '0,5', '·']);
    const internal = reportFixture({
      publication: { enabled: false, threshold: 3, method: 'cellKey' },
      themeDays: [{ ...base, ordinaryHours: 0, ordinaryContacts: 0, ordinaryPerOpenHour: null, ratio: null }],
    });
    const rows = csvSections(parseCsv(withoutBom(Buffer.from(reportCsv(internal))))).get('Thementage')!.rows;
    expect(rows[0]!.slice(4)).toEqual(['9', '0,75', '0', '0', '', '']);
  });

  it('quotes fields that hold the separator or a line break', () => {
    const fixture = reportFixture({ site: { name: 'Info; Beratung\r\nLeibnitz', timeZone: 'Europe/Vienna', openingDate: '2021-06-01' } });
    const text = withoutBom(Buffer.from(reportCsv(fixture)));
    expect(text).toContain('Einrichtung;"Info; Beratung\r\nLeibnitz"\r\n');
    expect(valueOf(csvSections(parseCsv(text)).get('Kennzahlen')!, 'Einrichtung')).toEqual(['Info; Beratung\r\nLeibnitz']);
  });
});
