import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../../i18n/i18n';
import { formatter } from '../../ui/format';
import { contrastRatio, parseHexColor, readableTextColor } from '../../ui/text-contrast';

/**
 * The topic's desk button as it will look, updated while management picks a colour: the same
 * classes as the desk's button, the same text colour rule, and the contrast it reaches.
 */
export function TopicPreview({ color, labelDe, labelEn, hotkey }: { color: string; labelDe: string; labelEn: string; hotkey: string }) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const f = formatter(i18n.language);
  const english = i18n.language.startsWith('en');
  const label = (english ? labelEn || labelDe : labelDe || labelEn).trim() || t('catalog.fields.previewLabel');
  const text = readableTextColor(color);
  const valid = parseHexColor(color) !== null;
  return (
    <div className="topic-preview-field">
      <span className="topic-preview-caption">{t('catalog.fields.preview')}</span>
      <div className="topic-button topic-preview" style={{ backgroundColor: color, color: text }} data-testid="catalog-topic-preview">
        <span className="topic-label">{label}</span>
        {hotkey && <kbd className="hotkey">{hotkey.toUpperCase()}</kbd>}
      </div>
      {valid && (
        <span className="hint" data-testid="catalog-topic-contrast">
          {t('catalog.fields.contrast', { ratio: f.decimal(contrastRatio(text, color)) })}
        </span>
      )}
    </div>
  );
}
