import type { Catalog } from '../catalog/catalog-types';
import type { CatalogChoice, NameKind, NameMapping } from './import-types';

/** Names compare without case, extra spaces or Unicode normal-form differences. */
export const nameKey = (name: string) => name.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');

interface Entry {
  id: number;
  names: string[];
  label: string;
  retired: boolean;
  mergedInto: number | null;
}

function entriesOf(catalog: Catalog, kind: NameKind): Entry[] {
  switch (kind) {
    case 'topic':
      return catalog.topics.map((t) => ({ id: t.id, names: [t.labelDe, t.labelEn], label: t.labelDe, retired: t.retired, mergedInto: t.mergedInto ?? null }));
    case 'organisation':
      return catalog.organisations.map((o) => ({ id: o.id, names: [o.name], label: o.name, retired: o.retired, mergedInto: o.mergedInto ?? null }));
    case 'language':
      return catalog.languages.map((l) => ({
        id: l.id,
        names: [l.code, l.labelDe, l.labelEn],
        label: l.labelDe,
        retired: l.retired,
        mergedInto: l.mergedInto ?? null,
      }));
  }
}

/** Levenshtein distance, for suggestions; names are short. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = current;
  }
  return previous[b.length]!;
}

const words = (s: string) => s.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2);

/** How alike two names are, 0 … 1: shared words and containment count most ("Schulden" → "Armut/Schulden"). */
function likeness(name: string, candidate: string): number {
  if (name === candidate) return 1;
  if (candidate.includes(name) || name.includes(candidate)) return 0.9;
  const shared = words(name).filter((w) => words(candidate).some((c) => c.startsWith(w) || w.startsWith(c))).length;
  if (shared > 0) return 0.6 + 0.1 * Math.min(shared, 3);
  return 1 - distance(name, candidate) / Math.max(name.length, candidate.length);
}

/**
 * Finds catalog entries by the names a file uses: German or English label, an organisation's
 * name, a language's code. A merged entry resolves to the entry it was merged into, so an old list
 * saying "Schulden" counts under "Armut/Schulden". The request's mapping wins over the catalog.
 */
export class NameResolver {
  private readonly byName = new Map<NameKind, Map<string, number>>();
  private readonly entries = new Map<NameKind, Entry[]>();
  private readonly mapped = new Map<string, number>();

  constructor(catalog: Catalog, mapping: readonly NameMapping[]) {
    for (const kind of ['topic', 'organisation', 'language'] as const) {
      const entries = entriesOf(catalog, kind);
      const byId = new Map(entries.map((e) => [e.id, e]));
      const final = (e: Entry) => {
        let at = e;
        for (let hops = 0; at.mergedInto !== null && hops < 10; hops++) at = byId.get(at.mergedInto) ?? at;
        return at.id;
      };
      const names = new Map<string, number>();
      // Active entries first: a retired entry never shadows an active one of the same name.
      for (const e of [...entries].sort((a, b) => Number(a.retired) - Number(b.retired))) {
        for (const n of e.names) if (!names.has(nameKey(n))) names.set(nameKey(n), final(e));
      }
      this.byName.set(kind, names);
      this.entries.set(kind, entries);
    }
    for (const m of mapping) this.mapped.set(`${m.kind}:${nameKey(m.name)}`, m.targetId);
  }

  /** The catalog id a name stands for, or null when it is unknown and unmapped. */
  resolve(kind: NameKind, name: string): number | null {
    return this.mapped.get(`${kind}:${nameKey(name)}`) ?? this.byName.get(kind)!.get(nameKey(name)) ?? null;
  }

  /** Whether the name is known to the catalog itself (not only through the mapping). */
  known(kind: NameKind, name: string): boolean {
    return this.byName.get(kind)!.has(nameKey(name));
  }

  mappedTarget(kind: NameKind, name: string): number | null {
    return this.mapped.get(`${kind}:${nameKey(name)}`) ?? null;
  }

  exists(kind: NameKind, id: number): boolean {
    return this.entries.get(kind)!.some((e) => e.id === id);
  }

  /** Up to three active entries most like an unknown name. */
  suggestions(kind: NameKind, name: string): CatalogChoice[] {
    const key = nameKey(name);
    return this.entries
      .get(kind)!
      .filter((e) => !e.retired)
      .map((e) => ({ e, score: Math.max(...e.names.map((n) => likeness(key, nameKey(n)))) }))
      .filter((s) => s.score >= 0.5)
      .sort((a, b) => b.score - a.score)
      .slice(0, 3)
      .map(({ e }) => ({ id: e.id, label: e.label, retired: e.retired }));
  }
}
