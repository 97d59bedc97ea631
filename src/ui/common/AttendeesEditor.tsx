// The visit's attendees as rows of name, role and organisation; rows are added and removed with buttons.
import { useId } from 'preact/hooks';
import { useI18n } from '../i18n/index.ts';
import { FieldError } from './FieldError.tsx';
import './attendees.css';

export type AttendeeDraft = { key: number; name: string; role: string; organisation: string };

export function AttendeesEditor({
  rows,
  onChange,
  errors,
}: {
  rows: AttendeeDraft[];
  onChange: (rows: AttendeeDraft[]) => void;
  /** An error per row key. */
  errors: Map<number, string>;
}) {
  const { t } = useI18n();
  const id = useId();
  const update = (key: number, patch: Partial<AttendeeDraft>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const add = () => {
    const key = rows.reduce((max, r) => Math.max(max, r.key), 0) + 1;
    onChange([...rows, { key, name: '', role: '', organisation: '' }]);
    // Focus the new row's name once it is drawn, so a keyboard user continues where they are.
    setTimeout(() => document.getElementById(`${id}-${key}-name`)?.focus(), 0);
  };
  return (
    <fieldset class="fieldset attendees">
      <legend>{t('plan.attendees')}</legend>
      {rows.length === 0 && <p class="muted">{t('plan.noAttendees')}</p>}
      {rows.map((r, i) => {
        const error = errors.get(r.key);
        const errorId = `${id}-${r.key}-error`;
        return (
          <div key={r.key} class="attendee-row" data-attendee={`attendee-${r.key}`} role="group" aria-label={t('plan.attendeeN', { n: i + 1 })}>
            <div class="field">
              <label for={`${id}-${r.key}-name`}>{t('plan.attendeeName')}</label>
              <input
                id={`${id}-${r.key}-name`}
                type="text"
                value={r.name}
                autocomplete="off"
                maxLength={200}
                aria-invalid={error ? 'true' : undefined}
                aria-describedby={error ? errorId : undefined}
                onInput={(e) => update(r.key, { name: e.currentTarget.value })}
              />
              <FieldError id={errorId} message={error} />
            </div>
            <div class="field">
              <label for={`${id}-${r.key}-role`}>{t('plan.attendeeRole')}</label>
              <input id={`${id}-${r.key}-role`} type="text" value={r.role} maxLength={200} onInput={(e) => update(r.key, { role: e.currentTarget.value })} />
            </div>
            <div class="field">
              <label for={`${id}-${r.key}-org`}>{t('plan.attendeeOrganisation')}</label>
              <input
                id={`${id}-${r.key}-org`}
                type="text"
                value={r.organisation}
                maxLength={200}
                onInput={(e) => update(r.key, { organisation: e.currentTarget.value })}
              />
            </div>
            <button type="button" class="button button-secondary attendee-remove" onClick={() => onChange(rows.filter((x) => x.key !== r.key))}>
              {t('plan.attendeeRemove', { n: i + 1 })}
            </button>
          </div>
        );
      })}
      <button type="button" class="button button-secondary" onClick={add}>
        {t('plan.attendeeAdd')}
      </button>
    </fieldset>
  );
}
