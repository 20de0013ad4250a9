import type { Selectable } from 'kysely';
import type { DeskTable, LanguageTable, OrganisationTable, TopicGroupTable, TopicTable } from '../db/schema';
import type { Desk, Language, Organisation, Topic, TopicGroup } from './catalog-types';

/** The one mapping from stored catalog rows to what the API returns. */

/** A stored SDG list that is not a JSON array of goal numbers reads as none rather than breaking the desk. */
export function parseSdgs(text: string): number[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((n): n is number => Number.isInteger(n) && n >= 1 && n <= 17) : [];
  } catch {
    return [];
  }
}

export const topicOf = (t: Selectable<TopicTable>): Topic => ({
  id: t.id,
  labelDe: t.label_de,
  labelEn: t.label_en,
  color: t.color,
  hotkey: t.hotkey,
  position: t.position,
  retired: t.retired_at !== null,
  sdgs: parseSdgs(t.sdgs),
  mergedInto: t.merged_into,
});

export const organisationOf = (o: Selectable<OrganisationTable>): Organisation => ({
  id: o.id,
  name: o.name,
  position: o.position,
  retired: o.retired_at !== null,
  mergedInto: o.merged_into,
});

export const languageOf = (l: Selectable<LanguageTable>): Language => ({
  id: l.id,
  code: l.code,
  labelDe: l.label_de,
  labelEn: l.label_en,
  position: l.position,
  retired: l.retired_at !== null,
  mergedInto: l.merged_into,
});

export const deskOf = (d: Selectable<DeskTable>): Desk => ({
  id: d.id,
  name: d.name,
  position: d.position,
  retired: d.retired_at !== null,
  mergedInto: d.merged_into,
});

/** A group's row with its members' ids, already in topic catalog order. */
export const topicGroupOf = (g: Selectable<TopicGroupTable>, topicIds: number[]): TopicGroup => ({
  id: g.id,
  labelDe: g.label_de,
  labelEn: g.label_en,
  position: g.position,
  retired: g.retired_at !== null,
  mergedInto: g.merged_into,
  topicIds,
});
