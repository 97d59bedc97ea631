// Adds or edits a contact person. The shared schema decides what is valid (through saveContact); its
// findings show next to the fields and in a summary, and nothing is written until the form is right.
import type { JSX } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { saveContact, type ContactInput } from '../../../db/contacts.ts';
import type { Contact } from '../../../db/visit-queries.ts';
import { LocalValidationError } from '../../../db/write.ts';
import { supervisionAreas as areas } from '../../../shared/vocabulary.ts';
import { contactDraft, contactErrors, contactFields, type ContactErrors, type ContactField } from './contact-form.ts';
import { useI18n } from '../../i18n/index.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { FieldError } from '../../common/FieldError.tsx';
import { useAction } from '../../common/use-action.ts';

type TextField = Exclude<ContactField, 'areas'>;

export function ContactForm({ municipalityId, contact, onDone }: { municipalityId: string; contact?: Contact; onDone: (saved: Contact | null) => void }) {
  const { t } = useI18n();
  const { db, session } = useSignedIn();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<ContactInput>(() => contactDraft(contact));
  const [errors, setErrors] = useState<ContactErrors>({});
  const fieldId = (f: ContactField) => `${id}-${f}`;
  const errorId = (f: ContactField) => `${id}-${f}-error`;

  useEffect(() => {
    document.getElementById(fieldId('name'))?.focus();
  }, []);

  const save = useAction(
    async (input: ContactInput) => {
      let saved: Contact;
      try {
        saved = await saveContact(db, municipalityId, input, contact?.id, session.user);
      } catch (error) {
        // The schema's findings go next to the fields; any other failure is the action's.
        if (!(error instanceof LocalValidationError)) throw error;
        const found = contactErrors(error.issues);
        setErrors(found);
        const first = contactFields.find((f) => found[f]);
        // After the errors are drawn, so aria-describedby already points at them when focus lands.
        if (first) setTimeout(() => formRef.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus(), 0);
        return;
      }
      setErrors({});
      onDone(saved);
    },
    { log: 'The contact could not be saved' },
  );
  const failed = save.failed;

  const onSubmit = (event: Event) => {
    event.preventDefault();
    void save.run(draft);
  };

  /** The props every text control of the form shares: id, value, and its error, if any. */
  const bind = (f: TextField) => ({
    id: fieldId(f),
    'data-field': f,
    value: draft[f],
    'aria-invalid': errors[f] ? ('true' as const) : undefined,
    'aria-describedby': errors[f] ? errorId(f) : undefined,
    onInput: (e: { currentTarget: { value: string } }) => setDraft({ ...draft, [f]: e.currentTarget.value }),
  });
  const field = (f: TextField, control: JSX.Element) => (
    <div class="field">
      <label for={fieldId(f)}>
        {t(`contact.${f}`)}
        {f === 'name' && <span class="required"> ({t('contact.required')})</span>}
      </label>
      {control}
      <FieldError id={errorId(f)} message={errors[f] ? t(errors[f]) : null} />
    </div>
  );
  const count = Object.keys(errors).length;

  return (
    <form ref={formRef} class="card contact-form" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-heading`}>
      {/* Not `${id}-title`: that is the Title field's id (fieldId('title')), and ids must be unique. */}
      <h3 id={`${id}-heading`}>{contact ? t('contact.editTitle', { name: contact.name }) : t('contact.addTitle')}</h3>
      <div role="alert" class={count > 0 || failed ? 'form-errors' : 'form-errors empty'}>
        {failed && <p>{t('contact.saveFailed')}</p>}
        {count > 0 && <p>{t('contact.errors', { count })}</p>}
      </div>
      <div class="form-grid">
        {field('name', <input type="text" autocomplete="off" {...bind('name')} />)}
        {field('title', <input type="text" {...bind('title')} />)}
        {field('organisation', <input type="text" {...bind('organisation')} />)}
      </div>
      <fieldset class="fieldset" aria-describedby={errors.areas ? errorId('areas') : undefined}>
        <legend>
          {t('contact.areas')} <span class="required">({t('contact.areasHint')})</span>
        </legend>
        <FieldError id={errorId('areas')} message={errors.areas ? t(errors.areas) : null} />
        <ul class="choice-list">
          {areas.map((a, i) => (
            <li key={a} class="check">
              <input
                type="checkbox"
                id={`${fieldId('areas')}-${a}`}
                {...(i === 0 ? { 'data-field': 'areas' } : {})}
                checked={draft.areas.includes(a)}
                aria-invalid={errors.areas ? 'true' : undefined}
                onChange={(e) =>
                  setDraft({ ...draft, areas: e.currentTarget.checked ? areas.filter((x) => x === a || draft.areas.includes(x)) : draft.areas.filter((x) => x !== a) })
                }
              />
              <label for={`${fieldId('areas')}-${a}`}>{t(`area.${a}`)}</label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div class="form-grid">
        {field('email', <input type="email" autocomplete="off" spellcheck={false} {...bind('email')} />)}
        {field('phone', <input type="tel" autocomplete="off" {...bind('phone')} />)}
      </div>
      {field('notes', <textarea rows={3} {...bind('notes')} />)}
      {contact && (
        <div class="check">
          <input id={`${id}-active`} type="checkbox" checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.currentTarget.checked })} />
          <label for={`${id}-active`}>{t('contact.activeLabel')}</label>
        </div>
      )}
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={save.busy}>
          {contact ? t('contact.save') : t('contact.add')}
        </button>
        <button type="button" class="button button-secondary" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
