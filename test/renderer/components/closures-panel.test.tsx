// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClientError } from '../../../core/api/client';
import type { Catalog } from '../../../core/catalog/catalog-types';
import { CLOSURE_NOTE_MAX, type ClosureList } from '../../../core/closures/closure-types';
import { DEFAULT_SETTINGS } from '../../../core/settings/site-settings';
import { de } from '../../../renderer/i18n/de';
import { ClosuresPanel } from '../../../renderer/manage/closures/ClosuresPanel';
import { setUpTexts } from './ui-texts';

const api = vi.hoisted(() => ({ listClosures: vi.fn(), saveClosure: vi.fn(), deleteClosure: vi.fn() }));
vi.mock('../../../renderer/api/client', () => ({ client: api }));

const catalog: Catalog = { topics: [], organisations: [], languages: [], desks: [], themeDays: [], topicGroups: [], settings: DEFAULT_SETTINGS };
const emptyYear = (year: number): ClosureList => ({ year, holidays: [], closures: [] });

beforeAll(setUpTexts);
beforeEach(async () => {
  for (const fn of Object.values(api)) fn.mockReset();
  api.listClosures.mockImplementation(({ year }: { year: number }) => Promise.resolve(emptyYear(year)));
  await act(async () => {
    render(<ClosuresPanel catalog={catalog} />);
  });
});
afterEach(cleanup);

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const submit = () => act(async () => fireEvent.click(screen.getByTestId('closure-save')));

describe('the closures panel’s editor', () => {
  it('shows problems only after a first try to save, and sends nothing while there are any', async () => {
    fireEvent.click(screen.getByTestId('closure-new'));
    expect(screen.queryByTestId('closure-problems')).toBeNull();
    await submit();
    expect(api.saveClosure).not.toHaveBeenCalled();
    // A new closure has no note yet: the one problem, in words.
    expect(
      within(screen.getByTestId('closure-problems'))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([de.closures.problems.note.replace('{{max}}', String(CLOSURE_NOTE_MAX))]);
    expect(screen.getByTestId('closure-note').getAttribute('aria-invalid')).toBe('true');
  });

  it('keeps the form and the typed note when the server refuses, and says why', async () => {
    api.saveClosure.mockRejectedValueOnce(new ClientError({ code: 'invalid_input', field: 'note', message: 'no' }));
    fireEvent.click(screen.getByTestId('closure-new'));
    type('closure-note', 'Betriebsausflug');
    await submit();
    expect(api.saveClosure).toHaveBeenCalledTimes(1);
    expect(api.saveClosure.mock.calls[0]![0]).toMatchObject({ note: 'Betriebsausflug', kind: 'closed' });
    expect(screen.getByTestId('closure-error').textContent).toBe('Eingabe abgelehnt (note).');
    expect((screen.getByTestId('closure-note') as HTMLInputElement).value).toBe('Betriebsausflug');
    expect((screen.getByTestId('closure-save') as HTMLButtonElement).disabled).toBe(false);
  });

  it('closes the form after a save, says what was saved, reads the list again; a new form clears the message', async () => {
    api.saveClosure.mockImplementationOnce((input: { from: string; to: string; note: string; kind: 'closed' }) => Promise.resolve({ id: 7, ...input }));
    fireEvent.click(screen.getByTestId('closure-new'));
    type('closure-note', 'Betriebsausflug');
    fireEvent.click(screen.getByTestId('closure-kind-open'));
    const listCalls = api.listClosures.mock.calls.length;
    await submit();
    expect(api.saveClosure.mock.calls[0]![0]).toMatchObject({ kind: 'open' });
    expect(screen.queryByTestId('closure-form')).toBeNull();
    expect(screen.getByTestId('closure-notice').textContent).toMatch(/^Gespeichert: Betriebsausflug, /);
    expect(api.listClosures.mock.calls.length).toBeGreaterThan(listCalls);
    fireEvent.click(screen.getByTestId('closure-new'));
    expect(screen.queryByTestId('closure-notice')).toBeNull();
    fireEvent.click(within(screen.getByTestId('closure-form')).getByText(de.edit.cancel));
    expect(screen.queryByTestId('closure-form')).toBeNull();
  });
});
