// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClientError } from '../../../core/api/client';
import type { Catalog, Topic, TopicGroup } from '../../../core/catalog/catalog-types';
import { DEFAULT_SETTINGS } from '../../../core/settings/site-settings';
import { CatalogPanel } from '../../../renderer/manage/catalog/CatalogPanel';
import { setUpTexts } from './ui-texts';

const api = vi.hoisted(() => ({ saveCatalogEntry: vi.fn(), reorderCatalog: vi.fn(), setCatalogEntryRetired: vi.fn(), mergeCatalogEntries: vi.fn() }));
vi.mock('../../../renderer/api/client', () => ({ client: api }));

const topic = (id: number, labelDe: string, overrides: Partial<Topic> = {}): Topic => ({
  id,
  labelDe,
  labelEn: `${labelDe} (en)`,
  color: '#1d5f8a',
  hotkey: null,
  position: id,
  retired: false,
  sdgs: [],
  mergedInto: null,
  ...overrides,
});
const group = (id: number, labelDe: string, topicIds: number[], overrides: Partial<TopicGroup> = {}): TopicGroup => ({
  id,
  labelDe,
  labelEn: `${labelDe} (en)`,
  position: id,
  retired: false,
  mergedInto: null,
  topicIds,
  ...overrides,
});

const catalog: Catalog = {
  topics: [
    topic(1, 'Arbeit'),
    topic(2, 'Wohnen'),
    topic(3, 'Grundsicherung'),
    topic(4, 'Armut/Schulden'),
    topic(5, 'Früher', { retired: true }),
    topic(6, 'Weg', { retired: true, mergedInto: 2 }),
  ],
  organisations: [],
  languages: [],
  desks: [],
  themeDays: [],
  topicGroups: [group(1, 'Existenzsicherung', [1, 3]), group(2, 'Alltag', [2]), group(3, 'Alt', [4], { retired: true })],
  settings: DEFAULT_SETTINGS,
};
const reloadCatalog = vi.fn(() => Promise.resolve());

beforeAll(setUpTexts);
beforeEach(async () => {
  for (const fn of Object.values(api)) fn.mockReset();
  await act(async () => {
    render(<CatalogPanel catalog={catalog} reloadCatalog={reloadCatalog} />);
  });
  fireEvent.click(screen.getByTestId('catalog-kind-topicGroup'));
});
afterEach(cleanup);

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const save = () => act(async () => fireEvent.click(screen.getByTestId('catalog-entry-save')));
const problemTexts = () =>
  within(screen.getByTestId('catalog-problems'))
    .getAllByRole('listitem')
    .map((li) => li.textContent);

