import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../../i18n/i18n';
import { AUDIT_FILTERS, CATALOG_ENTITIES, type AuditFilter, type AuditItem, type AuditPage } from '../../../core/audit/audit-types';
import type { Catalog } from '../../../core/catalog/catalog-types';
import { client } from '../../api/client';
import { ErrorText } from '../../ui/ErrorText';
import { formatter } from '../../ui/format';
import { isDay, todayIn } from '../../reports/period';
import { groupEntries, shiftDay } from './audit-format';
import { auditSentence } from './audit-sentence';

const PAGE = 100;

interface Loaded {
  page: AuditPage;
  entries: AuditItem[];
}

/** One day's page, and the older pages "more" adds to it; a new day or filter starts over. */
function useAuditDay(day: string, entity: AuditFilter | '') {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const fetchPage = useCallback(
    (before?: number) => client.listAudit({ day, limit: PAGE, ...(entity && { entity }), ...(before !== undefined && { before }) }),
    [day, entity],
  );

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(null);
    fetchPage()
      .then(
        (page) => current && setLoaded({ page, entries: page.entries }),
        (err: unknown) => current && setError(err),
      )
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [fetchPage]);

  const more = async () => {
    if (!loaded?.page.nextBefore) return;
    setLoading(true);
    try {
      const page = await fetchPage(loaded.page.nextBefore);
      setLoaded({ page, entries: [...loaded.entries, ...page.entries] });
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  };
  return { loaded, loading, error, more };
}

/** The audit trail of one local day: what changed and when, never who; back-dated and batch entries marked. */
export function AuditPanel({ catalog }: { catalog: Catalog }) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const f = formatter(i18n.language);
  const id = useId();
  const today = todayIn(catalog.settings.timeZone);
  const [day, setDay] = useState(today);
  const [entity, setEntity] = useState<AuditFilter | ''>('');
  const { loaded, loading, error, more } = useAuditDay(day, entity);
  const shown = loaded?.page.day === day ? loaded : null;
  const counts = shown?.page.counts ?? {};
  const countOf = (filter: AuditFilter) => (filter === 'catalog' ? CATALOG_ENTITIES.reduce((n, e) => n + (counts[e] ?? 0), 0) : (counts[filter] ?? 0));
  const allCount = Object.values(counts).reduce((n: number, c) => n + (c ?? 0), 0);

  return (
    <section className="panel audit" aria-labelledby={`${id}-heading`} data-testid="audit-panel">
      <h2 id={`${id}-heading`}>{t('audit.heading')}</h2>
      <p className="note">{t('audit.explain')}</p>

      <div className="audit-toolbar">
        <div className="audit-day" role="group" aria-label={t('audit.day')}>
          <button type="button" className="tool-button" onClick={() => setDay(shiftDay(day, -1))} data-testid="audit-previous-day">
            ← {t('audit.previousDay')}
          </button>
          <label>
            <span>{t('audit.day')}</span>
            <input type="date" value={day} max={today} onChange={(e) => isDay(e.target.value) && setDay(e.target.value)} data-testid="audit-day" />
          </label>
          <button type="button" className="tool-button" onClick={() => setDay(shiftDay(day, 1))} disabled={day >= today} data-testid="audit-next-day">
            {t('audit.nextDay')} →
          </button>
          <button type="button" className="tool-button" onClick={() => setDay(today)} disabled={day === today} data-testid="audit-today">
            {t('audit.today')}
          </button>
        </div>
        <label className="audit-filter">
          <span>{t('audit.filter')}</span>
          <select value={entity} onChange={(e) => setEntity(e.target.value as AuditFilter | '')} data-testid="audit-entity">
            <option value="">{t('audit.withCount', { label: t('audit.all'), count: allCount })}</option>
            {AUDIT_FILTERS.map((k) => (
              <option key={k} value={k}>
                {t('audit.withCount', { label: t(`audit.filters.${k}`), count: countOf(k) })}
              </option>
            ))}
          </select>
        </label>
        <p className="audit-summary" aria-live="polite" data-testid="audit-summary">
          {shown && t('audit.summary', { count: shown.page.total, day: f.day(day) })}
          {loading && !shown && t('app.loading')}
        </p>
      </div>

      <ErrorText error={error} testId="audit-error" />

      {shown && shown.entries.length === 0 && (
        <p className="empty" data-testid="audit-empty">
          {t('audit.empty')}
        </p>
      )}
      {shown && shown.entries.length > 0 && (
        <div className={`table-scroll${loading ? ' stale' : ''}`}>
          <table className="report-table audit-table" data-testid="audit-table">
            <caption className="visually-hidden">{t('audit.caption', { day: f.day(day) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.col.time')}</th>
                <th scope="col">{t('audit.col.entry')}</th>
              </tr>
            </thead>
            {groupEntries(shown.entries).map((e) => (
              <AuditRows key={e.id} entry={e} day={day} />
            ))}
          </table>
        </div>
      )}
      {shown?.page.nextBefore != null && (
        <button type="button" className="tool-button audit-more" onClick={() => void more()} disabled={loading} data-testid="audit-more">
          {t('audit.more', { count: shown.page.total - shown.entries.length })}
        </button>
      )}
    </section>
  );
}

/** One entry: its time and the sentence saying what happened; back-dated, batch and imported contacts marked. */
function AuditRows({ entry: e, day }: { entry: AuditItem; day: string }) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const f = formatter(i18n.language);
  const kind = e.contact?.entryKind;
  return (
    <tbody className={`audit-entry action-${e.action}`} data-testid={`audit-entry-${e.id}`} data-entity={e.entity} data-action={e.action}>
      <tr>
        <td className="audit-time">{e.time}</td>
        <td className="audit-sentence" data-testid="audit-sentence">
          {auditSentence(e, day, t, f)}
          {kind === 'backdated' && <span className="badge backdated">{t('audit.backdated')}</span>}
          {kind === 'batch' && <span className="badge batch">{t('audit.batch')}</span>}
          {(kind === 'imported' || kind === 'imported_day') && <span className="badge imported">{t('audit.imported')}</span>}
        </td>
      </tr>
    </tbody>
  );
}
