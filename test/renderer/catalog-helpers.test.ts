import { describe, expect, it } from 'vitest';
import type { Catalog, Topic } from '../../core/catalog/catalog-types';
import { draftOf, entryInput, freeHotkey, memberChoices, movedIds, newDraft, problems } from '../../renderer/manage/catalog/catalog-helpers';

const topic = (id: number, labelDe: string, hotkey: string | null, overrides: Partial<Topic> = {}): Topic => ({
  id,
  labelDe,
  labelEn: `${labelDe} (en)`,
  color: '#1d5f8a',
  hotkey,
  position: id,
  retired: false,
  sdgs: [],
  mergedInto: null,
  ...overrides,
});

const catalog = {
  topics: [topic(1, 'Arbeit', '1'), topic(2, 'Wohnen', '2'), topic(3, 'Alt', null, { retired: true }), topic(4, 'Bildung', 'a')],
  organisations: [],
  languages: [{ id: 1, code: 'de', labelDe: 'Deutsch', labelEn: 'German', position: 1, retired: false, mergedInto: null }],
  desks: [],
  themeDays: [],
  topicGroups: [],
  settings: {} as Catalog['settings'],
} as Catalog;

describe('catalog panel helpers', () => {
  it('moving an entry swaps it with its active neighbour and keeps retired entries at the end', () => {
    expect(movedIds(catalog.topics, 4, -1)).toEqual([1, 4, 2, 3]);
    expect(movedIds(catalog.topics, 1, 1)).toEqual([2, 1, 4, 3]);
    expect(movedIds(catalog.topics, 1, -1)).toBeNull();
    expect(movedIds(catalog.topics, 4, 1)).toBeNull();
    expect(movedIds(catalog.topics, 3, -1)).toBeNull();
  });

  it('a new topic gets the first free hotkey', () => {
    expect(freeHotkey(catalog)).toBe('3');
    expect(newDraft('topic', catalog)).toMatchObject({ hotkey: '3', sdgs: [] });
  });

  it('finds what the server would refuse: empty labels, names in use ignoring case, a taken hotkey, a bad code', () => {
    const draft = { ...newDraft('topic', catalog), labelDe: 'ARBEIT', labelEn: ' ', hotkey: 'a' };
    expect(problems(draft, catalog)).toEqual([
      { field: 'labelDe', reason: 'duplicate', value: 'ARBEIT' },
      { field: 'labelEn', reason: 'required' },
      { field: 'hotkey', reason: 'taken', key: 'A', topic: catalog.topics[3] },
    ]);
    // A retired topic's label is free again; an entry does not clash with itself.
    expect(problems({ ...newDraft('topic', catalog), labelDe: 'Alt', labelEn: 'Old' }, catalog)).toEqual([]);
    expect(problems(draftOf('topic', catalog.topics[0]!), catalog)).toEqual([]);
    expect(problems({ ...newDraft('language', catalog), code: 'DE1', labelDe: 'X', labelEn: 'X' }, catalog)).toEqual([{ field: 'code', reason: 'format' }]);
  });

  it('builds the contract input: trimmed, hotkey lower-case or null, SDGs sorted, no hotkey for a retired topic', () => {
    expect(entryInput({ ...draftOf('topic', catalog.topics[0]!), labelDe: ' Arbeit ', hotkey: 'Q', sdgs: [8, 1] })).toEqual({
      kind: 'topic',
      id: 1,
      labelDe: 'Arbeit',
      labelEn: 'Arbeit (en)',
      color: '#1d5f8a',
      hotkey: 'q',
      sdgs: [1, 8],
    });
    expect(entryInput(draftOf('topic', catalog.topics[2]!))).toMatchObject({ hotkey: null });
    expect(entryInput({ ...newDraft('desk', catalog), name: ' Telefon ' })).toEqual({ kind: 'desk', name: 'Telefon' });
  });

  it('topic groups: at least one topic, none another active group holds (a retired group may), merged topics not offered', () => {
    const withGroups: Catalog = {
      ...catalog,
      topics: [...catalog.topics, topic(5, 'Weg', null, { retired: true, mergedInto: 1 })],
      topicGroups: [
        { id: 1, labelDe: 'Existenz', labelEn: 'Livelihood', position: 1, retired: false, mergedInto: null, topicIds: [1, 2] },
        { id: 2, labelDe: 'Alt', labelEn: 'Old', position: 2, retired: true, mergedInto: null, topicIds: [4] },
      ],
    };
    const fresh = { ...newDraft('topicGroup', withGroups), labelDe: 'Neu', labelEn: 'New' };
    expect(problems(fresh, withGroups)).toEqual([{ field: 'topicIds', reason: 'required' }]);
    expect(problems({ ...fresh, topicIds: [4, 2] }, withGroups)).toEqual([
      { field: 'topicIds', reason: 'inGroup', topic: withGroups.topics[1], group: withGroups.topicGroups[0] },
    ]);
    expect(problems({ ...fresh, labelDe: 'existenz', topicIds: [3] }, withGroups)).toEqual([{ field: 'labelDe', reason: 'duplicate', value: 'existenz' }]);
    expect(problems(draftOf('topicGroup', withGroups.topicGroups[0]!), withGroups)).toEqual([]);
    expect(problems({ ...draftOf('topicGroup', withGroups.topicGroups[1]!), topicIds: [1] }, withGroups)).toEqual([]);
    expect(memberChoices(withGroups, fresh).map((t) => t.id)).toEqual([1, 2, 3, 4]);
    expect(entryInput({ ...fresh, labelDe: ' Neu ', topicIds: [3, 4] })).toEqual({ kind: 'topicGroup', labelDe: 'Neu', labelEn: 'New', topicIds: [3, 4] });
  });
});
