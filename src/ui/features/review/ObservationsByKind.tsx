// The visit's observations, grouped by kind: strengths, notes, concerns, deficiencies.
import type { Attachment } from '../../../db/attachments.ts';
import { Attachments } from '../attachments/Attachments.tsx';
import type { Observation } from '../../../db/visit-queries.ts';
import { observationKinds } from '../../../shared/records.ts';
import { useI18n } from '../../i18n/index.ts';
import '../../common/section.css';

export function ObservationsByKind({ observations, attachments }: { observations: readonly Observation[]; attachments: readonly Attachment[] }) {
  const { t } = useI18n();
  return (
    <section class="report-section" aria-labelledby="review-observations">
      <h2 id="review-observations">{t('observation.title')}</h2>
      {observations.length === 0 ? (
        <p class="muted">{t('observation.none')}</p>
      ) : (
        <div class="card">
          {observationKinds.map((kind) => {
            const ofKind = observations.filter((o) => o.kind === kind);
            if (ofKind.length === 0) return null;
            return (
              <section key={kind} class={`observation-group observation-${kind}`} aria-labelledby={`observations-${kind}`}>
                <h3 id={`observations-${kind}`}>
                  {t(`observation.kind.${kind}`)} <span class="count">({ofKind.length})</span>
                </h3>
                <ul class="plain-list observation-list">
                  {ofKind.map((o) => (
                    <li key={o.id}>
                      <p class="pre-line">{o.text}</p>
                      {o.itemId && <p class="muted">{t('observation.onItem', { item: o.itemId })}</p>}
                      <Attachments
                        attachments={attachments.filter((a) => a.observationId === o.id)}
                        place={{ visitId: o.visitId, observationId: o.id }}
                        editable={false}
                        label={t('attachment.ofObservation')}
                      />
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      )}
    </section>
  );
}
