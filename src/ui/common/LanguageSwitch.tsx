// The language choice; each language is named in itself, so anyone can find their own.
import { useId } from 'preact/hooks';
import { isOneOf, languages, type Language } from '../../shared/vocabulary.ts';
import { useI18n } from '../i18n/index.ts';

/**
 * The app's own language unless `value` and `onChange` choose another one (a report's).
 * `asHeading`: the label is also the heading of its section (Settings).
 */
export function LanguageSwitch({
  className,
  asHeading,
  label,
  value,
  onChange,
}: {
  className?: string;
  asHeading?: boolean;
  label?: string;
  value?: Language;
  onChange?: (lang: Language) => void;
}) {
  const { t, lang, setLang } = useI18n();
  const id = useId();
  const labelEl = <label for={id}>{label ?? t('language.label')}</label>;
  const choose = onChange ?? setLang;
  return (
    <div class={className ? `field language-switch ${className}` : 'field language-switch'}>
      {asHeading ? <h2>{labelEl}</h2> : labelEl}
      <select
        id={id}
        value={value ?? lang}
        onChange={(e) => {
          const lang = e.currentTarget.value;
          if (isOneOf(languages, lang)) choose(lang);
        }}
      >
        {languages.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`language.${l}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
