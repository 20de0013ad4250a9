import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../../i18n/i18n';
import type { ImportPreview } from '../../../core/imports/import-types';
import { formatter } from '../../ui/format';

interface Props {
  preview: ImportPreview;
  /** Whether the user chose to add the tallies on top of the recorded contacts. */
  addAnyway: boolean;
  disabled: boolean;
  onChange: (addAnyway: boolean) => void;
}

/**
 * Months of a file of monthly counts that already hold recorded contacts: both figures side by side,
 * and the explicit choice to add the file's counts on top (refused by default, see README "Import").
 */
export function RecordedMonths({ preview, addAnyway, disabled, onChange }: Props) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const f = formatter(i18n.language);
  return (
    <div className="import-recorded" data-testid="import-recorded-months">
      <h3>{t('import.recordedHeading')}</h3>
      <p className={addAnyway ? 'note' : 'form-error'} role={addAnyway ? undefined : 'alert'}>
        {t('import.recordedExplain', { count: preview.recordedMonths.length })}
      </p>
      <div className="table-scroll">
        <table className="report-table" data-testid="import-recorded-table">
          <caption className="visually-hidden">{t('import.recordedHeading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('import.col.month')}</th>
              <th scope="col" className="num">
                {t('import.col.recorded')}
              </th>
              <th scope="col" className="num">
                {t('import.col.inFile')}
              </th>
            </tr>
          </thead>
          <tbody>
            {preview.recordedMonths.map((m) => (
              <tr key={m.month}>
                <th scope="row">{f.month(m.month)}</th>
                <td className="num">{f.count(m.recorded)}</td>
                <td className="num">{f.count(m.imported)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <label className="check">
        <input type="checkbox" checked={addAnyway} disabled={disabled} onChange={(e) => onChange(e.target.checked)} data-testid="import-add-to-recorded" />{' '}
        {t('import.addToRecorded')}
      </label>
    </div>
  );
}
