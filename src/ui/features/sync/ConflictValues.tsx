// The value this device sent and the one the server kept, side by side on wide screens.
import { useI18n } from '../../i18n/index.ts';
import { valueText } from '../../common/record-label.ts';

export function ConflictValues({ field, yours, kept }: { field: string; yours: unknown; kept: unknown }) {
  const { t, lang } = useI18n();
  return (
    <dl class="sync-values">
      <div class="sync-value sync-value-yours">
        <dt>{t('conflict.yours')}</dt>
        <dd>{valueText(yours, field, t, lang)}</dd>
      </div>
      <div class="sync-value">
        <dt>{t('conflict.kept')}</dt>
        <dd>{valueText(kept, field, t, lang)}</dd>
      </div>
    </dl>
  );
}
