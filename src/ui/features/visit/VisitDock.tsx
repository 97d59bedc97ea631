// The bar that stays in reach while scrolling the visit: "Add observation" and whether edits are saved.
import type { SaveState } from '../../common/use-save-tracker.ts';
import { useI18n } from '../../i18n/index.ts';

export function VisitDock({ state, editable, onAddObservation }: { state: SaveState; editable: boolean; onAddObservation: () => void }) {
  const { t } = useI18n();
  if (!editable && state.phase === 'idle') return null;
  return (
    <div class="visit-dock">
      {/* Quiet on purpose: not a live region, so a screen reader is not told after every keystroke. Failures are alerts. */}
      <p class="save-state">
        {state.phase === 'saved' && (
          <>
            <span aria-hidden="true" class="save-mark">
              ✓
            </span>{' '}
            {t('visit.savedLocally')}
          </>
        )}
      </p>
      {state.phase === 'error' && (
        <p class="save-error" role="alert">
          {t('visit.saveFailed')}
        </p>
      )}
      {editable && (
        <button type="button" class="button button-primary dock-button" onClick={onAddObservation}>
          <span aria-hidden="true" class="button-icon">
            +
          </span>
          {t('observation.add')}
        </button>
      )}
    </div>
  );
}