describe('the catalog panel’s topic groups', () => {
  it('lists the groups with their topics, active ones in order and retired ones after, and says what groups are for', () => {
    expect(screen.getByTestId('catalog-kind-topicGroup').textContent).toBe('Themencluster');
    expect(screen.getByTestId('catalog-groups-explain').textContent).toContain('höchstens einem aktiven Cluster');
    const rows = within(screen.getByTestId('catalog-list')).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').querySelector('[data-testid^="catalog-name-"]')!.textContent)).toEqual([
      'Existenzsicherung',
      'Alltag',
      'Alt',
    ]);
    expect(screen.getByTestId('catalog-members-1').textContent).toBe('Arbeit, Grundsicherung');
    expect(screen.getByTestId('catalog-row-3').className).toBe('retired');
  });

  it('a new group: labels and topics ticked by keyboard-reachable checkboxes, sent as one topicGroup entry', async () => {
    api.saveCatalogEntry.mockResolvedValueOnce({ kind: 'topicGroup', entry: group(4, 'Schulden', [4]) });
    fireEvent.click(screen.getByTestId('catalog-new'));
    const dialog = screen.getByTestId('catalog-entry-dialog');
    // Merged topics are not offered; retired ones are, marked; topics of other active groups say where they are.
    const boxes = within(dialog).getAllByRole('checkbox');
    expect(boxes.map((b) => b.closest('label')!.textContent)).toEqual([
      'Arbeit (in „Existenzsicherung“)',
      'Wohnen (in „Alltag“)',
      'Grundsicherung (in „Existenzsicherung“)',
      'Armut/Schulden',
      'Früher (ausgeschieden)',
    ]);
    type('catalog-field-label-de', ' Schulden ');
    type('catalog-field-label-en', 'Debt');
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Armut\/Schulden/ }));
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Früher/ }));
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Früher/ }));
    await save();

    expect(api.saveCatalogEntry).toHaveBeenCalledWith({ kind: 'topicGroup', labelDe: 'Schulden', labelEn: 'Debt', topicIds: [4] });
    expect(reloadCatalog).toHaveBeenCalled();
    expect(screen.getByTestId('catalog-notice').textContent).toBe('„Schulden“ gespeichert.');
  });

  it('sends nothing without a topic, or with a topic another active group holds, and says so naming both', async () => {
    fireEvent.click(screen.getByTestId('catalog-new'));
    type('catalog-field-label-de', 'Neu');
    type('catalog-field-label-en', 'New');
    await save();
    expect(problemTexts()).toEqual(['Bitte mindestens ein Thema wählen.']);
    expect(screen.getByTestId('catalog-field-topics').getAttribute('aria-invalid')).toBe('true');

    fireEvent.click(screen.getByTestId('catalog-member-1'));
    await save();
    expect(problemTexts()).toEqual(['„Arbeit“ gehört schon zum Themencluster „Existenzsicherung“ – dort zuerst herausnehmen.']);
    expect(api.saveCatalogEntry).not.toHaveBeenCalled();
  });

  it('editing keeps the group’s own topics free to keep; a server refusal of a topic names the field', async () => {
    api.saveCatalogEntry.mockRejectedValueOnce(new ClientError({ code: 'invalid_input', field: 'topicIds.1', message: 'taken' }));
    fireEvent.click(screen.getByTestId('catalog-edit-1'));
    const dialog = screen.getByTestId('catalog-entry-dialog');
    expect((within(dialog).getByRole('checkbox', { name: /^Arbeit/ }) as HTMLInputElement).checked).toBe(true);
    expect(
      within(dialog)
        .getByRole('checkbox', { name: /^Arbeit/ })
        .closest('label')!.textContent,
    ).toBe('Arbeit');
    fireEvent.click(screen.getByTestId('catalog-member-4'));
    await save();

    expect(api.saveCatalogEntry).toHaveBeenCalledWith({
      kind: 'topicGroup',
      id: 1,
      labelDe: 'Existenzsicherung',
      labelEn: 'Existenzsicherung (en)',
      topicIds: [1, 3, 4],
    });
    expect(screen.getByTestId('catalog-entry-error').textContent).toBe('„Themen“ wurde abgelehnt – bitte prüfen.');
  });

  it('reorders, retires after asking, and merges with a preview of the topics that join', async () => {
    api.reorderCatalog.mockResolvedValueOnce({ kind: 'topicGroup', ids: [2, 1, 3] });
    await act(async () => fireEvent.click(screen.getByTestId('catalog-down-1')));
    expect(api.reorderCatalog).toHaveBeenCalledWith({ kind: 'topicGroup', ids: [2, 1, 3] });

    fireEvent.click(screen.getByTestId('catalog-retire-2'));
    expect(screen.getByTestId('catalog-retire-dialog').textContent).toContain('Kontakte ändern sich dadurch nicht.');
    api.setCatalogEntryRetired.mockResolvedValueOnce({ kind: 'topicGroup', entry: group(2, 'Alltag', [2], { retired: true }) });
    await act(async () => fireEvent.click(screen.getByTestId('catalog-retire-confirm')));
    expect(api.setCatalogEntryRetired).toHaveBeenCalledWith({ kind: 'topicGroup', id: 2, retired: true });

    fireEvent.click(screen.getByTestId('catalog-merge-2'));
    fireEvent.change(screen.getByTestId('catalog-merge-target'), { target: { value: '1' } });
    const preview = { kind: 'topicGroup', sourceId: 2, targetId: 1, contacts: 0, alreadyWithTarget: 0, otherRows: 1 };
    api.mergeCatalogEntries.mockResolvedValueOnce({ ...preview, dryRun: true }).mockResolvedValueOnce({ ...preview, dryRun: false });
    await act(async () => fireEvent.click(screen.getByTestId('catalog-merge-check')));
    expect(screen.getByTestId('catalog-merge-preview').textContent).toBe('1 Thema kommt zu „Existenzsicherung“ dazu.');
    await act(async () => fireEvent.click(screen.getByTestId('catalog-merge-confirm')));
    expect(api.mergeCatalogEntries).toHaveBeenLastCalledWith({ kind: 'topicGroup', sourceId: 2, targetId: 1, dryRun: false });
    expect(screen.getByTestId('catalog-notice').textContent).toBe('„Alltag“ in „Existenzsicherung“ zusammengeführt.');
  });
});
