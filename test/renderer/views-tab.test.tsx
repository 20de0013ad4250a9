// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClientError } from '../../core/api/client';
import type { Catalog } from '../../core/catalog/catalog-types';
import { DEFAULT_SETTINGS } from '../../core/settings/site-settings';
import type { SavedView } from '../../core/views/view-types';
import { parseHash, routeHash, type Route } from '../../renderer/app/route';
import { todayIn } from '../../renderer/reports/period';
import { ViewsTab } from '../../renderer/views/ViewsTab';
import { setUpTexts } from './components/ui-texts';

const api = vi.hoisted(() => ({ listSavedViews: vi.fn(), saveSavedView: vi.fn(), deleteSavedView: vi.fn(), listMailSchedules: vi.fn() }));
vi.mock('../../renderer/api/client', () => ({ client: api }));
const changes = vi.hoisted(() => ({ listeners: new Set<(change: { kind: string }) => void>() }));
vi.mock('../../renderer/api/server-changes', () => ({
  subscribeServerChanges: (listener: (change: { kind: string }) => void) => {
    changes.listeners.add(listener);
    return () => changes.listeners.delete(listener);
  },
}));

const catalog: Catalog = {
  topics: [
    {
      id: 3,
      labelDe: 'Wohnen',
      labelEn: 'Housing',
      color: '#1d5f8a',
      hotkey: 'w',
      retired: false,
      position: 1,
      sdgs: [],
    } as unknown as Catalog['topics'][number],
  ],
  organisations: [],
  languages: [{ id: 9, code: 'uk', labelDe: 'Ukrainisch', labelEn: 'Ukrainian' } as unknown as Catalog['languages'][number]],
  desks: [],
  themeDays: [],
  topicGroups: [],
  settings: { ...DEFAULT_SETTINGS, openingDate: '2020-01-01' },
};

const view = (over: Partial<SavedView>): SavedView => ({
  id: 1,
  name: 'Monatsbericht Gemeinderat',
  period: { kind: 'lastMonth' },
  filters: [],
  sections: ['headline', 'monthly', 'topics'],
  publication: false,
  publicationMethod: 'cellKey',
  topicGroups: false,
  createdAt: '2026-01-01T08:00:00.000Z',
  updatedAt: '2026-01-01T08:00:00.000Z',
  ...over,
});

const views: SavedView[] = [
  view({
    id: 1,
    filters: [
      { dimension: 'language', values: ['uk'], exclude: false },
      { dimension: 'topic', values: [3], exclude: true },
    ],
  }),
  view({ id: 2, name: 'Q1 2025', period: { kind: 'fixed', from: '2025-01-01', to: '2025-03-31' }, sections: [...view({}).sections], publication: true }),
  view({
    id: 3,
    name: 'Jahrestabelle',
    period: { kind: 'fixed', from: '2025-01-01', to: '2025-12-31' },
    publication: true,
    publicationMethod: 'suppression',
    topicGroups: true,
  }),
];

let navigate: ReturnType<typeof vi.fn<(route: Route) => void>>;

beforeAll(setUpTexts);
beforeEach(async () => {
  for (const fn of Object.values(api)) fn.mockReset();
  api.listSavedViews.mockResolvedValue(views);
  navigate = vi.fn();
  await act(async () => {
    render(<ViewsTab catalog={catalog} navigate={navigate} />);
  });
});
afterEach(cleanup);

const row = (id: number) => screen.getByTestId(`saved-view-${id}`);

