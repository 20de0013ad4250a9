import type { TFunction } from 'i18next';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../../i18n/i18n';
import type { Catalog } from '../../../core/catalog/catalog-types';
import type { ThemeDay } from '../../../core/theme-days/theme-day-types';
import { client } from '../../api/client';
import { Dialog } from '../../ui/Dialog';
import { useAction } from '../../ui/use-action';
import { RadioGroup } from '../../ui/RadioGroup';
import { useDraft } from '../use-draft';
import { maxChars } from '../../ui/schema-limits';
import { themeDaySchema } from '../../../core/theme-days/theme-day-inputs';
import { EditorMessages } from '../EditorMessages';
import { EditorForm } from '../EditorForm';
import { formatter, type Formatter } from '../../ui/format';
import { draftOf, EMPTY, problems, themeDayInput, type Draft, type ThemeDayInput } from '../settings/editor-helpers';

const hourText = (h: number) => `${h}:00`;

function when(d: ThemeDay, f: Formatter, t: TFunction): string {
  const hours = `${hourText(d.startHour)}–${hourText(d.endHour)}`;
  return d.kind === 'single' && d.day ? `${f.day(d.day)}, ${hours}` : t('themeDays.weekly', { weekday: f.weekday(d.weekday ?? 1), hours });
}

function validity(d: ThemeDay, f: Formatter, t: TFunction): string {
  if (d.kind === 'single') return '–';
  if (d.validFrom && d.validTo) return f.range(d.validFrom, d.validTo);
  if (d.validFrom) return t('themeDays.validFromOnly', { day: f.day(d.validFrom) });
  if (d.validTo) return t('themeDays.validToOnly', { day: f.day(d.validTo) });
  return t('themeDays.always');
}

/** A theme day's longest title, as the contract's schema has it. */
const TITLE_MAX = maxChars(themeDaySchema.shape.title);

type Pending = { action: 'save'; input: ThemeDayInput; count: number } | { action: 'retire'; day: ThemeDay; count: number };

