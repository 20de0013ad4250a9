// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClientError } from '../../../core/api/client';
import type { Catalog } from '../../../core/catalog/catalog-types';
import { DEFAULT_SETTINGS } from '../../../core/settings/site-settings';
import { de } from '../../../renderer/i18n/de';
import { SettingsPanel } from '../../../renderer/manage/settings/SettingsPanel';
import { setUpTexts } from './ui-texts';

const updateSettings = vi.hoisted(() => vi.fn());
vi.mock('../../../renderer/api/client', () => ({ client: { updateSettings } }));

const catalog: Catalog = {
  topics: [],
  organisations: [],
  languages: [],
  desks: [],
  themeDays: [],
  topicGroups: [],
  settings: { ...DEFAULT_SETTINGS, setupConfirmedAt: '2026-01-01T00:00:00Z' },
};

const saveButton = () => screen.getByTestId('settings-save') as HTMLButtonElement;
const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

beforeAll(setUpTexts);
beforeEach(() => {
  updateSettings.mockReset();
  render(<SettingsPanel catalog={catalog} reloadCatalog={() => Promise.resolve()} />);
});
afterEach(cleanup);

describe('the settings panel', () => {
  it('disables saving while the small-cell threshold is outside what the settings schema accepts', () => {
    expect(saveButton().disabled).toBe(false);
    for (const bad of ['0', '101', '2.5', '']) {
      type('threshold', bad);
      expect(saveButton().disabled, bad).toBe(true);
      expect(screen.getByTestId('threshold').getAttribute('aria-invalid'), bad).toBe('true');
    }
    // The schema's bounds, not numbers typed again in the panel: 1 and 100 are both accepted.
    expect(screen.getByTestId('threshold').getAttribute('min')).toBe('1');
    expect(screen.getByTestId('threshold').getAttribute('max')).toBe('100');
    type('threshold', '100');
    expect(saveButton().disabled).toBe(false);
    type('threshold', '1');
    expect(saveButton().disabled).toBe(false);
  });

  it('disables saving for an empty site name and an auto-lock outside its bounds, and the field says why', () => {
    const hint = () => document.getElementById(screen.getByTestId('site-name').getAttribute('aria-describedby')!)?.textContent;
    expect(hint()).toBe(de.settings.siteNameNote);
    type('site-name', '   ');
    expect(saveButton().disabled).toBe(true);
    expect(hint()).toBe(de.settings.siteNameProblem);
    type('site-name', 'Beratung Graz');
    expect(saveButton().disabled).toBe(false);
    type('auto-lock', '0');
    expect(saveButton().disabled).toBe(true);
    type('auto-lock', '30');
    expect(saveButton().disabled).toBe(false);
  });

  it('shows the server’s refusal in words, stays busy only while the call runs, and says nothing was saved', async () => {
    let refuse!: (err: unknown) => void;
    updateSettings.mockReturnValue(new Promise((_, reject) => (refuse = reject)));
    type('threshold', '5');
    fireEvent.click(saveButton());
    expect(updateSettings).toHaveBeenCalledTimes(1);
    expect(updateSettings.mock.calls[0]![0]).toMatchObject({ smallCellThreshold: 5, siteName: DEFAULT_SETTINGS.siteName });
    expect(saveButton().disabled).toBe(true);
    await act(async () => refuse(new ClientError({ code: 'invalid_input', field: 'smallCellThreshold', message: 'too small' })));
    expect(screen.getByRole('alert').textContent).toBe('Eingabe abgelehnt (smallCellThreshold).');
    expect(screen.queryByTestId('settings-saved')).toBeNull();
    expect(saveButton().disabled).toBe(false);
  });

  it('clears the refusal and says so when the next save goes through', async () => {
    updateSettings.mockRejectedValueOnce(new ClientError({ code: 'forbidden', message: 'no' }));
    await act(async () => fireEvent.click(saveButton()));
    expect(screen.getByRole('alert').textContent).toBe('Zugriff verweigert.');
    updateSettings.mockResolvedValueOnce({ settings: catalog.settings, dryRun: false, timeZoneShift: null });
    await act(async () => fireEvent.click(saveButton()));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByTestId('settings-saved').textContent).toBe('Gespeichert.');
  });
});