describe('the saved views list', () => {
  it('names each view, its period rule, its filter and its sections in words', () => {
    const first = row(1);
    expect(within(first).getByTestId('saved-view-name').textContent).toBe('Monatsbericht Gemeinderat');
    expect(within(first).getByTestId('saved-view-period').textContent).toBe('Letzter Monat');
    expect(within(first).getByTestId('saved-view-filter').textContent).toBe('Sprache = Ukrainisch; Thema nicht Wohnen');
    expect(within(first).getByTestId('saved-view-sections').textContent).toBe('3 Abschnitte');
    expect(within(row(2)).getByTestId('saved-view-period').textContent).toBe('Fest: 01.01.2025 – 31.03.2025 · Veröffentlichungsmodus: Zellschlüssel-Verfahren');
    expect(within(row(3)).getByTestId('saved-view-period').textContent).toBe(
      'Fest: 01.01.2025 – 31.12.2025 · Veröffentlichungsmodus: Unterdrückung kleiner Zahlen · Themencluster statt Themen',
    );
    expect(within(row(2)).getByTestId('saved-view-filter').textContent).toBe('keiner (alle Kontakte)');
  });

  it('opens a view as the report of its period as of today, with its filter, publication mode and sections in the address', () => {
    fireEvent.click(within(row(1)).getByTestId('saved-view-open'));
    expect(navigate).toHaveBeenCalledTimes(1);
    const hash = routeHash(navigate.mock.calls[0]![0]);
    const [y, m] = todayIn(catalog.settings.timeZone).split('-').map(Number) as [number, number];
    const [ly, lm] = m === 1 ? [y - 1, 12] : [y, m - 1];
    const from = `${ly}-${String(lm).padStart(2, '0')}-01`;
    const q = new URLSearchParams(hash.split('?')[1]);
    expect(hash.startsWith('#/reports?')).toBe(true);
    expect(q.get('from')).toBe(from);
    expect(q.get('to')!.slice(0, 7)).toBe(from.slice(0, 7));
    expect(q.get('f')).toBe('language:uk;!topic:3');
    expect(q.get('sections')).toBe('headline,monthly,topics');
    expect(q.get('pub')).toBeNull();
    // The address reads back as the same route.
    expect(parseHash(hash)).toMatchObject({ screen: 'reports', tab: 'report', sections: ['headline', 'monthly', 'topics'] });

    fireEvent.click(within(row(2)).getByTestId('saved-view-open'));
    const fixed = new URLSearchParams(routeHash(navigate.mock.calls[1]![0]).split('?')[1]);
    expect([fixed.get('from'), fixed.get('to'), fixed.get('pub'), fixed.get('pm'), fixed.get('f')]).toEqual(['2025-01-01', '2025-03-31', '1', null, null]);

    // Suppression and topic groups travel in the address too, and read back.
    fireEvent.click(within(row(3)).getByTestId('saved-view-open'));
    const suppressed = routeHash(navigate.mock.calls[2]![0]);
    const sq = new URLSearchParams(suppressed.split('?')[1]);
    expect([sq.get('pub'), sq.get('pm'), sq.get('groups')]).toEqual(['1', 'suppression', '1']);
    expect(parseHash(suppressed)).toMatchObject({ period: { publication: true, publicationMethod: 'suppression', topicGroups: true } });
  });

  it('renames in place: Enter saves the whole view under the new name, Escape cancels without a request', async () => {
    fireEvent.click(within(row(1)).getByTestId('saved-view-rename'));
    const input = within(row(1)).getByTestId('saved-view-rename-input') as HTMLInputElement;
    expect(document.activeElement).toBe(input);
    fireEvent.change(input, { target: { value: 'Gemeinderat' } });
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(api.saveSavedView).not.toHaveBeenCalled();
    expect(within(row(1)).getByTestId('saved-view-name').textContent).toBe('Monatsbericht Gemeinderat');

    fireEvent.click(within(row(1)).getByTestId('saved-view-rename'));
    api.saveSavedView.mockImplementationOnce((input: SavedView) => Promise.resolve({ ...views[0]!, ...input }));
    api.listSavedViews.mockResolvedValue([{ ...views[0]!, name: 'Gemeinderat' }, views[1]!]);
    fireEvent.change(within(row(1)).getByTestId('saved-view-rename-input'), { target: { value: 'Gemeinderat' } });
    await act(async () => {
      fireEvent.keyDown(within(row(1)).getByTestId('saved-view-rename-input'), { key: 'Enter' });
    });
    expect(api.saveSavedView).toHaveBeenCalledTimes(1);
    const { filters, sections, period, publication, publicationMethod, topicGroups } = views[0]!;
    expect(api.saveSavedView.mock.calls[0]![0]).toEqual({ id: 1, name: 'Gemeinderat', period, filters, sections, publication, publicationMethod, topicGroups });
    expect(within(row(1)).getByTestId('saved-view-name').textContent).toBe('Gemeinderat');
    expect(screen.getByTestId('saved-views-notice').textContent).toBe('Umbenannt: Gemeinderat');
  });

  it('keeps the field and names the problem beside it when a rename is refused', async () => {
    api.saveSavedView.mockRejectedValueOnce(new ClientError({ code: 'conflict', field: 'name', message: 'a view named Q1 2025 exists' }));
    fireEvent.click(within(row(1)).getByTestId('saved-view-rename'));
    fireEvent.change(within(row(1)).getByTestId('saved-view-rename-input'), { target: { value: 'Q1 2025' } });
    await act(async () => {
      fireEvent.keyDown(within(row(1)).getByTestId('saved-view-rename-input'), { key: 'Enter' });
    });
    const input = within(row(1)).getByTestId('saved-view-rename-input');
    expect((input as HTMLInputElement).value).toBe('Q1 2025');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const hint = within(row(1)).getByTestId('saved-view-rename-hint');
    expect(hint.getAttribute('role')).toBe('alert');
    expect(input.getAttribute('aria-describedby')).toBe(hint.id);
    expect(hint.textContent).not.toBe('');
  });

  it('reads the list again when a view changes elsewhere, and not for other changes', async () => {
    const reads = api.listSavedViews.mock.calls.length;
    api.listSavedViews.mockResolvedValue([...views, view({ id: 4, name: 'Vom anderen PC' })]);
    await act(async () => {
      for (const listener of changes.listeners) listener({ kind: 'catalog' });
    });
    expect(api.listSavedViews.mock.calls.length).toBe(reads);
    await act(async () => {
      for (const listener of changes.listeners) listener({ kind: 'views' });
    });
    expect(api.listSavedViews.mock.calls.length).toBe(reads + 1);
    expect(within(row(4)).getByTestId('saved-view-name').textContent).toBe('Vom anderen PC');
  });

  it('deletes only after the confirm dialog; cancel leaves the view', async () => {
    fireEvent.click(within(row(2)).getByTestId('saved-view-delete'));
    const dialog = screen.getByTestId('saved-view-delete-dialog') as HTMLDialogElement;
    expect(dialog.open).toBe(true);
    expect(dialog.textContent).toContain('„Q1 2025“ wird gelöscht.');
    fireEvent.click(within(dialog).getByTestId('saved-view-delete-cancel'));
    expect(screen.queryByTestId('saved-view-delete-dialog')).toBeNull();
    expect(api.deleteSavedView).not.toHaveBeenCalled();

    fireEvent.click(within(row(2)).getByTestId('saved-view-delete'));
    api.deleteSavedView.mockResolvedValueOnce(views[1]);
    api.listSavedViews.mockResolvedValue([views[0]!]);
    await act(async () => {
      fireEvent.click(within(screen.getByTestId('saved-view-delete-dialog')).getByTestId('saved-view-delete-confirm'));
    });
    expect(api.deleteSavedView).toHaveBeenCalledWith({ id: 2 });
    expect(screen.queryByTestId('saved-view-delete-dialog')).toBeNull();
    expect(screen.queryByTestId('saved-view-2')).toBeNull();
    expect(screen.getByTestId('saved-views-notice').textContent).toBe('Gelöscht: Q1 2025');
  });

  it('a view a mail schedule sends: the refusal names the schedule in German, and the dialog stays open with the view kept', async () => {
    const refusal = new ClientError({ code: 'conflict', message: 'the mail schedule "Quartalsbericht" sends this view; …', field: 'id' });
    api.deleteSavedView.mockRejectedValueOnce(refusal);
    api.listMailSchedules.mockResolvedValueOnce([
      { id: 4, name: 'Quartalsbericht', viewId: 2 },
      { id: 5, name: 'Ohne Ansicht', viewId: null },
    ]);
    fireEvent.click(within(row(2)).getByTestId('saved-view-delete'));
    await act(async () => {
      fireEvent.click(within(screen.getByTestId('saved-view-delete-dialog')).getByTestId('saved-view-delete-confirm'));
    });
    expect(screen.getByTestId('saved-view-delete-error').textContent).toBe(
      'Der Berichtsversand „Quartalsbericht“ verschickt diese Ansicht. Wählen Sie dort (Verwaltung → Berichtsversand) eine andere Ansicht oder löschen Sie den Zeitplan zuerst.',
    );
    expect(screen.getByTestId('saved-view-delete-dialog')).toBeTruthy();
    expect(row(2)).toBeTruthy();
  });

  it('any other refusal of a delete is shown as it came, without asking for schedules', async () => {
    api.deleteSavedView.mockRejectedValueOnce(new ClientError({ code: 'not_found', message: 'no saved view with id 2', field: 'id' }));
    fireEvent.click(within(row(2)).getByTestId('saved-view-delete'));
    await act(async () => {
      fireEvent.click(within(screen.getByTestId('saved-view-delete-dialog')).getByTestId('saved-view-delete-confirm'));
    });
    expect(api.listMailSchedules).not.toHaveBeenCalled();
    expect(screen.getByTestId('saved-view-delete-error').textContent).not.toContain('Berichtsversand');
  });
});
