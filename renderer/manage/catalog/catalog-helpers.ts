import type { MethodInput } from '../../../core/api/contract';
import type { CatalogKind } from '../../../core/catalog/catalog-references';
import type { Catalog, Desk, Language, Organisation, Topic, TopicGroup } from '../../../core/catalog/catalog-types';
import { catalogEntrySchema, hotkeySchema, languageCodeSchema } from '../../../core/catalog/catalog-inputs';
import { maxChars } from '../../ui/schema-limits';

/** Pure helpers of the catalog panel (tested without a browser). */

export type Entry = Topic | Organisation | Language | Desk | TopicGroup;
export type EntryInput = MethodInput<'saveCatalogEntry'>;

export const KINDS: readonly CatalogKind[] = ['topic', 'organisation', 'language', 'desk', 'topicGroup'];

/** Kinds the desk cannot log without: the last active one cannot be retired. */
export const NEEDED: readonly CatalogKind[] = ['topic', 'language', 'desk'];

export const SDG_GOALS = Array.from({ length: 17 }, (_, i) => i + 1);

export function entriesOf(catalog: Catalog, kind: CatalogKind): Entry[] {
  switch (kind) {
    case 'topic':
      return catalog.topics;
    case 'organisation':
      return catalog.organisations;
    case 'language':
      return catalog.languages;
    case 'desk':
      return catalog.desks;
    case 'topicGroup':
      return catalog.topicGroups;
  }
}

/** The list as the panel shows it: active entries in desk order, then retired ones. */
export function listOrder(entries: Entry[]): Entry[] {
  return [...entries].sort((a, b) => Number(a.retired) - Number(b.retired) || a.position - b.position || a.id - b.id);
}

/** What an entry is called in the UI language. */
export function entryName(entry: Entry, language: string): string {
  if ('name' in entry) return entry.name;
  return language.startsWith('en') ? entry.labelEn : entry.labelDe;
}

/**
 * The full id list of a kind after moving one active entry up (-1) or down (+1) among the active
 * ones; retired entries keep their relative order at the end. Null when it cannot move.
 */
export function movedIds(entries: Entry[], id: number, step: -1 | 1): number[] | null {
  const ordered = listOrder(entries);
  const active = ordered.filter((e) => !e.retired);
  const i = active.findIndex((e) => e.id === id);
  const j = i + step;
  if (i < 0 || j < 0 || j >= active.length) return null;
  [active[i], active[j]] = [active[j]!, active[i]!];
  return [...active, ...ordered.filter((e) => e.retired)].map((e) => e.id);
}

/** The edit form's state: strings as typed, for every kind at once. */
export interface Draft {
  kind: CatalogKind;
  id?: number;
  retired: boolean;
  name: string;
  labelDe: string;
  labelEn: string;
  code: string;
  color: string;
  hotkey: string;
  sdgs: number[];
  /** A topic group's topics, in the order ticked (the server keeps catalog order). */
  topicIds: number[];
}

export function newDraft(kind: CatalogKind, catalog: Catalog): Draft {
  return { kind, retired: false, name: '', labelDe: '', labelEn: '', code: '', color: freeColor(catalog), hotkey: freeHotkey(catalog), sdgs: [], topicIds: [] };
}

export function draftOf(kind: CatalogKind, entry: Entry): Draft {
  const base = {
    kind,
    id: entry.id,
    retired: entry.retired,
    name: '',
    labelDe: '',
    labelEn: '',
    code: '',
    color: '#1d5f8a',
    hotkey: '',
    sdgs: [] as number[],
    topicIds: [] as number[],
  };
  if ('name' in entry) return { ...base, name: entry.name };
  if ('code' in entry) return { ...base, code: entry.code, labelDe: entry.labelDe, labelEn: entry.labelEn };
  if ('topicIds' in entry) return { ...base, labelDe: entry.labelDe, labelEn: entry.labelEn, topicIds: [...entry.topicIds] };
  return { ...base, labelDe: entry.labelDe, labelEn: entry.labelEn, color: entry.color, hotkey: (entry.hotkey ?? '').toUpperCase(), sdgs: [...entry.sdgs] };
}

