// The municipality page's log of guidance given between visits, newest first: when, how, the areas and
// topic, the contact persons involved, notes, the follow-up agreed with its due date and status, and who
// recorded it. Logging, editing and deleting an entry, and moving its follow-up (done, dropped, open
// again); focus returns to the section heading after each change, with a message. Read through a live
// query, so it works offline and shows a synced change at once.
import { useRef, useState } from 'preact/hooks';
import { format } from 'date-fns';
import { deleteGuidance, loadGuidanceLog, setGuidanceFollowUpStatus } from '../../../db/guidance.ts';
import type { LocalRecord } from '../../../db/database.ts';
import type { Contact } from '../../../db/visit-queries.ts';
import type { GuidanceFields } from '../../../shared/records.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { ConfirmDialog } from '../../common/ConfirmDialog.tsx';
import { LiveState } from '../../common/LiveState.tsx';
import { formatShortDate } from '../../common/format.ts';
import { inspectorLabel, useDirectory } from '../../common/people.ts';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { GuidanceForm } from './GuidanceForm.tsx';
import '../../common/section.css';
import './guidance.css';

type Entry = LocalRecord<'guidance'>;
type FollowUpStatus = NonNullable<GuidanceFields['followUpStatus']>;
type Message = { key: MessageKey; topic: string; error?: boolean };

export function MunicipalityGuidance({ municipalityId, contacts, canEdit }: { municipalityId: string; contacts: readonly Contact[]; canEdit: boolean }) {
  const { t, dateLocale } = useI18n();
  const { db, session } = useSignedIn();
  const directory = useDirectory();
  const log = useLiveQuery(() => loadGuidanceLog(db, municipalityId), [db, municipalityId]);
  const [editing, setEditing] = useState<'new' | string | null>(null);
  const [deleting, setDeleting] = useState<Entry | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Only the form's default date and the "overdue" mark; nothing is decided by the device's clock.
  const today = format(new Date(), 'yyyy-MM-dd');
  const contactById = new Map(contacts.map((c) => [c.id, c]));
  const entries = log.state === 'ready' ? log.value : [];

  const done = (next: Message) => {
    setMessage(next);
    setEditing(null);
    heading.current?.focus();
  };
  const closeForm = () => {
    setEditing(null);
    heading.current?.focus();
  };
  const run = async (entry: Entry, work: () => Promise<unknown>, key: MessageKey) => {
    if (busyId) return;
    setBusyId(entry.id);
    try {
      await work();
      done({ key, topic: entry.topic });
    } catch (e) {
      console.error('A guidance entry could not be changed', e);
      done({ key: 'guidance.changeFailed', topic: entry.topic, error: true });
    } finally {
      setBusyId(null);
    }
  };
  const setStatus = (entry: Entry, status: FollowUpStatus) =>
    void run(entry, () => setGuidanceFollowUpStatus(db, entry.id, status, session.user), `guidance.followUp.${status}`);

  return (
    <section class="report-section guidance-section" aria-labelledby="municipality-guidance">
      <h2 id="municipality-guidance" ref={heading} tabIndex={-1}>
        {t('guidance.sectionTitle')} {log.state === 'ready' && <span class="count">({entries.length})</span>}
      </h2>
      <p class="muted">{t('guidance.intro')}</p>
      <p class={message?.error ? 'notice notice-error' : 'save-state'} role="status">
        {message && t(message.key, { topic: message.topic })}
      </p>
      {canEdit && editing !== 'new' && (
        <div class="toolbar">
          <button type="button" class="button button-primary" onClick={() => setEditing('new')}>
            {t('guidance.addButton')}
          </button>
        </div>
      )}
      {editing === 'new' && (
        <GuidanceForm
          municipalityId={municipalityId}
          contacts={contacts}
          today={today}
          onDone={(saved) => (saved ? done({ key: 'guidance.added', topic: saved.topic }) : closeForm())}
        />
      )}
      {log.state !== 'ready' ? (
        <LiveState state={log.state} />
      ) : entries.length === 0 ? (
        <p class="muted">{t('guidance.none')}</p>
      ) : (
        <ul class="card-list guidance-list" aria-label={t('guidance.listLabel')}>
          {entries.map((g) =>
            g.id === editing ? (
              <li key={g.id} class="guidance-edit">
                <GuidanceForm
                  municipalityId={municipalityId}
                  contacts={contacts}
                  today={today}
                  entry={g}
                  onDone={(saved) => (saved ? done({ key: 'guidance.saved', topic: saved.topic }) : closeForm())}
                />
              </li>
            ) : (
              <GuidanceCard
                key={g.id}
                entry={g}
                contactById={contactById}
                today={today}
                by={inspectorLabel(g.updatedBy ?? session.user.id, session.user, t, directory)}
                canEdit={canEdit}
                busy={busyId === g.id}
                onEdit={() => setEditing(g.id)}
                onDelete={() => setDeleting(g)}
                onStatus={(status) => setStatus(g, status)}
                dateText={formatShortDate(g.date, dateLocale)}
              />
            ),
          )}
        </ul>
      )}
      {deleting && (
        <ConfirmDialog
          title={t('guidance.deleteTitle', { topic: deleting.topic })}
          text={t('guidance.deleteText')}
          confirmLabel={t('guidance.delete')}
          onClose={() => setDeleting(null)}
          onConfirm={() => {
            const g = deleting;
            setDeleting(null);
            void run(g, () => deleteGuidance(db, g.id, session.user), 'guidance.deleted');
          }}
        />
      )}
    </section>
  );
}

