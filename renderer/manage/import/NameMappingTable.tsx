import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../../i18n/i18n';
import type { Catalog } from '../../../core/catalog/catalog-types';
import type { UnknownName } from '../../../core/imports/import-types';
import { formatter } from '../../ui/format';
import { nameChoiceKey, targetsOf } from './import-helpers';

/** One select per name the catalog does not know: the user picks the catalog entry it stands for. */
export function NameMappingTable({
  catalog,
  unknown,
  choices,
  disabled,
  onChoose,
}: {
  catalog: Catalog;
  unknown: readonly UnknownName[];
  choices: ReadonlyMap<string, number>;
  disabled: boolean;
  onChoose(name: UnknownName, targetId: number | null): void;
}) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const f = formatter(i18n.language);
  return (
    <div className="import-mapping">
      <h3>{t('import.unknownHeading')}</h3>
      <p className="note">{t('import.unknownExplain')}</p>
      <div className="table-scroll">
        <table className="report-table" data-testid="import-unknown">
          <caption className="visually-hidden">{t('import.unknownHeading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('import.col.name')}</th>
              <th scope="col">{t('import.col.kind')}</th>
              <th scope="col" className="num">
                {t('import.col.rows')}
              </th>
              <th scope="col">{t('import.col.target')}</th>
            </tr>
          </thead>
          <tbody>
            {unknown.map((u) => {
              const { suggested, others } = targetsOf(catalog, u.kind, u.suggestions, f.lang);
              const chosen = choices.get(nameChoiceKey(u));
              return (
                <tr key={nameChoiceKey(u)} className={chosen === undefined ? 'unmapped' : undefined}>
                  <th scope="row">{u.name}</th>
                  <td>{t(`import.kinds.${u.kind}`)}</td>
                  <td className="num">{f.count(u.rows)}</td>
                  <td>
                    <select
                      value={chosen ?? ''}
                      disabled={disabled}
                      aria-label={`${t('import.col.target')}: ${u.name}`}
                      onChange={(e) => onChoose(u, e.target.value ? Number(e.target.value) : null)}
                      data-testid={`import-map-${u.kind}-${u.name}`}
                    >
                      <option value="">{t('import.chooseTarget')}</option>
                      {suggested.length > 0 && (
                        <optgroup label={t('import.suggested')}>
                          {suggested.map((c) => (
                            <option key={c.id} value={c.id}>
                              {c.label}
                            </option>
                          ))}
                        </optgroup>
                      )}
                      <optgroup label={t(`import.kinds.${u.kind}`)}>
                        {others.map((c) => (
                          <option key={c.id} value={c.id}>
                            {c.retired ? `${c.label} ${t('import.retired')}` : c.label}
                          </option>
                        ))}
                      </optgroup>
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
