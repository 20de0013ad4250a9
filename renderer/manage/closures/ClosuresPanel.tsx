import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../../i18n/i18n';
import type { Catalog } from '../../../core/catalog/catalog-types';
import { CLOSURE_NOTE_MAX, MAX_CLOSURE_DAYS, type Closure, type ClosureList } from '../../../core/closures/closure-types';
import { client } from '../../api/client';
import { Dialog } from '../../ui/Dialog';
import { EditorMessages } from '../EditorMessages';
import { EditorForm } from '../EditorForm';
import { useAction } from '../../ui/use-action';
import { RadioGroup } from '../../ui/RadioGroup';
import { useDraft } from '../use-draft';
import { formatter } from '../../ui/format';
import { todayIn } from '../../reports/period';
import { closureInput, closureLength, closureProblems, draftOfClosure, emptyClosure, type ClosureDraft, type ClosureWrite } from './closure-helpers';
import { HolidayTable } from './HolidayTable';

/**
 * The closure calendar of the management area: the site's own closures (add, change, delete, each
 * audited by the core) and the year's built-in public holidays. Reloads when the catalog changes,
 * which is how a change made in another window arrives.
 */
export function ClosuresPanel({ catalog }: { catalog: Catalog }) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const f = formatter(i18n.language);
  const id = useId();
  const today = todayIn(catalog.settings.timeZone);
  const [year, setYear] = useState(() => Number(today.slice(0, 4)));
  const [list, setList] = useState<ClosureList | null>(null);
  const [reload, setReload] = useState(0);
  const { draft, set, start, close, showProblems, revealProblems } = useDraft<ClosureDraft>(() => {
    setError(null);
    setNotice(null);
  });
  const [deleting, setDeleting] = useState<Closure | null>(null);
  const { busy, error, setError, run } = useAction();
  const [notice, setNotice] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `reload` (after a write) and `catalog` (another window changed it) ask for the list again.
  useEffect(() => {
    let current = true;
    client.listClosures({ year }).then(
      (answer) => current && setList(answer),
      (err: unknown) => current && setError(err),
    );
    return () => {
      current = false;
    };
  }, [year, reload, catalog, setError]);

  const found = draft ? closureProblems(draft) : [];

  /** Runs one write; the list is read again afterwards whatever happened. */
  const write = async (action: ClosureWrite, done: (c: Closure) => string) => {
    const ok = await run(async () => setNotice(done(await action())));
    setReload((n) => n + 1);
    return ok;
  };

  const save = async () => {
    if (!draft) return;
    if (found.length > 0) return revealProblems();
    const input = closureInput(draft);
    if (
      await write(
        () => client.saveClosure(input),
        (c) => t('closures.saved', { note: c.note, range: f.range(c.from, c.to) }),
      )
    )
      close();
  };

  const confirmDelete = async () => {
    if (!deleting) return;
    const target = deleting;
    setDeleting(null);
    await write(
      () => client.deleteClosure({ id: target.id }),
      (c) => t('closures.deleted', { note: c.note, range: f.range(c.from, c.to) }),
    );
  };

  return (
    <section className="panel closures" aria-labelledby={`${id}-heading`} data-testid="closures-panel">
      <div className="panel-head">
        <h2 id={`${id}-heading`}>{t('closures.heading')}</h2>
        <button type="button" className="tool-button primary" onClick={() => start(emptyClosure(today))} disabled={busy} data-testid="closure-new">
          {t('closures.add')}
        </button>
      </div>
      <p className="note">{t('closures.explain')}</p>
      <EditorMessages notice={notice} error={error} testIdPrefix="closure" />

      {draft && (
        <EditorForm
          heading={draft.id ? t('closures.editHeading') : t('closures.addHeading')}
          testId="closure-form"
          noValidate
          onSubmit={() => void save()}
          onCancel={() => close()}
          busy={busy}
          saveLabel={t('closures.save')}
          saveTestId="closure-save"
        >
          <div className="form-grid">
            <label>
              <span>{t('closures.from')}</span>
              <input
                type="date"
                value={draft.from}
                onChange={(e) => set({ from: e.target.value })}
                data-testid="closure-from"
                aria-invalid={showProblems && found.includes('from')}
              />
            </label>
            <label>
              <span>{t('closures.to')}</span>
              <input
                type="date"
                value={draft.to}
                onChange={(e) => set({ to: e.target.value })}
                data-testid="closure-to"
                aria-invalid={showProblems && (found.includes('to') || found.includes('order') || found.includes('length'))}
              />
            </label>
            <label>
              <span>{t('closures.note')}</span>
              <input
                type="text"
                value={draft.note}
                maxLength={CLOSURE_NOTE_MAX}
                placeholder={t('closures.notePlaceholder')}
                onChange={(e) => set({ note: e.target.value })}
                data-testid="closure-note"
                aria-invalid={showProblems && found.includes('note')}
              />
            </label>
            <RadioGroup
              className="kind"
              legend={t('closures.kind')}
              choices={['closed', 'open'] as const}
              value={draft.kind}
              label={(k) => t(`closures.kinds.${k}`)}
              onChange={(kind) => set({ kind })}
              testIdPrefix="closure-kind"
            />
          </div>
          <p className="note">{t('closures.kindHelp')}</p>
          {showProblems && found.length > 0 && (
            <div role="alert">
              <ul className="form-error" data-testid="closure-problems">
                {found.map((p) => (
                  <li key={p}>{t(`closures.problems.${p}`, { max: p === 'note' ? CLOSURE_NOTE_MAX : MAX_CLOSURE_DAYS })}</li>
                ))}
              </ul>
            </div>
          )}
        </EditorForm>
      )}

      <h3>{t('closures.own')}</h3>
      {list && list.closures.length === 0 && <p className="empty">{t('closures.none')}</p>}
      {list && list.closures.length > 0 && (
        <div className="table-scroll">
          <table className="report-table closure-list" data-testid="closure-list">
            <caption className="visually-hidden">{t('closures.own')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('closures.col.days')}</th>
                <th scope="col" className="num">
                  {t('closures.col.length')}
                </th>
                <th scope="col">{t('closures.col.note')}</th>
                <th scope="col">{t('closures.col.kind')}</th>
                <th scope="col">{t('today.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.closures.map((c) => (
                <tr key={c.id} data-testid={`closure-${c.id}`}>
                  <th scope="row">{f.range(c.from, c.to)}</th>
                  <td className="num">{t('closures.length', { count: closureLength(c) })}</td>
                  <td>{c.note}</td>
                  <td>{t(`closures.kinds.${c.kind}`)}</td>
                  <td>
                    <div className="row-actions">
                      <button type="button" onClick={() => start(draftOfClosure(c))} disabled={busy} data-testid={`closure-edit-${c.id}`}>
                        {t('closures.edit')}
                      </button>
                      <button type="button" onClick={() => setDeleting(c)} disabled={busy} data-testid={`closure-delete-${c.id}`}>
                        {t('closures.delete')}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {list && <HolidayTable list={list} onYear={setYear} />}

      {deleting && (
        <Dialog
          testId="closure-confirm-delete"
          title={t('closures.confirmDelete', { note: deleting.note })}
          onClose={() => setDeleting(null)}
          onSubmit={() => void confirmDelete()}
        >
          <p>{t('closures.deleteExplain', { range: f.range(deleting.from, deleting.to) })}</p>
          <div className="dialog-actions">
            <button type="button" onClick={() => setDeleting(null)}>
              {t('edit.cancel')}
            </button>
            <button type="submit" className="danger" disabled={busy} data-testid="closure-confirm-delete-ok">
              {t('closures.delete')}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
