// The visit's facts under its title: when, what, who, and its status and sync state. While the inspector
// may edit the visit, "Edit details" opens the date, agenda and attendees for editing in their place.
import type { ComponentChildren } from 'preact';
import { useId, useRef, useState } from 'preact/hooks';
import type { VisitDetail } from '../../../db/visit-queries.ts';
import { formatDate } from '../../common/format.ts';
import { useI18n } from '../../i18n/index.ts';
import { inspectorLabel, useDirectory } from '../../common/people.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { FieldConflict } from './FieldConflict.tsx';
import { SyncBadge } from '../../common/SyncBadge.tsx';
import { VisitDetailsEditor } from './VisitDetailsEditor.tsx';
import './visit-header.css';

export function VisitHeader({
  detail,
  editable = false,
  notices,
}: {
  detail: VisitDetail;
  editable?: boolean;
  /** Shown under the badges, above the facts: what must be seen first even on a phone (a waiting draft). */
  notices?: ComponentChildren;
}) {
  const { t, lang, dateLocale } = useI18n();
  const { session } = useSignedIn();
  const directory = useDirectory();
  const [open, setOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const editorId = useId();
  const { visit, templates } = detail;
  const inspector = inspectorLabel(visit.inspectorId, session.user, t, directory);
  const editing = editable && open;
  return (
    <div class="visit-header">
      <p class="visit-badges">
        <span class={`badge badge-${visit.status}`}>{t(`visitStatus.${visit.status}`)}</span>
        <SyncBadge state={detail.sync.visit} />
      </p>
      {notices}
      <dl class="facts visit-facts">
        {!editing && (
          <div>
            <dt>{t('visit.date')}</dt>
            <dd>
              <time dateTime={visit.plannedDate}>{formatDate(visit.plannedDate, dateLocale)}</time>
              <FieldConflict entity="visit" id={visit.id} field="plannedDate" />
            </dd>
          </div>
        )}
        <div>
          <dt>{t('visit.checklist')}</dt>
          <dd>
            {templates.length > 0 ? (
              <ul class="plain-list">
                {templates.map((tpl) => (
                  <li key={tpl.id}>{tpl.title[lang]}</li>
                ))}
              </ul>
            ) : (
              visit.templateIds.join(', ')
            )}
          </dd>
        </div>
        <div>
          <dt>{t('visit.mode')}</dt>
          <dd>{t(`visit.mode.${visit.mode}`)}</dd>
        </div>
        {!editing && (
          <div>
            <dt>{t('visit.diaryNumber')}</dt>
            <dd>
              {visit.diaryNumber || <span class="muted">{t('visit.noDiaryNumber')}</span>}
              <FieldConflict entity="visit" id={visit.id} field="diaryNumber" />
            </dd>
          </div>
        )}
        <div>
          <dt>{t('visit.inspector')}</dt>
          <dd>{inspector}</dd>
        </div>
        {/* Shown even when empty, so a conflict mark on an emptied field has a place. */}
        {!editing && (
          <div>
            <dt>{t('visit.attendees')}</dt>
            <dd>
              {visit.attendees.length > 0 ? (
                <ul class="plain-list">
                  {visit.attendees.map((a, i) => (
                    <li key={i}>{[a.name, a.role, a.organisation].filter(Boolean).join(', ')}</li>
                  ))}
                </ul>
              ) : (
                <span class="muted">{t('visit.noAttendees')}</span>
              )}
              <FieldConflict entity="visit" id={visit.id} field="attendees" />
            </dd>
          </div>
        )}
        {!editing && (
          <div>
            <dt>{t('visit.agenda')}</dt>
            <dd>
              {visit.agenda ? <span class="pre-line">{visit.agenda}</span> : <span class="muted">{t('visit.noAgenda')}</span>}
              <FieldConflict entity="visit" id={visit.id} field="agenda" />
            </dd>
          </div>
        )}
      </dl>
      {editable && (
        <button
          ref={toggleRef}
          type="button"
          class="button button-secondary details-toggle"
          aria-expanded={editing ? 'true' : 'false'}
          aria-controls={editorId}
          onClick={() => setOpen(!open)}
        >
          {t('visit.details.edit')}
        </button>
      )}
      {editing && (
        <VisitDetailsEditor
          id={editorId}
          visit={visit}
          areas={templates.map((tpl) => tpl.area)}
          onDone={() => {
            setOpen(false);
            toggleRef.current?.focus();
          }}
        />
      )}
    </div>
  );
}
