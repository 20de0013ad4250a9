import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../core/api/contract';
import type { ReportFilters } from '../../core/analysis/filter-inputs';
import { reportHtml } from '../../core/exports/report-html';
import { PUBLICATION_NOTES } from '../../core/publication/publication-notes';
import { MARCH, openFilterFixture, type FilterFixture } from '../exports/filter-fixture';
import { databaseDump } from '../support/database-dump';
import { refusal } from '../support/refusal';
import { TRANSPORTS, type OpenTransport } from './transports';

/**
 * exportReport in publication mode (issue 17), over every transport: `report-html` is the page for
 * the town's website, made from exactly the report getReport returns; the raw formats are refused
 * while publication mode is on, naming `format`, the database unchanged byte for byte.
 */

const decoded = (base64: string) => Buffer.from(base64, 'base64').toString('utf8');

for (const transportUnderTest of TRANSPORTS) {
  describe(`exportReport in publication mode over ${transportUnderTest.name}`, () => {
    let f: FilterFixture;
    let open: OpenTransport;
    let client: Client;

    beforeAll(async () => {
      f = await openFilterFixture();
      open = await transportUnderTest.open(f.core.api, () => f.core.session);
      client = open.client;
    });

    afterAll(async () => {
      await open?.close();
      await f?.core.dispose();
    });

    it('report-html: the page of the published report, as a .html file of text/html', async () => {
      for (const publicationMethod of ['cellKey', 'suppression'] as const) {
        const period = { ...MARCH, publication: true, publicationMethod };
        const file = await client.exportReport({ period, format: 'report-html' });
        expect(file.fileName).toBe('kontaktdesk-bericht-2026-03-veroeffentlichung.html');
        expect(file.mimeType).toBe('text/html; charset=utf-8');
        const html = decoded(file.base64);
        // The same report as on screen (the fixture's clock stands still, so even the "made on" agrees).
        expect(html).toBe(reportHtml(await client.getReport(period)));
        expect(html).toContain(PUBLICATION_NOTES[publicationMethod].de);
        expect(html).toContain(PUBLICATION_NOTES[publicationMethod].en);
        expect(html).not.toMatch(/<script|https?:/i);
        expect(file.rows).toBeGreaterThan(0);
      }
    });

    it('report-html with the cell-key method and a filter names the filter; without publication mode, no note', async () => {
      const filters: ReportFilters = [{ dimension: 'channel', values: ['phone'], exclude: false }];
      const filtered = decoded((await client.exportReport({ period: { ...MARCH, publication: true, filters }, format: 'report-html' })).base64);
      expect(filtered).toContain('Filter: Kanal = Telefon');
      expect(filtered).toContain('Filter: Channel = phone');
      const open = await client.exportReport({ period: { ...MARCH, publication: false }, format: 'report-html' });
      expect(open.fileName).toBe('kontaktdesk-bericht-2026-03.html');
      expect(decoded(open.base64)).not.toContain(PUBLICATION_NOTES.cellKey.de);
    });

    it.each([
      { format: 'raw-csv', publicationMethod: 'cellKey' },
      { format: 'raw-xlsx', publicationMethod: 'cellKey' },
      { format: 'raw-csv', publicationMethod: 'suppression' },
      { format: 'raw-xlsx', publicationMethod: 'suppression' },
    ] as const)('refuses $format in publication mode ($publicationMethod) naming format; nothing changes', async ({ format, publicationMethod }) => {
      const before = await databaseDump(f.core);
      const err = await refusal(client.exportReport({ period: { ...MARCH, publication: true, publicationMethod }, format }));
      expect(err.body).toMatchObject({ code: 'invalid_input', field: 'format' });
      expect(err.body.message).toContain('publication mode');
      expect(await databaseDump(f.core)).toEqual(before);
    });

    it('refuses a raw export in publication mode also under a filter; the same export without publication mode is written', async () => {
      const filters: ReportFilters = [{ dimension: 'language', values: ['de'], exclude: false }];
      const err = await refusal(client.exportReport({ period: { ...MARCH, publication: true, filters }, format: 'raw-csv' }));
      expect(err.body).toMatchObject({ code: 'invalid_input', field: 'format' });
      const raw = await client.exportReport({ period: { ...MARCH, publication: false, filters }, format: 'raw-csv' });
      expect(raw.rows).toBeGreaterThan(0);
    });
  });
}
