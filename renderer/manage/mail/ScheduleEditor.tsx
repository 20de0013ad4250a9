import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailSchedule } from '../../../core/mail/mail-types';
import { MAIL_FORMATS, MAIL_RULES, type MailFormat, type MailRule, type SaveMailScheduleInput } from '../../../core/mail/mail-inputs';
import { PUBLICATION_METHODS, type PublicationMethod } from '../../../core/publication/publication-inputs';
import type { SavedView } from '../../../core/views/view-types';
import { MANAGE_NAMESPACE } from '../../i18n/i18n';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { RadioGroup } from '../../ui/RadioGroup';
import { isMailAddress } from './mail-words';

/** The most recipients a schedule takes (core/mail/mail-inputs.ts). */
const MAX_RECIPIENTS = 50;

interface Draft {
  name: string;
  recipients: string[];
  rule: MailRule;
  viewId: number | null;
  publication: boolean;
  publicationMethod: PublicationMethod;
  unpublishedConfirmed: boolean;
  formats: MailFormat[];
  language: 'de' | 'en';
  enabled: boolean;
}

const draftOf = (schedule: MailSchedule | null): Draft => ({
  name: schedule?.name ?? '',
  recipients: schedule?.recipients ?? [],
  rule: schedule?.rule ?? 'lastMonth',
  viewId: schedule?.viewId ?? null,
  publication: schedule?.publication ?? true,
  publicationMethod: schedule?.publicationMethod ?? 'cellKey',
  // A schedule saved without publication mode was confirmed then; the confirmation stays with it.
  unpublishedConfirmed: schedule ? !schedule.publication : false,
  formats: schedule?.formats ?? [],
  language: schedule?.language ?? 'de',
  enabled: schedule?.enabled ?? true,
});

/**
 * One schedule: name, recipients (a list with add and remove), rule, saved view, publication mode (on by
 * default; off needs a confirmation that the recipients may see unpublished figures), attachments, the
 * report's language and whether it is active. `pdfAvailable`: PDF is only offered where the desktop shell prints one.
 */
