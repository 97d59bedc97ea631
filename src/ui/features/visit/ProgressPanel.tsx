// How far the checklist is, and a way to the required items still unanswered.
import type { ChecklistProgress } from './checklist-progress.ts';
import { focusItem, itemDomId } from './checklist-progress.ts';
import { useI18n } from '../../i18n/index.ts';

export function ProgressPanel({ progress }: { progress: ChecklistProgress }) {
  const { t } = useI18n();
  const { total, answered, missingRequired, missingComment } = progress;
  const missing = missingRequired.length;
  return (
    <section class="progress-panel card" aria-labelledby="progress-title">
      <h2 id="progress-title" class="panel-title">
        {t('progress.title')}
      </h2>
      <p class="progress-count" id="progress-count">
        {t('progress.answered', { answered, total })}
      </p>
      <progress class="meter" max={Math.max(total, 1)} value={answered} aria-labelledby="progress-count" />
      {missing === 0 ? (
        <p class="progress-done">{t('progress.allRequired')}</p>
      ) : (
        <>
          <p>{t('progress.missing', { count: missing })}</p>
          <div class="progress-actions">
            <button type="button" class="button button-secondary" onClick={() => focusItem(missingRequired[0]!.id)}>
              {t('progress.goToFirst')}
            </button>
          </div>
          <details class="missing-list">
            <summary>{t('progress.showMissing')}</summary>
            <ul>
              {missingRequired.map((i) => (
                <li key={i.id}>
                  <a
                    href={`#${itemDomId(i.id)}`}
                    onClick={(e) => {
                      e.preventDefault();
                      focusItem(i.id);
                    }}
                  >
                    {i.id}
                    {missingComment.has(i.id) && ` · ${t('progress.commentNeeded')}`}
                  </a>
                </li>
              ))}
            </ul>
          </details>
        </>
      )}
    </section>
  );
}
