import { useContext, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ClientError } from '../../core/api/client';
import type { ReportFilters } from '../../core/analysis/filter-inputs';
import type { Catalog } from '../../core/catalog/catalog-types';
import { resolvePeriodRule } from '../../core/views/period-rules';
import { RELATIVE_PERIOD_KINDS, REPORT_SECTIONS, VIEW_NAME_MAX, type PeriodRule, type ReportSection } from '../../core/views/view-types';
import { client } from '../api/client';
import { MANAGE_NAMESPACE } from '../i18n/i18n';
import { todayIn, type ReportRequest } from '../reports/period';
import { Dialog } from '../ui/Dialog';
import { errorMessage } from '../ui/error-message';
import { formatter, reportLanguage } from '../ui/format';
import { useAction } from '../ui/use-action';
import { ShownSections } from './sections';
import './views.css';

type RuleChoice = PeriodRule['kind'];
const RULE_CHOICES: readonly RuleChoice[] = [...RELATIVE_PERIOD_KINDS, 'fixed'];

/** The relative rule that gives exactly the report's period today, or the fixed range when none does. */
export function matchingRule(period: { from: string; to: string }, today: string, openingDate: string): RuleChoice {
  return (
    RELATIVE_PERIOD_KINDS.find((kind) => {
      try {
        const p = resolvePeriodRule({ kind }, today, openingDate);
        return p.from === period.from && p.to === period.to;
      } catch {
        return false;
      }
    }) ?? 'fixed'
  );
}

/** Which part of the dialog a refusal belongs to, by the field the core named. */
const errorPart = (err: unknown): 'name' | 'period' | 'sections' | 'other' => {
  const field = err instanceof ClientError ? (err.body.field ?? '') : '';
  if (field === 'name') return 'name';
  if (field.startsWith('period')) return 'period';
  if (field.startsWith('sections')) return 'sections';
  return 'other';
};

/**
 * "Aktuelle Ansicht speichern" on the report screen: names the view, picks its period rule (a quick
 * period that moves with today, or the current range fixed) and the sections it shows. The filter,
 * publication mode with its method and the topic groups are the report's own.
 */
export function SaveViewButton({ catalog, request, filters }: { catalog: Catalog; request: ReportRequest; filters: ReportFilters }) {
  const { t } = useTranslation(MANAGE_NAMESPACE);
  // The sections the report shows now (a saved view's, from the address); all when it names none.
  const sections = useContext(ShownSections);
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <div className="save-view">
      <button
        type="button"
        className="tool-button"
        onClick={() => {
          setSaved(null);
          setOpen(true);
        }}
        data-testid="save-view"
      >
        {t('savedViews.save')}
      </button>
      <span className="export-status" aria-live="polite" data-testid="save-view-notice">
        {saved && t('savedViews.saved', { name: saved })}
      </span>
      {open && (
        <SaveViewDialog
          catalog={catalog}
          request={request}
          filters={filters}
          sections={sections}
          onClose={() => setOpen(false)}
          onSaved={(name) => {
            setOpen(false);
            setSaved(name);
          }}
        />
      )}
    </div>
  );
}

function SaveViewDialog({
  catalog,
  request,
  filters,
  sections,
  onClose,
  onSaved,
}: {
  catalog: Catalog;
  request: ReportRequest;
  filters: ReportFilters;
  sections?: readonly ReportSection[];
  onClose(): void;
  onSaved(name: string): void;
}) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const f = formatter(reportLanguage(i18n.language));
  const id = useId();
  const { timeZone, openingDate } = catalog.settings;
  const [name, setName] = useState('');
  const [rule, setRule] = useState<RuleChoice>(() => matchingRule(request, todayIn(timeZone), openingDate));
  const [chosen, setChosen] = useState<ReportSection[]>(() => [...(sections ?? REPORT_SECTIONS)]);
  const action = useAction();
  const part = action.error === null ? null : errorPart(action.error);
  const problem = (which: typeof part) =>
    part === which && (
      <span className="form-error" role="alert" id={`${id}-${which}-error`} data-testid={`save-view-error-${which}`}>
        {errorMessage(t, action.error)}
      </span>
    );

  const save = () =>
    action.run(async () => {
      const period: PeriodRule = rule === 'fixed' ? { kind: 'fixed', from: request.from, to: request.to } : { kind: rule };
      const view = await client.saveSavedView({
        name,
        period,
        filters,
        sections: REPORT_SECTIONS.filter((s) => chosen.includes(s)),
        publication: request.publication,
        publicationMethod: request.publicationMethod ?? 'cellKey',
        topicGroups: !!request.topicGroups,
      });
      onSaved(view.name);
    });

  return (
    <Dialog testId="save-view-dialog" title={t('savedViews.saveTitle')} onClose={onClose} onSubmit={() => void save()}>
      <div className="save-view-dialog">
        <label className="field">
          <span>{t('savedViews.name')}</span>
          <input
            type="text"
            value={name}
            maxLength={VIEW_NAME_MAX}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={part === 'name'}
            aria-describedby={part === 'name' ? `${id}-name-error` : `${id}-name-hint`}
            data-testid="save-view-name"
            autoComplete="off"
          />
          {problem('name') || (
            <span className="hint" id={`${id}-name-hint`}>
              {t('savedViews.nameHint')}
            </span>
          )}
        </label>
        <fieldset className="save-view-periods-set" aria-describedby={part === 'period' ? `${id}-period-error` : `${id}-period-hint`}>
          <legend>{t('savedViews.period')}</legend>
          <div className="save-view-periods">
            {RULE_CHOICES.map((kind) => (
              <label key={kind}>
                <input type="radio" name={`${id}-rule`} checked={rule === kind} onChange={() => setRule(kind)} data-testid={`save-view-rule-${kind}`} />
                {kind === 'fixed' ? t('savedViews.fixed', { range: f.range(request.from, request.to) }) : t(`savedViews.rules.${kind}`)}
              </label>
            ))}
          </div>
          {problem('period') || (
            <span className="hint" id={`${id}-period-hint`}>
              {t('savedViews.periodHint')}
            </span>
          )}
        </fieldset>
        <fieldset>
          <legend>{t('savedViews.sections')}</legend>
          <div className="save-view-sections">
            {REPORT_SECTIONS.map((s) => (
              <label key={s}>
                <input
                  type="checkbox"
                  checked={chosen.includes(s)}
                  onChange={(e) => setChosen((c) => (e.target.checked ? [...c, s] : c.filter((x) => x !== s)))}
                  data-testid={`save-view-section-${s}`}
                />
                {t(`savedViews.sectionNames.${s}`)}
              </label>
            ))}
          </div>
          {problem('sections') || <span className="hint">{t('savedViews.sectionsHint')}</span>}
        </fieldset>
        {problem('other')}
        <div className="dialog-actions">
          <button type="button" onClick={onClose} data-testid="save-view-cancel">
            {t('edit.cancel')}
          </button>
          <button type="submit" className="primary" disabled={action.busy} data-testid="save-view-confirm">
            {t('edit.save')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
