import type { Catalog } from '../../core/catalog/catalog-types';

/** Display names of catalog entries in the UI language; labels of retired entries stay readable. */
export interface CatalogLabels {
  topic(id: number): string;
  organisation(id: number): string;
  language(id: number): string;
}

export function catalogLabels(catalog: Catalog, uiLanguage: string): CatalogLabels {
  const german = uiLanguage !== 'en';
  const topics = new Map(catalog.topics.map((t) => [t.id, german ? t.labelDe : t.labelEn]));
  const organisations = new Map(catalog.organisations.map((o) => [o.id, o.name]));
  const languages = new Map(catalog.languages.map((l) => [l.id, german ? l.labelDe : l.labelEn]));
  const pick = (map: Map<number, string>) => (id: number) => map.get(id) ?? `#${id}`;
  return { topic: pick(topics), organisation: pick(organisations), language: pick(languages) };
}

export const activeOnly = <T extends { retired: boolean }>(entries: T[]) => entries.filter((e) => !e.retired);