const KEYS = [...'123456789', ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ', '0'];

/** The first key no active topic uses, so a new topic gets one without thinking; '' when all are taken. */
export function freeHotkey(catalog: Catalog): string {
  const used = new Set(catalog.topics.filter((t) => !t.retired && t.hotkey).map((t) => t.hotkey!.toUpperCase()));
  return KEYS.find((k) => !used.has(k)) ?? '';
}

/** A new topic's first colour (one no active topic has): the seed's colours first, then more of the same kind. */
export const PALETTE = [
  '#1d5f8a',
  '#8a4a0b',
  '#2f6b32',
  '#a12b3c',
  '#5b4a99',
  '#0f6b6b',
  '#7a2e6e',
  '#6b5300',
  '#9b2c2c',
  '#34568b',
  '#4d5d1f',
  '#6d4c41',
  '#00695c',
  '#ad1457',
  '#283593',
  '#558b2f',
  '#bf360c',
  '#37474f',
  '#6a1b9a',
  '#2e7d32',
  '#4e342e',
  '#00838f',
];

function freeColor(catalog: Catalog): string {
  const used = new Set(catalog.topics.filter((t) => !t.retired).map((t) => t.color.toLowerCase()));
  return PALETTE.find((c) => !used.has(c)) ?? PALETTE[catalog.topics.length % PALETTE.length]!;
}

export type ProblemField = 'name' | 'labelDe' | 'labelEn' | 'code' | 'color' | 'hotkey' | 'topicIds';
export type Problem =
  | { field: ProblemField; reason: 'required' | 'tooLong' | 'format' }
  | { field: ProblemField; reason: 'duplicate'; value: string }
  | { field: 'hotkey'; reason: 'taken'; key: string; topic: Topic }
  | { field: 'topicIds'; reason: 'inGroup'; topic: Topic; group: TopicGroup };

const FIELDS: Record<CatalogKind, ProblemField[]> = {
  topic: ['labelDe', 'labelEn'],
  organisation: ['name'],
  language: ['code', 'labelDe', 'labelEn'],
  desk: ['name'],
  topicGroup: ['labelDe', 'labelEn'],
};

/** A name or label's longest length, as the catalog schema's organisation name (every label shares one rule). */
export const LABEL_MAX = maxChars(catalogEntrySchema.options.flatMap((o) => ('name' in o.shape ? [o.shape.name] : []))[0]!);

const same = (a: string, b: string) => a.localeCompare(b, 'de', { sensitivity: 'accent' }) === 0;

/** What the server would refuse, found before sending so the message can name the field in words. */
export function problems(d: Draft, catalog: Catalog): Problem[] {
  const out: Problem[] = [];
  const others = entriesOf(catalog, d.kind).filter((e) => e.id !== d.id && !e.retired);
  for (const field of FIELDS[d.kind]) {
    const value = String(d[field]).trim();
    if (!value) out.push({ field, reason: 'required' });
    else if (value.length > LABEL_MAX) out.push({ field, reason: 'tooLong' });
    else if (field === 'code' && !languageCodeSchema.safeParse(value).success) out.push({ field, reason: 'format' });
    else if (others.some((e) => same(String((e as unknown as Record<string, unknown>)[field]), value))) out.push({ field, reason: 'duplicate', value });
  }
  if (d.kind === 'topic') {
    if (!/^#[0-9a-fA-F]{6}$/.test(d.color)) out.push({ field: 'color', reason: 'format' });
    const key = d.hotkey.trim();
    if (key && !hotkeySchema.safeParse(key).success) out.push({ field: 'hotkey', reason: 'format' });
    else if (key) {
      const holder = catalog.topics.find((t) => t.id !== d.id && !t.retired && t.hotkey?.toLowerCase() === key.toLowerCase());
      if (holder) out.push({ field: 'hotkey', reason: 'taken', key: key.toUpperCase(), topic: holder });
    }
  }
  if (d.kind === 'topicGroup') out.push(...memberProblems(d, catalog));
  return out;
}

/** The active group other than the draft's that holds a topic: a topic is in at most one active group. */
export function groupHolding(catalog: Catalog, topicId: number, exceptId?: number): TopicGroup | undefined {
  return catalog.topicGroups.find((g) => g.id !== exceptId && !g.retired && g.topicIds.includes(topicId));
}

function memberProblems(d: Draft, catalog: Catalog): Problem[] {
  if (d.topicIds.length === 0) return [{ field: 'topicIds', reason: 'required' }];
  // A retired group may hold any topic; the check comes when it is reactivated.
  if (d.retired) return [];
  return d.topicIds.flatMap((id): Problem[] => {
    const group = groupHolding(catalog, id, d.id);
    const topic = catalog.topics.find((t) => t.id === id);
    return group && topic ? [{ field: 'topicIds', reason: 'inGroup', topic, group }] : [];
  });
}

/** The topics a group's editor offers: every topic not merged away, plus merged ones the group still holds; catalog order. */
export function memberChoices(catalog: Catalog, d: Draft): Topic[] {
  return catalog.topics.filter((t) => t.mergedInto === null || d.topicIds.includes(t.id));
}

/** The contract's input from a draft; a retired topic is saved without a hotkey (it gets one when reactivated and edited). */
export function entryInput(d: Draft): EntryInput {
  const id = d.id === undefined ? {} : { id: d.id };
  switch (d.kind) {
    case 'topic':
      return {
        kind: 'topic',
        ...id,
        labelDe: d.labelDe.trim(),
        labelEn: d.labelEn.trim(),
        color: d.color.toLowerCase(),
        hotkey: d.retired || !d.hotkey.trim() ? null : d.hotkey.trim().toLowerCase(),
        sdgs: [...d.sdgs].sort((a, b) => a - b),
      };
    case 'language':
      return { kind: 'language', ...id, code: d.code.trim(), labelDe: d.labelDe.trim(), labelEn: d.labelEn.trim() };
    case 'organisation':
      return { kind: 'organisation', ...id, name: d.name.trim() };
    case 'desk':
      return { kind: 'desk', ...id, name: d.name.trim() };
    case 'topicGroup':
      return { kind: 'topicGroup', ...id, labelDe: d.labelDe.trim(), labelEn: d.labelEn.trim(), topicIds: [...d.topicIds] };
  }
}
