// Whether the visit's edits are saved on this device, for the dock: a quiet mark, and an alert if a save failed.
import type { SaveState } from '../../common/use-save-tracker.ts';
import { useI18n } from '../../i18n/index.ts';

export function SaveStatus({ state }: { state: SaveState }) {
  const { t } = useI18n();
  return (
    <>
      {/* Quiet on purpose: not a live region, so a screen reader is not told after every keystroke. Failures are alerts. */}
      <p class="save-state">
        {state.phase === 'saved' && (
          <>
            <span aria-hidden="true" class="save-mark">
              ✓
            </span>{' '}
            <span class="save-text">{t('visit.savedLocally')}</span>
          </>
        )}
      </p>
      {state.phase === 'error' && (
        <p class="save-error" role="alert">
          {t('visit.saveFailed')}
        </p>
      )}
    </>
  );
}
