// The agency the reports speak for: its name in Finnish, Swedish and English and its logo. An admin sets
// them here (saved on the device, synced to every device); everyone else sees what the reports will say.
import { useEffect, useId, useState } from 'preact/hooks';
import { loadAgency, saveAgency } from '../../../db/agency.ts';
import { can } from '../../../shared/policy.ts';
import { languages } from '../../../shared/vocabulary.ts';
import { LOGO_MAX_CHARS, logoTypes } from '../../../shared/records.ts';
import { FieldError } from '../../common/FieldError.tsx';
import { useAction } from '../../common/use-action.ts';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { useSignedIn } from '../../app/session-context.ts';

type Names = Record<(typeof languages)[number], string>;

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsDataURL(file);
  });
}

export function AgencySettings() {
  const { t, lang } = useI18n();
  const { db, session } = useSignedIn();
  const uid = useId();
  const agency = useLiveQuery(() => loadAgency(db), [db]);
  const stored = agency.state === 'ready' ? agency.value : undefined;
  const editable = can(session.user, 'editAgency', { regionId: null });
  const [names, setNames] = useState<Names>({ fi: '', sv: '', en: '' });
  const [logo, setLogo] = useState<string | null>(null);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [saved, setSaved] = useState(false);
  // The form starts from what is stored, once it is read, and again whenever another device changes it.
  useEffect(() => {
    if (!stored) return;
    setNames({ ...stored.name });
    setLogo(stored.logo ?? null);
  }, [stored?.version, stored?.updatedAt]);
  const save = useAction(() => saveAgency(db, { name: { fi: names.fi.trim(), sv: names.sv.trim(), en: names.en.trim() }, logo }, session.user), {
    log: 'The agency could not be saved',
  });

  if (!editable) {
    return (
      <section class="card" aria-labelledby={`${uid}-title`}>
        <h2 id={`${uid}-title`}>{t('agency.title')}</h2>
        {stored ? (
          <p class="agency-preview">
            {stored.logo && <img src={stored.logo} alt="" class="agency-logo" />}
            <span>{stored.name[lang]}</span>
          </p>
        ) : (
          <p class="muted">{t('agency.notSet')}</p>
        )}
      </section>
    );
  }

  const onFile = async (file: File | undefined) => {
    setSaved(false);
    if (!file) return;
    if (!(logoTypes as readonly string[]).includes(file.type)) return setProblem('agency.error.logoType');
    const url = await readAsDataUrl(file).catch(() => null);
    if (url === null) return setProblem('agency.error.logoRead');
    if (url.length > LOGO_MAX_CHARS) return setProblem('agency.error.logoSize');
    setProblem(null);
    setLogo(url);
  };
  const missing = languages.filter((l) => names[l].trim() === '');
  const onSubmit = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    if (missing.length > 0) {
      setProblem('agency.error.name');
      document.getElementById(`${uid}-${missing[0]}`)?.focus();
      return;
    }
    setProblem(null);
    if ((await save.run()) !== undefined) setSaved(true);
  };

  return (
    <section class="card" aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>{t('agency.title')}</h2>
      <p class="muted">{t('agency.hint')}</p>
      <form onSubmit={onSubmit} noValidate>
        {languages.map((l) => (
          <div class="field" key={l}>
            <label for={`${uid}-${l}`}>{t(`agency.name.${l}`)}</label>
            <input
              id={`${uid}-${l}`}
              type="text"
              maxLength={500}
              value={names[l]}
              aria-invalid={problem === 'agency.error.name' && missing.includes(l) ? 'true' : undefined}
              onInput={(e) => {
                setSaved(false);
                setNames({ ...names, [l]: e.currentTarget.value });
              }}
            />
          </div>
        ))}
        <div class="field">
          <label for={`${uid}-logo`}>{t('agency.logo')}</label>
          <p class="hint" id={`${uid}-logo-hint`}>
            {t('agency.logoHint')}
          </p>
          <input
            id={`${uid}-logo`}
            type="file"
            accept={logoTypes.join(',')}
            aria-describedby={`${uid}-logo-hint`}
            onChange={(e) => void onFile(e.currentTarget.files?.[0])}
          />
        </div>
        {logo && (
          <p class="agency-preview">
            <img src={logo} alt={t('agency.logoPreview')} class="agency-logo" />
            <button type="button" class="button button-quiet" onClick={() => setLogo(null)}>
              {t('agency.removeLogo')}
            </button>
          </p>
        )}
        <FieldError id={`${uid}-error`} message={problem ? t(problem) : save.failed ? t('agency.error.save') : null} />
        <div class="form-actions">
          <button type="submit" class="button button-primary" disabled={save.busy}>
            {t('agency.save')}
          </button>
          <span role="status">{saved ? t('agency.saved') : ''}</span>
        </div>
      </form>
    </section>
  );
}
