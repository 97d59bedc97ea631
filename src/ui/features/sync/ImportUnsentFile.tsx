// Picks a file of unsent changes and queues them again; a wrong or damaged file is named as such and
// changes nothing.
import { useId, useState } from 'preact/hooks';
import type { UserDb } from '../../../db/database.ts';
import { importUnsent, UnsentFileError, type UnsentFileProblem } from '../../../db/outbox-file.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { useSync } from '../../common/use-sync.ts';
import { useAction } from '../../common/use-action.ts';
import './unsent-file.css';

type Result = { ok: true; count: number } | { ok: false; key: MessageKey };

const problemKeys: Record<UnsentFileProblem, MessageKey> = {
  notJson: 'unsentFile.error.notJson',
  notUnsentFile: 'unsentFile.error.notUnsentFile',
  newerVersion: 'unsentFile.error.newerVersion',
  damaged: 'unsentFile.error.damaged',
  wrongUser: 'unsentFile.error.wrongUser',
  alreadyImported: 'unsentFile.error.alreadyImported',
  empty: 'unsentFile.error.empty',
};

type Props = {
  db: UserDb;
  userId: string;
  onImported?: () => void;
  /** Whether to explain what such a file is; a caller that already says so leaves it out. */
  hint?: boolean;
};

export function ImportUnsentFile({ db, userId, onImported, hint = true }: Props) {
  const { t } = useI18n();
  const { syncNow } = useSync();
  const id = useId();
  const [result, setResult] = useState<Result | null>(null);
  const importFile = useAction(
    async (input: HTMLInputElement, file: File) => {
      setResult(null);
      try {
        const { queued } = await importUnsent(db, userId, await file.text());
        setResult({ ok: true, count: queued });
        syncNow();
        onImported?.();
      } catch (error) {
        // A wrong or damaged file is named as such; anything else fails the action.
        if (!(error instanceof UnsentFileError)) throw error;
        setResult({ ok: false, key: problemKeys[error.problem] });
      } finally {
        // The same file can be chosen again after a fix.
        input.value = '';
      }
    },
    { log: 'Could not import the file', onFailure: () => setResult({ ok: false, key: 'unsentFile.error.unreadable' }) },
  );

  const onChange = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (file) void importFile.run(input, file);
  };

  return (
    <div class="sync-import">
      {hint && (
        <p id={`${id}-hint`} class="muted">
          {t('unsentFile.importHint')}
        </p>
      )}
      <div class="field">
        <label for={`${id}-file`}>{t('unsentFile.importLabel')}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept="application/json,.json"
          class="sync-file-input"
          aria-describedby={[hint ? `${id}-hint` : '', result && !result.ok ? `${id}-result` : ''].join(' ').trim() || undefined}
          aria-invalid={result && !result.ok ? 'true' : undefined}
          disabled={importFile.busy}
          onChange={(e) => onChange(e.currentTarget)}
        />
      </div>
      <div id={`${id}-result`} aria-live="polite">
        {result?.ok === true && <p class="sync-done">{t('unsentFile.imported', { count: result.count })}</p>}
        {result?.ok === false && (
          <p class="notice notice-error" role="alert">
            {t(result.key)}
          </p>
        )}
      </div>
    </div>
  );
}
