// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { de } from '../../renderer/i18n/de';
import { ExportButtons } from '../../renderer/reports/ExportButtons';
import type { ReportRequest } from '../../renderer/reports/period';
import { setUpTexts } from './components/ui-texts';

/** The report's export buttons (issue 17): "Veröffentlichen" writes the HTML page in publication mode; no raw data in publication mode. */

const api = vi.hoisted(() => ({ exportReport: vi.fn() }));
vi.mock('../../renderer/api/client', () => ({ client: api }));
const downloads = vi.hoisted(() => ({ downloadExport: vi.fn() }));
vi.mock('../../renderer/reports/download', () => downloads);

const MARCH: ReportRequest = { from: '2026-03-01', to: '2026-03-31', publication: false };

beforeAll(setUpTexts);
beforeEach(() => {
  api.exportReport.mockReset();
  api.exportReport.mockResolvedValue({
    fileName: 'kontaktdesk-bericht-2026-03-veroeffentlichung.html',
    mimeType: 'text/html; charset=utf-8',
    base64: '',
    rows: 1,
  });
  downloads.downloadExport.mockReset();
});
afterEach(cleanup);

const button = (testId: string) => screen.getByTestId(testId) as HTMLButtonElement;

describe('ExportButtons', () => {
  it('in publication mode disables the raw exports and says why; the report exports stay', () => {
    render(<ExportButtons request={{ ...MARCH, publication: true }} />);
    expect(button('export-raw-csv').disabled).toBe(true);
    expect(button('export-raw-xlsx').disabled).toBe(true);
    expect(button('export-report-csv').disabled).toBe(false);
    expect(button('export-report-html').disabled).toBe(false);
    expect(screen.getByTestId('export-raw-refused').textContent).toBe(de.exports.rawRefused);
    expect(button('export-raw-csv').getAttribute('aria-describedby')).toBe('exports-raw-refused');
  });

  it('without publication mode offers the raw exports', () => {
    render(<ExportButtons request={MARCH} />);
    expect(button('export-raw-csv').disabled).toBe(false);
    expect(screen.queryByTestId('export-raw-refused')).toBeNull();
  });

  it('"Veröffentlichen" downloads the page of the report as shown, in publication mode even when the screen is not', async () => {
    const filters = [{ dimension: 'language' as const, values: ['uk'], exclude: false }];
    render(<ExportButtons request={{ ...MARCH, filters }} />);
    const publish = button('export-report-html');
    expect(publish.textContent).toBe('Veröffentlichen');
    expect(publish.title).toBe(de.exports.publishHintScreenOpen);
    await act(async () => fireEvent.click(publish));
    expect(api.exportReport).toHaveBeenCalledWith({ period: expect.objectContaining({ ...MARCH, publication: true, filters }), format: 'report-html' });
    expect(downloads.downloadExport).toHaveBeenCalledOnce();
  });

  it('in publication mode the tooltip says the page is this report', () => {
    render(<ExportButtons request={{ ...MARCH, publication: true }} />);
    expect(button('export-report-html').title).toBe(de.exports.publishHint);
  });
});
