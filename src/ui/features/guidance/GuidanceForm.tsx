// Logs guidance given to a municipality, or edits an entry. The shared schema decides what is valid
// (through saveGuidance); its findings show next to the fields and in a summary, and nothing is written
// until the form is right. The contact persons offered are the municipality's active ones, and any
// former one the entry already names.
import type { JSX } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { saveGuidance, type GuidanceInput } from '../../../db/guidance.ts';
import type { LocalRecord } from '../../../db/database.ts';
import type { Contact } from '../../../db/visit-queries.ts';
import { LocalValidationError } from '../../../db/write.ts';
import { guidanceChannels, isOneOf, supervisionAreas as areas } from '../../../shared/vocabulary.ts';
import { useI18n } from '../../i18n/index.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { FieldError } from '../../common/FieldError.tsx';
import { formatShortDate } from '../../common/format.ts';
import { useAction } from '../../common/use-action.ts';
import { draftErrors, guidanceDraft, guidanceErrors, guidanceFields, type GuidanceErrors, type GuidanceField } from './guidance-form.ts';

type Entry = LocalRecord<'guidance'>;

export function GuidanceForm({
  municipalityId,
  contacts,
  today,
  entry,
  onDone,
}: {
  municipalityId: string;
  contacts: readonly Contact[];
  today: string;
  entry?: Entry;
  onDone: (saved: Entry | null) => void;
}) {
  const { t, dateLocale } = useI18n();
  const { db, session } = useSignedIn();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<GuidanceInput>(() => guidanceDraft(today, entry));
  const [errors, setErrors] = useState<GuidanceErrors>({});
  const fieldId = (f: GuidanceField) => `${id}-${f}`;
  const errorId = (f: GuidanceField) => `${id}-${f}-error`;
  const offered = contacts.filter((c) => c.active || draft.contactIds.includes(c.id));

  useEffect(() => {
    document.getElementById(fieldId('date'))?.focus();
  }, []);

  const showErrors = (found: GuidanceErrors) => {
    setErrors(found);
    const first = guidanceFields.find((f) => found[f]);
    // After the errors are drawn, so aria-describedby already points at them when focus lands.
    if (first) setTimeout(() => formRef.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus(), 0);
  };

  const save = useAction(
    async (input: GuidanceInput) => {
      const early = draftErrors(input);
      if (Object.keys(early).length > 0) return showErrors(early);
      let saved: Entry;
      try {
        saved = await saveGuidance(db, municipalityId, input, entry?.id, session.user);
      } catch (error) {
        // The schema's findings go next to the fields; any other failure is the action's.
        if (!(error instanceof LocalValidationError)) throw error;
        return showErrors(guidanceErrors(error.issues));
      }
      setErrors({});
      onDone(saved);
    },
    { log: 'The guidance could not be saved' },
  );

  const onSubmit = (event: Event) => {
    event.preventDefault();
    void save.run(draft);
  };

  type TextField = 'date' | 'topic' | 'notes' | 'followUpText' | 'followUpDue';
  /** The props every text control of the form shares: id, value, and its error, if any. */
  const bind = (f: TextField) => ({
    id: fieldId(f),
    'data-field': f,
    value: draft[f],
    'aria-invalid': errors[f] ? ('true' as const) : undefined,
    'aria-describedby': errors[f] ? errorId(f) : undefined,
    onInput: (e: { currentTarget: { value: string } }) => setDraft((d) => ({ ...d, [f]: e.currentTarget.value })),
  });
  const field = (f: GuidanceField, label: string, control: JSX.Element, required = false) => (
    <div class="field">
      <label for={fieldId(f)}>
        {label}
        {required && <span class="required"> ({t('guidance.required')})</span>}
      </label>
      {control}
      <FieldError id={errorId(f)} message={errors[f] ? t(errors[f]) : null} />
    </div>
  );
  const toggle = <T extends string>(list: readonly T[], value: T, on: boolean, order: readonly T[]): T[] =>
    on ? order.filter((x) => x === value || list.includes(x)) : list.filter((x) => x !== value);
  const count = Object.keys(errors).length;

  return (
    <form ref={formRef} class="card guidance-form" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{entry ? t('guidance.editTitle', { date: formatShortDate(entry.date, dateLocale) }) : t('guidance.addTitle')}</h3>
      <div role="alert" class={count > 0 || save.failed ? 'form-errors' : 'form-errors empty'}>
        {save.failed && <p>{t('guidance.saveFailed')}</p>}
        {count > 0 && <p>{t('guidance.errors', { count })}</p>}
      </div>
      <div class="form-grid">
        {field('date', t('guidance.date'), <input type="date" required max="9999-12-31" {...bind('date')} />, true)}
        {field(
          'channel',
          t('guidance.channel'),
          <select
            id={fieldId('channel')}
            data-field="channel"
            value={draft.channel}
            aria-invalid={errors.channel ? 'true' : undefined}
            aria-describedby={errors.channel ? errorId('channel') : undefined}
            onChange={(e) => {
              const value = e.currentTarget.value;
              if (isOneOf(guidanceChannels, value)) setDraft((d) => ({ ...d, channel: value }));
            }}
          >
            {guidanceChannels.map((c) => (
              <option key={c} value={c}>
                {t(`guidance.channel.${c}`)}
              </option>
            ))}
          </select>,
        )}
      </div>
      <fieldset class="fieldset" aria-describedby={errors.areas ? errorId('areas') : undefined}>
        <legend>
          {t('guidance.areas')} <span class="required">({t('guidance.areasHint')})</span>
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
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setDraft((d) => ({ ...d, areas: toggle(d.areas, a, on, areas) }));
                }}
              />
              <label for={`${fieldId('areas')}-${a}`}>{t(`area.${a}`)}</label>
            </li>
          ))}
        </ul>
      </fieldset>
      {field('topic', t('guidance.topic'), <input type="text" autocomplete="off" maxLength={300} {...bind('topic')} />, true)}
      <fieldset class="fieldset" aria-describedby={errors.contactIds ? errorId('contactIds') : undefined}>
        <legend>{t('guidance.contacts')}</legend>
        <FieldError id={errorId('contactIds')} message={errors.contactIds ? t(errors.contactIds) : null} />
        {offered.length === 0 ? (
          <p class="muted">{t('guidance.noActiveContacts')}</p>
        ) : (
          <ul class="choice-list">
            {offered.map((c, i) => {
              const role = [c.title, c.organisation].filter(Boolean).join(', ');
              return (
                <li key={c.id} class="check">
                  <input
                    type="checkbox"
                    id={`${fieldId('contactIds')}-${c.id}`}
                    {...(i === 0 ? { 'data-field': 'contactIds' } : {})}
                    checked={draft.contactIds.includes(c.id)}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      setDraft((d) => ({ ...d, contactIds: toggle(d.contactIds, c.id, on, offered.map((o) => o.id)) }));
                    }}
                  />
                  <label for={`${fieldId('contactIds')}-${c.id}`}>
                    {c.name}
                    {role && <span class="guidance-contact-role">, {role}</span>}
                  </label>
                </li>
              );
            })}
          </ul>
        )}
      </fieldset>
      {field('notes', t('guidance.notes'), <textarea rows={3} {...bind('notes')} />)}
      <fieldset class="fieldset" aria-describedby={`${id}-follow-up-hint`}>
        <legend>{t('guidance.followUpLegend')}</legend>
        <p class="hint" id={`${id}-follow-up-hint`}>
          {t('guidance.followUpHint')}
        </p>
        {field('followUpText', t('guidance.followUpText'), <textarea rows={2} {...bind('followUpText')} />)}
        <div class="field-narrow">{field('followUpDue', t('guidance.followUpDue'), <input type="date" max="9999-12-31" {...bind('followUpDue')} />)}</div>
      </fieldset>
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={save.busy}>
          {entry ? t('guidance.save') : t('guidance.add')}
        </button>
        <button type="button" class="button button-secondary" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
