import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../../i18n/i18n';
import { IMPORT_MAX_FILE_BYTES } from '../../../core/base/limits';
import type { Catalog } from '../../../core/catalog/catalog-types';
import type { ImportPreview, ImportResult } from '../../../core/imports/import-types';
import { client } from '../../api/client';
import { ErrorText } from '../../ui/ErrorText';
import { formatter } from '../../ui/format';
import { ImportErrors } from './ImportErrors';
import { layoutKey, mappingOf, monthTotals, nameChoiceKey, rangeText } from './import-helpers';
import { NameMappingTable } from './NameMappingTable';
import { readAsBase64 } from './read-file';
import { RecordedMonths } from './RecordedMonths';

interface ChosenFile {
  name: string;
  base64: string;
}

/**
 * Import of earlier tallies: choose a file, see the preview (errors by line and column, unknown
 * names to map, what would be added per month), then "Importieren" writes it all or nothing.
 */
export function ImportPanel({ catalog }: { catalog: Catalog }) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const f = formatter(i18n.language);
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [choices, setChoices] = useState<Map<string, number>>(new Map());
  const [busy, setBusy] = useState<'reading' | 'importing' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tooLarge, setTooLarge] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  /** Add monthly counts also to months that already hold recorded contacts: only when ticked, per file. */
  const [addToRecorded, setAddToRecorded] = useState(false);

  const check = async (chosen: ChosenFile, nextChoices: Map<string, number>, unknown = preview?.unknownNames ?? [], addToRecordedMonths = addToRecorded) => {
    setBusy('reading');
    setError(null);
    try {
      setPreview(
        await client.previewImport({ fileName: chosen.name, contentBase64: chosen.base64, mapping: mappingOf(nextChoices, unknown), addToRecordedMonths }),
      );
    } catch (err) {
      setPreview(null);
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const choose = async (picked: File | undefined) => {
    setResult(null);
    setPreview(null);
    setError(null);
    setTooLarge(false);
    setChoices(new Map());
    setAddToRecorded(false);
    if (!picked) return setFile(null);
    // Checked here too, so a large file is refused before it is read and sent.
    if (picked.size > IMPORT_MAX_FILE_BYTES) {
      setFile(null);
      return setTooLarge(true);
    }
    const chosen = { name: picked.name, base64: await readAsBase64(picked) };
    setFile(chosen);
    await check(chosen, new Map(), [], false);
  };

  const chooseAddToRecorded = async (add: boolean) => {
    setAddToRecorded(add);
    if (file) await check(file, choices, preview?.unknownNames ?? [], add);
  };

  const map = async (key: string, targetId: number | null) => {
    const next = new Map(choices);
    if (targetId === null) next.delete(key);
    else next.set(key, targetId);
    setChoices(next);
    if (file) await check(file, next);
  };

  const commit = async () => {
    if (!file || !preview) return;
    setBusy('importing');
    setError(null);
    try {
      setResult(
        await client.commitImport({
          fileName: file.name,
          contentBase64: file.base64,
          mapping: mappingOf(choices, preview.unknownNames),
          addToRecordedMonths: addToRecorded,
        }),
      );
      setPreview(null);
      setFile(null);
      if (input.current) input.current.value = '';
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const formatRange = (s: string) => (s.length === 7 ? f.month(s) : f.day(s));
  const months = preview ? monthTotals(preview) : [];

  return (
    <section className="panel import-panel" aria-labelledby={`${id}-heading`} data-testid="import-panel">
      <div className="panel-head">
        <h2 id={`${id}-heading`}>{t('import.heading')}</h2>
      </div>
      <p className="note">{t('import.explain')}</p>

      {/* The browser's own file button speaks the browser's language; this label speaks the app's. */}
      <div className="import-file">
        <input
          ref={input}
          id={`${id}-file`}
          className="visually-hidden"
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={busy !== null}
          onChange={(e) => void choose(e.target.files?.[0])}
          data-testid="import-file"
        />
        <label htmlFor={`${id}-file`} className="tool-button primary">
          {t('import.chooseFile')}
        </label>
        <span className="import-file-name" data-testid="import-file-name">
          {file?.name ?? t('import.noFile')}
        </span>
      </div>
      <div className="import-status" aria-live="polite">
        {busy === 'reading' && t('import.reading')}
        {busy === 'importing' && t('import.importing')}
      </div>

      {tooLarge && (
        <p className="form-error" role="alert" data-testid="import-too-large">
          {t('import.fileTooLarge', { max: f.count(IMPORT_MAX_FILE_BYTES / 1024 / 1024) })}
        </p>
      )}
      <ErrorText error={error} testId="import-error" />
      {result && (
        <p className="form-ok" role="status" data-testid="import-done">
          {t('import.done', { count: result.contacts, rows: t('import.rowCount', { count: result.rows }), file: result.fileName })}
        </p>
      )}

      {preview && (
        <div className="import-preview" data-testid="import-preview">
          <p className="import-summary" data-testid="import-summary">
            {t('import.summary', {
              file: preview.fileName,
              layout: t(`import.layouts.${layoutKey(preview)}`),
              count: preview.rows,
              valid: preview.validRows,
            })}
          </p>
          {preview.duplicateOf && (
            <p className="form-error" role="alert" data-testid="import-duplicate">
              {t('import.duplicate', { date: f.day(preview.duplicateOf.importedAt.slice(0, 10)), file: preview.duplicateOf.fileName })}
            </p>
          )}
          {preview.errorCount > 0 && <ImportErrors preview={preview} />}
          {preview.unknownNames.length > 0 && (
            <NameMappingTable
              catalog={catalog}
              unknown={preview.unknownNames}
              choices={choices}
              disabled={busy !== null}
              onChoose={(u, target) => void map(nameChoiceKey(u), target)}
            />
          )}
          {preview.recordedMonths.length > 0 && (
            <RecordedMonths preview={preview} addAnyway={addToRecorded} disabled={busy !== null} onChange={(add) => void chooseAddToRecorded(add)} />
          )}
          {months.length > 0 && (
            <div className="import-totals">
              <h3>{preview.ready ? t('import.totalsHeading') : t('import.totalsHeadingPartial')}</h3>
              <div className="table-scroll">
                <table className="report-table" data-testid="import-totals">
                  <caption className="visually-hidden">{t('import.totalsHeading')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('import.col.month')}</th>
                      <th scope="col" className="num">
                        {t('import.col.count')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {months.map((m) => (
                      <tr key={m.month}>
                        <th scope="row">{f.month(m.month)}</th>
                        <td className="num">{f.count(m.n)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p className="import-total" data-testid="import-total">
                {t('import.total', { count: preview.total, range: rangeText(preview.range, formatRange) })}
              </p>
            </div>
          )}
          <div className="import-actions">
            <button
              type="button"
              className="tool-button primary"
              disabled={!preview.ready || busy !== null}
              onClick={() => void commit()}
              data-testid="import-submit"
            >
              {t('import.submit')}
            </button>
            {!preview.ready && !preview.duplicateOf && (
              <span className="note" data-testid="import-blocked">
                {t('import.blocked')}
              </span>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
