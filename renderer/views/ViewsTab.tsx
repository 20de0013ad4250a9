import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalog } from '../../core/catalog/catalog-types';
import type { SavedView } from '../../core/views/view-types';
import { client } from '../api/client';
import { subscribeServerChanges } from '../api/server-changes';
import type { Route } from '../app/route';
import { MANAGE_NAMESPACE } from '../i18n/i18n';
import { todayIn } from '../reports/period';
import { Dialog } from '../ui/Dialog';
import { errorMessage } from '../ui/error-message';
import { formatter, reportLanguage } from '../ui/format';
import { useAction } from '../ui/use-action';
import { RenameField } from './RenameField';
import { explainViewDeleteRefusal, ViewSentByMail } from './view-in-use';
import { periodRuleWords, savedFilterWords, sectionsWords, viewRoute } from './view-words';
import './views.css';

/** Everything of a view a save sends back: a rename is a save of the whole view under a new name. */
export const viewInput = (view: SavedView, name: string) => ({
  id: view.id,
  name,
  period: view.period,
  filters: view.filters,
  sections: view.sections,
  publication: view.publication,
  publicationMethod: view.publicationMethod,
  topicGroups: view.topicGroups,
});

/**
 * The saved views: name, period rule, filter and sections in words; open (the report as the view
 * describes it, as of today), rename in place (Enter saves, Escape cancels) and delete after asking.
 */
export function ViewsTab({ catalog, navigate }: { catalog: Catalog; navigate(route: Route): void }) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const lang = reportLanguage(i18n.language);
  const f = formatter(lang);
  const [views, setViews] = useState<SavedView[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [renaming, setRenaming] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<SavedView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** Opening a view whose rule has no days yet: the refusal shows beside that view. */
  const [openError, setOpenError] = useState<{ id: number; error: unknown } | null>(null);
  const action = useAction();

  const load = useCallback(() => {
    setLoadError(null);
    return client.listSavedViews({}).then(setViews, setLoadError);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  // A view saved, renamed or deleted elsewhere (another PC, another tab) shows here at once.
  useEffect(() => subscribeServerChanges((change) => change.kind === 'views' && void load()), [load]);

  const open = (view: SavedView) => {
    try {
      setOpenError(null);
      navigate(viewRoute(view, todayIn(catalog.settings.timeZone), catalog.settings.openingDate));
    } catch (error) {
      setOpenError({ id: view.id, error });
    }
  };
  const rename = (view: SavedView, name: string) =>
    action.run(async () => {
      const saved = await client.saveSavedView(viewInput(view, name));
      setRenaming(null);
      setNotice(t('savedViews.renamed', { name: saved.name }));
      await load();
    });
  const remove = (view: SavedView) =>
    action.run(async () => {
      await client.deleteSavedView({ id: view.id }).catch(async (err: unknown) => {
        throw await explainViewDeleteRefusal(err, view.id);
      });
      setDeleting(null);
      setNotice(t('savedViews.deleted', { name: view.name }));
      await load();
    });

  return (
    <section className="saved-views" aria-labelledby="saved-views-title" data-testid="saved-views">
      <h2 id="saved-views-title">{t('savedViews.title')}</h2>
      <p className="note">{t('savedViews.intro')}</p>
      <p className="saved-views-notice" aria-live="polite" data-testid="saved-views-notice">
        {notice}
      </p>
      {loadError !== null && (
        <div className="form-error" role="alert" data-testid="saved-views-error">
          <p>
            {t('savedViews.loadFailed')} {errorMessage(t, loadError)}
          </p>
          <button type="button" className="tool-button" onClick={() => void load()}>
            {t('app.retry')}
          </button>
        </div>
      )}
      {views?.length === 0 && (
        <p className="note" data-testid="saved-views-empty">
          {t('savedViews.empty')}
        </p>
      )}
      {views && views.length > 0 && (
        <div className="table-scroll">
          <table className="report-table saved-views-table" data-testid="saved-views-table">
            <caption className="visually-hidden">{t('savedViews.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('savedViews.col.name')}</th>
                <th scope="col">{t('savedViews.col.period')}</th>
                <th scope="col">{t('savedViews.col.filter')}</th>
                <th scope="col">{t('savedViews.col.sections')}</th>
                <th scope="col">{t('savedViews.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {views.map((view) => (
                <tr key={view.id} data-testid={`saved-view-${view.id}`}>
                  <th scope="row">
                    {renaming === view.id ? (
                      <RenameField
                        name={view.name}
                        busy={action.busy}
                        error={action.error}
                        onSave={(name) => void rename(view, name)}
                        onCancel={() => {
                          setRenaming(null);
                          action.setError(null);
                        }}
                      />
                    ) : (
                      <span data-testid="saved-view-name">{view.name}</span>
                    )}
                  </th>
                  <td data-testid="saved-view-period">
                    {periodRuleWords(view.period, t, f)}
                    {view.publication && (
                      <span className="sub">
                        {' '}
                        · {t('savedViews.publication')}: {t(`publication.methodNames.${view.publicationMethod}`)}
                      </span>
                    )}
                    {view.topicGroups && <span className="sub"> · {t('publication.topicGroups')}</span>}
                  </td>
                  <td data-testid="saved-view-filter">{savedFilterWords(catalog, view.filters, lang)}</td>
                  <td data-testid="saved-view-sections">{sectionsWords(view, t)}</td>
                  <td className="saved-view-actions">
                    <div className="saved-view-buttons">
                      <button type="button" className="tool-button primary" onClick={() => open(view)} data-testid="saved-view-open">
                        {t('savedViews.open')}
                      </button>
                      <button
                        type="button"
                        className="tool-button"
                        disabled={action.busy}
                        onClick={() => {
                          action.setError(null);
                          setRenaming(view.id);
                        }}
                        data-testid="saved-view-rename"
                      >
                        {t('savedViews.rename')}
                      </button>
                      <button
                        type="button"
                        className="tool-button"
                        disabled={action.busy}
                        onClick={() => {
                          action.setError(null);
                          setDeleting(view);
                        }}
                        data-testid="saved-view-delete"
                      >
                        {t('savedViews.delete')}
                      </button>
                    </div>
                    {openError?.id === view.id && (
                      <p className="form-error" role="alert" data-testid="saved-view-open-error">
                        {errorMessage(t, openError.error)}
                      </p>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {deleting && (
        <Dialog testId="saved-view-delete-dialog" title={t('savedViews.deleteTitle')} onClose={() => setDeleting(null)} onSubmit={() => void remove(deleting)}>
          <p>{t('savedViews.deleteText', { name: deleting.name })}</p>
          {action.error !== null && (
            <p className="form-error" role="alert" data-testid="saved-view-delete-error">
              {action.error instanceof ViewSentByMail
                ? t('savedViews.sentByMail', { names: action.error.schedules.join(', '), count: action.error.schedules.length })
                : errorMessage(t, action.error)}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={() => setDeleting(null)} data-testid="saved-view-delete-cancel">
              {t('edit.cancel')}
            </button>
            <button type="submit" className="danger" disabled={action.busy} data-testid="saved-view-delete-confirm">
              {t('savedViews.deleteConfirm')}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
