import type { Breakdown, Report } from './report-types';
import { isSmall } from './suppression';

const withoutImported = (b: Breakdown): Breakdown => ({ ...b, rows: b.rows.map(({ imported: _imported, ...row }) => row) });

/**
 * Publication mode for the imported parts of a report (`report.imported`, each month's `imported`,
 * each topic's `imported`). A month's imported part and its remainder (`n − imported`) are counts
 * too; rather than extend the suppression lines, the parts are all shown only when none of them,
 * no remainder and no month they belong to is hidden or small; otherwise all are hidden, and the
 * imported total with them (unless it is the report total, which is public anyway). Topic rows never
 * show their imported part in publication mode.
 */
export function suppressImportedParts(original: Report, published: Report): Report {
  const threshold = published.publication.threshold;
  const byTopic = { contacts: withoutImported(published.byTopic.contacts), mentions: withoutImported(published.byTopic.mentions) };
  if (!original.imported) return { ...published, byTopic };
  const safe = original.monthly.every((m, i) => {
    const part = m.imported ?? 0;
    if (part === 0) return true;
    return published.monthly[i]!.n !== null && !isSmall(part, threshold) && !isSmall((m.n ?? 0) - part, threshold);
  });
  const total = original.imported;
  const showTotal = total === original.total || (safe && !isSmall(total, threshold));
  return {
    ...published,
    imported: showTotal ? total : null,
    monthly: published.monthly.map((m) => (m.imported === undefined ? m : { ...m, imported: safe ? m.imported : null })),
    byTopic,
  };
}
