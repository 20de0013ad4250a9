import type { CatalogChoice, ImportPreview, NameKind, NameMapping, UnknownName } from '../../../core/imports/import-types';
import type { Catalog } from '../../../core/catalog/catalog-types';

/** Pure helpers of the import panel, tested without a browser. */

export const nameChoiceKey = (u: Pick<UnknownName, 'kind' | 'name'>) => `${u.kind}:${u.name}`;

/** The mapping to send: one entry per unknown name the user has given a target. */
export function mappingOf(choices: ReadonlyMap<string, number>, unknown: readonly UnknownName[]): NameMapping[] {
  return unknown.flatMap((u) => {
    const targetId = choices.get(nameChoiceKey(u));
    return targetId === undefined ? [] : [{ kind: u.kind, name: u.name, targetId }];
  });
}

/** The i18n key of the layout line. */
export function layoutKey(p: ImportPreview): 'contacts' | 'contactsNoTime' | 'monthly' | 'none' {
  if (p.layout === 'monthly') return 'monthly';
  if (p.layout === 'contacts') return p.hasTime ? 'contacts' : 'contactsNoTime';
  return 'none';
}

/** Contacts per month the import adds (all topics together), in month order. */
export function monthTotals(p: ImportPreview): { month: string; n: number }[] {
  const months = new Map<string, number>();
  for (const t of p.totals) months.set(t.month, (months.get(t.month) ?? 0) + t.n);
  return [...months].map(([month, n]) => ({ month, n }));
}

/** Every entry of a kind the user can map a name to: suggestions first, then active entries, then retired ones. */
export function targetsOf(
  catalog: Catalog,
  kind: NameKind,
  suggestions: readonly CatalogChoice[],
  lang: 'de' | 'en',
): { suggested: CatalogChoice[]; others: CatalogChoice[] } {
  const all: CatalogChoice[] =
    kind === 'topic'
      ? catalog.topics.map((t) => ({ id: t.id, label: lang === 'en' ? t.labelEn : t.labelDe, retired: t.retired }))
      : kind === 'organisation'
        ? catalog.organisations.map((o) => ({ id: o.id, label: o.name, retired: o.retired }))
        : catalog.languages.map((l) => ({ id: l.id, label: `${lang === 'en' ? l.labelEn : l.labelDe} (${l.code})`, retired: l.retired }));
  const suggested = suggestions.map((s) => all.find((a) => a.id === s.id) ?? s);
  const others = all.filter((a) => !suggestions.some((s) => s.id === a.id)).sort((a, b) => Number(a.retired) - Number(b.retired));
  return { suggested, others };
}

/** A month or day range of the preview as text, e.g. "2020-01 – 2020-12". */
export const rangeText = (range: ImportPreview['range'], format: (s: string) => string) =>
  range ? (range.from === range.to ? format(range.from) : `${format(range.from)} – ${format(range.to)}`) : '–';
