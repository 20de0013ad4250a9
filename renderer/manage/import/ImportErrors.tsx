import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../../i18n/i18n';
import type { ImportPreview } from '../../../core/imports/import-types';
import { formatter } from '../../ui/format';

/** The preview's errors as a table: line, column, what is wrong, and the cell as the file has it. */
export function ImportErrors({ preview }: { preview: ImportPreview }) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const f = formatter(i18n.language);
  const more = preview.errorCount - preview.errors.length;
  return (
    <div className="import-errors" role="alert">
      <h3>{t('import.errorsHeading', { count: preview.errorCount })}</h3>
      <div className="table-scroll">
        <table className="report-table" data-testid="import-errors">
          <caption className="visually-hidden">{t('import.errorsHeading', { count: preview.errorCount })}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('import.col.line')}
              </th>
              <th scope="col">{t('import.col.field')}</th>
              <th scope="col">{t('import.col.reason')}</th>
              <th scope="col">{t('import.col.value')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.errors.map((e, i) => (
              <tr key={`${e.line}-${e.field}-${i}`} data-testid="import-error-row">
                <td className="num">{e.line === 0 ? t('import.wholeFile') : f.count(e.line)}</td>
                <td>{e.field.startsWith('(') ? '–' : e.field}</td>
                <td>{t(`import.reasons.${e.code}`)}</td>
                <td className="import-value">{e.value ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more > 0 && <p className="note">{t('import.moreErrors', { count: more })}</p>}
    </div>
  );
}