export function ScheduleEditor({
  schedule,
  views,
  pdfAvailable,
  busy,
  error,
  onSave,
  onClose,
}: {
  schedule: MailSchedule | null;
  views: SavedView[];
  pdfAvailable: boolean;
  busy: boolean;
  error: unknown;
  onSave(input: SaveMailScheduleInput): void;
  onClose(): void;
}) {
  const { t } = useTranslation(MANAGE_NAMESPACE);
  const [draft, setDraft] = useState(() => draftOf(schedule));
  const [address, setAddress] = useState('');
  const [addressProblem, setAddressProblem] = useState<string | null>(null);
  const [shown, setShown] = useState(false);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const addRecipient = () => {
    const a = address.trim();
    if (a === '') return;
    if (!isMailAddress(a)) return setAddressProblem(t('mail.editor.recipientInvalid', { address: a }));
    if (draft.recipients.some((r) => r.toLowerCase() === a.toLowerCase())) return setAddressProblem(t('mail.editor.recipientTwice', { address: a }));
    if (draft.recipients.length >= MAX_RECIPIENTS) return setAddressProblem(t('mail.editor.recipientsMax', { max: MAX_RECIPIENTS }));
    setAddressProblem(null);
    setAddress('');
    set({ recipients: [...draft.recipients, a] });
  };

  const problems = {
    name: draft.name.trim() === '' ? t('mail.editor.nameMissing') : null,
    recipients: draft.recipients.length === 0 ? t('mail.editor.recipientsNone') : null,
    unpublished: !draft.publication && !draft.unpublishedConfirmed ? t('mail.editor.unpublishedMissing') : null,
  };
  const submit = () => {
    setShown(true);
    // An address typed but not yet added counts: "Speichern" should not silently drop it.
    if (address.trim() !== '') return addRecipient();
    if (Object.values(problems).some((p) => p !== null)) return;
    onSave({
      ...(schedule && { id: schedule.id }),
      ...draft,
      name: draft.name.trim(),
      unpublishedConfirmed: !draft.publication && draft.unpublishedConfirmed,
      formats: MAIL_FORMATS.filter((f) => draft.formats.includes(f) && (f !== 'pdf' || pdfAvailable)),
    });
  };
  const shownProblem = (key: keyof typeof problems) =>
    shown &&
    problems[key] && (
      <p className="form-error" role="alert" data-testid={`schedule-${key}-missing`}>
        {problems[key]}
      </p>
    );

  return (
    <Dialog testId="schedule-editor" title={schedule ? t('mail.editor.titleEdit') : t('mail.editor.titleNew')} onClose={onClose} onSubmit={submit}>
      <div className="schedule-editor-body">
        <label>
          <span>{t('mail.editor.name')}</span>
          <input
            type="text"
            value={draft.name}
            maxLength={80}
            placeholder={t('mail.editor.nameHint')}
            onChange={(e) => set({ name: e.target.value })}
            data-testid="schedule-name"
          />
        </label>
        {shownProblem('name')}
        <fieldset data-testid="schedule-recipients">
          <legend>{t('mail.editor.recipients')}</legend>
          <ul className="recipient-list">
            {draft.recipients.map((r) => (
              <li key={r} data-testid="schedule-recipient">
                <span>{r}</span>
                <button
                  type="button"
                  className="link-button"
                  aria-label={t('mail.editor.recipientRemove', { address: r })}
                  onClick={() => set({ recipients: draft.recipients.filter((x) => x !== r) })}
                  data-testid="schedule-recipient-remove"
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          <div className="recipient-add">
            <input
              type="email"
              aria-label={t('mail.editor.recipientNew')}
              placeholder={t('mail.editor.recipientNew')}
              value={address}
              onChange={(e) => {
                setAddress(e.target.value);
                setAddressProblem(null);
              }}
              onKeyDown={(e) => {
                // Enter adds the address instead of saving the whole dialog.
                if (e.key !== 'Enter') return;
                e.preventDefault();
                e.stopPropagation();
                addRecipient();
              }}
              data-testid="schedule-recipient-new"
            />
            <button type="button" className="tool-button" onClick={addRecipient} data-testid="schedule-recipient-add">
              {t('mail.editor.recipientAdd')}
            </button>
          </div>
          {addressProblem && (
            <p className="form-error" role="alert" data-testid="schedule-recipient-problem">
              {addressProblem}
            </p>
          )}
          {shownProblem('recipients')}
        </fieldset>
        <RadioGroup
          legend={t('mail.editor.rule')}
          choices={MAIL_RULES}
          value={draft.rule}
          label={(r) => t(`mail.rules.${r}`)}
          onChange={(rule) => set({ rule })}
          testIdPrefix="schedule-rule"
          className="schedule-rule"
        />
        <label>
          <span>{t('mail.editor.view')}</span>
          <select
            value={draft.viewId ?? ''}
            onChange={(e) => set({ viewId: e.target.value === '' ? null : Number(e.target.value) })}
            data-testid="schedule-view"
          >
            <option value="">{t('mail.editor.viewNone')}</option>
            {views.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
          <span className="hint">{t('mail.editor.viewHint')}</span>
        </label>
        <fieldset>
          <legend>{t('reports.publication')}</legend>
          <label className="radio">
            <input
              type="checkbox"
              checked={draft.publication}
              onChange={(e) => set({ publication: e.target.checked, unpublishedConfirmed: false })}
              data-testid="schedule-publication"
            />
            {t('mail.editor.publication')}
          </label>
          {draft.publication ? (
            <RadioGroup
              legend={t('publication.method')}
              choices={PUBLICATION_METHODS}
              value={draft.publicationMethod}
              label={(m) => t(`publication.methods.${m}`)}
              onChange={(publicationMethod) => set({ publicationMethod })}
              testIdPrefix="schedule-method"
              className="kind"
            />
          ) : (
            <div className="mail-plain" data-testid="schedule-unpublished">
              <p className="mail-warning">{t('mail.editor.unpublishedWarning')}</p>
              <label className="radio">
                <input
                  type="checkbox"
                  checked={draft.unpublishedConfirmed}
                  onChange={(e) => set({ unpublishedConfirmed: e.target.checked })}
                  data-testid="schedule-unpublished-confirm"
                />
                {t('mail.editor.unpublishedConfirm')}
              </label>
              {shownProblem('unpublished')}
            </div>
          )}
        </fieldset>
        <fieldset>
          <legend>{t('mail.editor.formats')}</legend>
          <p className="hint">{t('mail.editor.formatsHint')}</p>
          {MAIL_FORMATS.map((f) => {
            const unavailable = f === 'pdf' && !pdfAvailable;
            return (
              <label key={f} className="radio">
                <input
                  type="checkbox"
                  disabled={unavailable}
                  checked={draft.formats.includes(f) && !unavailable}
                  onChange={(e) => set({ formats: e.target.checked ? [...draft.formats, f] : draft.formats.filter((x) => x !== f) })}
                  data-testid={`schedule-format-${f}`}
                />
                {f.toUpperCase()}
                {unavailable && <span className="hint"> ({t('mail.editor.pdfDesktopOnly')})</span>}
              </label>
            );
          })}
        </fieldset>
        <RadioGroup
          legend={t('mail.editor.language')}
          choices={['de', 'en'] as const}
          value={draft.language}
          label={(l) => t(`mail.editor.languages.${l}`)}
          onChange={(language) => set({ language })}
          testIdPrefix="schedule-language"
          className="kind"
        />
        <div className="schedule-enabled">
          <label className="radio">
            <input
              type="checkbox"
              checked={draft.enabled}
              onChange={(e) => set({ enabled: e.target.checked })}
              aria-describedby="schedule-enabled-hint"
              data-testid="schedule-enabled"
            />
            {t('mail.editor.enabled')}
          </label>
          <p className="hint" id="schedule-enabled-hint" data-testid="schedule-enabled-hint">
            {t('mail.editor.enabledHint')}
          </p>
        </div>
        <ErrorText error={error} testId="schedule-error" />
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={onClose} data-testid="schedule-cancel">
          {t('mail.editor.cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy} data-testid="schedule-save">
          {t('mail.editor.save')}
        </button>
      </div>
    </Dialog>
  );
}