function GuidanceCard({
  entry,
  contactById,
  today,
  by,
  canEdit,
  busy,
  onEdit,
  onDelete,
  onStatus,
  dateText,
}: {
  entry: Entry;
  contactById: ReadonlyMap<string, Contact>;
  today: string;
  by: string;
  canEdit: boolean;
  busy: boolean;
  onEdit: () => void;
  onDelete: () => void;
  onStatus: (status: FollowUpStatus) => void;
  dateText: string;
}) {
  const { t, dateLocale } = useI18n();
  const topicId = `guidance-topic-${entry.id}`;
  const status = entry.followUpText ? (entry.followUpStatus ?? 'open') : null;
  const overdue = status === 'open' && !!entry.followUpDue && entry.followUpDue < today;
  return (
    <li class="card guidance-card" data-guidance-id={entry.id}>
      <p class="guidance-when">
        <time dateTime={entry.date}>{dateText}</time>
        <span class="guidance-channel">{t(`guidance.channel.${entry.channel}`)}</span>
      </p>
      <h3 class="guidance-topic" id={topicId}>
        {entry.topic}
      </h3>
      <ul class="tag-list" aria-label={t('guidance.areas')}>
        {entry.areas.map((a) => (
          <li key={a} class="tag">
            {t(`area.${a}`)}
          </li>
        ))}
      </ul>
      <dl class="guidance-facts">
        <div>
          <dt>{t('guidance.contactsInvolved')}</dt>
          <dd>
            {entry.contactIds.length === 0 ? (
              <span class="muted">{t('guidance.noContacts')}</span>
            ) : (
              <ul class="guidance-contacts">
                {entry.contactIds.map((id) => {
                  const c = contactById.get(id);
                  const role = c ? [c.title, c.organisation].filter(Boolean).join(', ') : '';
                  return (
                    <li key={id}>
                      {c ? c.name : <span class="muted">{t('guidance.contactGone')}</span>}
                      {role && <span class="muted">, {role}</span>}
                    </li>
                  );
                })}
              </ul>
            )}
          </dd>
        </div>
      </dl>
      {entry.notes && <p class="pre-line guidance-notes">{entry.notes}</p>}
      {entry.followUpText && status && (
        <div class={`guidance-follow-up guidance-follow-up-${status}`}>
          <p class="guidance-follow-up-head">
            <strong>{t('guidance.followUp')}</strong>
            <span class="badge">{t(`followUp.status.${status}`)}</span>
            <span class={overdue ? 'overdue' : 'muted'}>
              {entry.followUpDue ? t('guidance.due', { date: formatShortDate(entry.followUpDue, dateLocale) }) : t('guidance.noDue')}
              {overdue && <> · {t('guidance.overdue')}</>}
            </span>
          </p>
          <p class="pre-line guidance-follow-up-text">{entry.followUpText}</p>
          {canEdit && (
            <div class="record-actions">
              {status === 'open' ? (
                <>
                  <button type="button" class="button button-secondary button-small" aria-describedby={topicId} disabled={busy} onClick={() => onStatus('done')}>
                    {t('guidance.markDone')}
                  </button>
                  <button type="button" class="button button-secondary button-small" aria-describedby={topicId} disabled={busy} onClick={() => onStatus('dropped')}>
                    {t('guidance.drop')}
                  </button>
                </>
              ) : (
                <button type="button" class="button button-secondary button-small" aria-describedby={topicId} disabled={busy} onClick={() => onStatus('open')}>
                  {t('guidance.reopen')}
                </button>
              )}
            </div>
          )}
        </div>
      )}
      <p class="muted guidance-by">{t('guidance.loggedBy', { name: by })}</p>
      {canEdit && (
        <div class="card-actions">
          <button type="button" class="button button-secondary button-small" aria-describedby={topicId} disabled={busy} onClick={onEdit}>
            {t('guidance.edit')}
          </button>
          <button type="button" class="button button-secondary button-small" aria-describedby={topicId} disabled={busy} onClick={onDelete}>
            {t('guidance.delete')}
          </button>
        </div>
      )}
    </li>
  );
}
