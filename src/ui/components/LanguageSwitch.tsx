// The language choice; each language is named in itself, so anyone can find their own.
import { useId } from 'preact/hooks';
import { languages, languageSchema } from '../../shared/reference.ts';
import { useI18n } from '../i18n/index.ts';

/** `asHeading`: the label is also the heading of its section (Settings). */
export function LanguageSwitch({ className, asHeading }: { className?: string; asHeading?: boolean }) {
  const { t, lang, setLang } = useI18n();
  const id = useId();
  return (
    <div class={className ? `field language-switch ${className}` : 'field language-switch'}>
      {asHeading ? (
        <h2>
          <label for={id}>{t('language.label')}</label>
        </h2>
      ) : (
        <label for={id}>{t('language.label')}</label>
      )}
      <select
        id={id}
        value={lang}
        onChange={(e) => {
          const parsed = languageSchema.safeParse(e.currentTarget.value);
          if (parsed.success) setLang(parsed.data);
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