/** The theme-day calendar: list, add/edit form and retire; every change shows first how many past contacts it re-attributes. */
export function ThemeDayEditor({ catalog, reloadCatalog }: { catalog: Catalog; reloadCatalog(): Promise<void> }) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const f = formatter(i18n.language);
  const id = useId();
  const { draft, set, start, close, showProblems, revealProblems } = useDraft<Draft>(() => {
    setError(null);
    setNotice(null);
  });
  const { busy, error, setError, run } = useAction();
  const [pending, setPending] = useState<Pending | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const organisations = new Map(catalog.organisations.map((o) => [o.id, o.name]));
  const days = [...catalog.themeDays].sort((a, b) => Number(a.retired) - Number(b.retired) || a.title.localeCompare(b.title));
  const found = draft ? problems(draft) : [];

  const check = async () => {
    if (!draft) return;
    if (found.length > 0) return revealProblems();
    const input = themeDayInput(draft);
    await run(async () => {
      const change = await client.saveThemeDay({ themeDay: input, dryRun: true });
      setPending({ action: 'save', input, count: change.reattributed });
    });
  };

  const askRetire = async (day: ThemeDay) => {
    setNotice(null);
    await run(async () => {
      const change = await client.retireThemeDay({ id: day.id, dryRun: true });
      setPending({ action: 'retire', day, count: change.reattributed });
    });
  };

  const confirm = async () => {
    if (!pending) return;
    await run(async () => {
      const change =
        pending.action === 'save'
          ? await client.saveThemeDay({ themeDay: pending.input, dryRun: false })
          : await client.retireThemeDay({ id: pending.day.id, dryRun: false });
      await reloadCatalog();
      setNotice(
        t(pending.action === 'save' ? 'themeDays.saved' : 'themeDays.retiredNotice', { title: change.themeDay?.title ?? '', count: change.reattributed }),
      );
      if (pending.action === 'save') close();
    });
    setPending(null);
  };

  const reattributeText = (count: number) => t('themeDays.reattribute', { count });

  return (
    <section className="panel theme-days" aria-labelledby={`${id}-heading`} data-testid="theme-day-editor">
      <div className="panel-head">
        <h2 id={`${id}-heading`}>{t('themeDays.heading')}</h2>
        <button type="button" className="tool-button primary" onClick={() => start(EMPTY)} disabled={busy} data-testid="theme-day-new">
          {t('themeDays.add')}
        </button>
      </div>
      <p className="note">{t('themeDays.explain')}</p>
      <EditorMessages notice={notice} error={error} testIdPrefix="theme-day" />

      {days.length === 0 ? (
        <p className="empty">{t('themeDays.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="report-table theme-day-list" data-testid="theme-day-list">
            <caption className="visually-hidden">{t('themeDays.heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('themeDays.title')}</th>
                <th scope="col">{t('themeDays.organisation')}</th>
                <th scope="col">{t('themeDays.when')}</th>
                <th scope="col">{t('themeDays.validity')}</th>
                <th scope="col">{t('today.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.id} className={d.retired ? 'retired' : undefined}>
                  <th scope="row">
                    {d.title}
                    {d.retired && <span className="badge">{t('themeDays.retired')}</span>}
                  </th>
                  <td>{d.organisationId === null ? '–' : (organisations.get(d.organisationId) ?? `#${d.organisationId}`)}</td>
                  <td>{when(d, f, t)}</td>
                  <td>{validity(d, f, t)}</td>
                  <td>
                    {!d.retired && (
                      <div className="row-actions">
                        <button type="button" onClick={() => start(draftOf(d))} disabled={busy}>
                          {t('themeDays.edit')}
                        </button>
                        <button type="button" onClick={() => void askRetire(d)} disabled={busy} data-testid={`theme-day-retire-${d.id}`}>
                          {t('themeDays.retire')}
                        </button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {draft && (
        <EditorForm
          heading={draft.id ? t('themeDays.editHeading') : t('themeDays.addHeading')}
          testId="theme-day-form"
          onSubmit={() => void check()}
          onCancel={() => close()}
          busy={busy}
          saveLabel={t('themeDays.save')}
          saveTestId="theme-day-save"
        >
          <div className="form-grid">
            <label>
              <span>{t('themeDays.title')}</span>
              <input
                type="text"
                value={draft.title}
                maxLength={TITLE_MAX}
                onChange={(e) => set({ title: e.target.value })}
                data-testid="theme-day-title"
                aria-invalid={showProblems && found.includes('title')}
              />
            </label>
            <label>
              <span>{t('themeDays.organisation')}</span>
              <select
                value={draft.organisationId ?? ''}
                onChange={(e) => set({ organisationId: e.target.value ? Number(e.target.value) : null })}
                data-testid="theme-day-organisation"
              >
                <option value="">{t('themeDays.noOrganisation')}</option>
                {catalog.organisations
                  .filter((o) => !o.retired || o.id === draft.organisationId)
                  .map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
              </select>
            </label>
            <RadioGroup
              className="kind"
              legend={t('themeDays.kind')}
              choices={['single', 'weekly'] as const}
              value={draft.kind}
              label={(k) => t(`themeDays.kinds.${k}`)}
              onChange={(kind) => set({ kind })}
              testIdPrefix="theme-day-kind"
            />
            {draft.kind === 'single' ? (
              <label>
                <span>{t('themeDays.day')}</span>
                <input
                  type="date"
                  value={draft.day}
                  onChange={(e) => set({ day: e.target.value })}
                  data-testid="theme-day-day"
                  aria-invalid={showProblems && found.includes('day')}
                />
              </label>
            ) : (
              <label>
                <span>{t('themeDays.weekday')}</span>
                <select value={draft.weekday} onChange={(e) => set({ weekday: Number(e.target.value) })} data-testid="theme-day-weekday">
                  {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                    <option key={d} value={d}>
                      {f.weekday(d)}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <HourSelect
              label={t('themeDays.startHour')}
              value={draft.startHour}
              hours={range(0, 23)}
              onChange={(h) => set({ startHour: h })}
              testId="theme-day-start"
            />
            <HourSelect
              label={t('themeDays.endHour')}
              value={draft.endHour}
              hours={range(1, 24)}
              onChange={(h) => set({ endHour: h })}
              testId="theme-day-end"
              invalid={showProblems && found.includes('hours')}
            />
            {draft.kind === 'weekly' && (
              <>
                <label>
                  <span>{t('themeDays.validFrom')}</span>
                  <input type="date" value={draft.validFrom} onChange={(e) => set({ validFrom: e.target.value })} data-testid="theme-day-valid-from" />
                </label>
                <label>
                  <span>{t('themeDays.validTo')}</span>
                  <input
                    type="date"
                    value={draft.validTo}
                    onChange={(e) => set({ validTo: e.target.value })}
                    data-testid="theme-day-valid-to"
                    aria-invalid={showProblems && found.includes('validity')}
                  />
                </label>
              </>
            )}
          </div>
          {showProblems && found.length > 0 && (
            <ul className="form-error" role="alert">
              {found.map((p) => (
                <li key={p}>{t(`themeDays.problems.${p}`)}</li>
              ))}
            </ul>
          )}
        </EditorForm>
      )}

      {pending && (
        <Dialog
          testId="theme-day-confirm"
          title={pending.action === 'save' ? t('themeDays.confirmSave') : t('themeDays.confirmRetire', { title: pending.day.title })}
          onClose={() => setPending(null)}
          onSubmit={() => void confirm()}
        >
          <p data-testid="theme-day-reattribution">{reattributeText(pending.count)}</p>
          <div className="dialog-actions">
            <button type="button" onClick={() => setPending(null)}>
              {t('edit.cancel')}
            </button>
            <button type="submit" className={pending.action === 'save' ? 'primary' : 'danger'} disabled={busy} data-testid="theme-day-confirm-ok">
              {pending.action === 'save' ? t('themeDays.save') : t('themeDays.retire')}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

function HourSelect({
  label,
  value,
  hours,
  onChange,
  testId,
  invalid,
}: {
  label: string;
  value: number;
  hours: number[];
  onChange(h: number): void;
  testId: string;
  invalid?: boolean;
}) {
  return (
    <label>
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(Number(e.target.value))} data-testid={testId} aria-invalid={invalid}>
        {hours.map((h) => (
          <option key={h} value={h}>
            {hourText(h)}
          </option>
        ))}
      </select>
    </label>
  );
}
