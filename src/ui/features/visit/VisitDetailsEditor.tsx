// Editing the visit's planned date, diary number, mode, agenda and attendees after planning (the municipality's
// contact persons offered), each saved on the device as it changes, like the summary; a conflict mark sits by
// each field a sync conflict can hit.
import { useEffect, useId, useState } from 'preact/hooks';
import type { Visit } from '../../../db/visit-queries.ts';
import { saveVisitFields } from '../../../db/visits.ts';
import { isoDateSchema } from '../../../shared/reference.ts';
import { useAttendeeRows } from './use-attendee-rows.ts';
import { useTrackSave } from '../../common/use-save-tracker.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { AttendeesEditor } from '../../common/AttendeesEditor.tsx';
import { DirectoryAttendees } from '../../common/DirectoryAttendees.tsx';
import { AutosaveInput, AutosaveTextarea } from '../../common/AutosaveTextarea.tsx';
import { visitModes } from '../../../shared/vocabulary.ts';
import { FieldConflict } from './FieldConflict.tsx';
import { FieldError } from '../../common/FieldError.tsx';
import './visit-header.css';

export function VisitDetailsEditor({ visit, areas, id, onDone }: { visit: Visit; areas: readonly string[]; id: string; onDone: () => void }) {
  const { t } = useI18n();
  const { db, session } = useSignedIn();
  const track = useTrackSave();
  const uid = useId();
  const [date, setDate] = useState(visit.plannedDate);
  const [dateError, setDateError] = useState<MessageKey | null>(null);
  const attendees = useAttendeeRows(visit.attendees, (list) => track(saveVisitFields(db, visit.id, { attendees: list }, session.user)));

  // Follow the stored date (another device, a taken-back conflict) unless the field holds an unfinished one.
  useEffect(() => {
    if (dateError === null) setDate(visit.plannedDate);
  }, [visit.plannedDate]);

  const dateProblem = (value: string): MessageKey | null =>
    value === '' ? 'plan.error.date' : isoDateSchema.safeParse(value).success ? null : 'plan.error.dateInvalid';

  const onDate = (value: string) => {
    setDate(value);
    // A date field reports '' while a part of the date is missing: say so on leaving it, not while typing.
    if (dateProblem(value) !== null) return;
    setDateError(null);
    if (value !== visit.plannedDate) void track(saveVisitFields(db, visit.id, { plannedDate: value }, session.user));
  };

  const nameErrors = new Map(
    attendees.rows.flatMap((r, i) => (attendees.nameless.has(r.key) ? [[r.key, t('visit.details.attendeeNoName', { n: i + 1 })] as const] : [])),
  );

  return (
    <section id={id} class="visit-details card" aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`} class="visit-details-title">
        {t('visit.details.title')}
      </h2>
      <p class="hint">{t('visit.details.hint')}</p>
      <div class="field field-narrow">
        <label for={`${uid}-date`}>{t('plan.date')}</label>
        <input
          id={`${uid}-date`}
          type="date"
          required
          value={date}
          aria-invalid={dateError ? 'true' : undefined}
          aria-describedby={dateError ? `${uid}-date-error` : undefined}
          onInput={(e) => onDate(e.currentTarget.value)}
          onBlur={(e) => setDateError(dateProblem(e.currentTarget.value))}
        />
        <FieldError id={`${uid}-date-error`} message={dateError ? t(dateError) : null} />
      </div>
      <FieldConflict entity="visit" id={visit.id} field="plannedDate" />
      <AutosaveInput
        label={t('visit.diaryNumber')}
        value={visit.diaryNumber ?? ''}
        maxLength={40}
        onSave={(text) => saveVisitFields(db, visit.id, { diaryNumber: text.trim() === '' ? null : text.trim() }, session.user)}
      />
      <FieldConflict entity="visit" id={visit.id} field="diaryNumber" />
      <fieldset class="fieldset">
        <legend>{t('visit.mode')}</legend>
        {visitModes.map((mode) => (
          <div class="check-row" key={mode}>
            <input
              type="radio"
              id={`${uid}-mode-${mode}`}
              name={`${uid}-mode`}
              checked={visit.mode === mode}
              onChange={() => void track(saveVisitFields(db, visit.id, { mode }, session.user))}
            />
            <label for={`${uid}-mode-${mode}`}>{t(`visit.mode.${mode}`)}</label>
          </div>
        ))}
      </fieldset>
      <FieldConflict entity="visit" id={visit.id} field="mode" />
      <AutosaveTextarea
        label={t('plan.agenda')}
        value={visit.agenda ?? ''}
        onSave={(text) => saveVisitFields(db, visit.id, { agenda: text === '' ? null : text }, session.user)}
        readOnly={false}
        rows={4}
        maxLength={10_000}
      />
      <FieldConflict entity="visit" id={visit.id} field="agenda" />
      <div onFocusOut={attendees.flush}>
        <DirectoryAttendees
          municipalityId={visit.municipalityId}
          visitAreas={areas}
          rows={attendees.rows}
          onChange={(rows) => {
            // A ticked contact person is saved at once, like a field left.
            attendees.onChange(rows);
            attendees.flush();
          }}
        />
        <AttendeesEditor rows={attendees.rows} onChange={attendees.onChange} errors={nameErrors} />
      </div>
      <FieldConflict entity="visit" id={visit.id} field="attendees" />
      <div class="form-actions">
        <button type="button" class="button button-secondary" onClick={onDone}>
          {t('visit.details.done')}
        </button>
      </div>
    </section>
  );
}
