// Unsent changes to and from a file: a copy to keep (or to carry to another device), and importing one.
import { useI18n } from '../../i18n/index.ts';
import { useExportUnsent } from '../../common/use-export-unsent.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { ImportUnsentFile } from './ImportUnsentFile.tsx';

export function UnsentFileCard() {
  const { t } = useI18n();
  const { db, session } = useSignedIn();
  const exported = useExportUnsent(db, session.user.id);
  const file = exported.state.phase === 'done' ? exported.state.file : null;

  return (
    <section class="sync-section" aria-labelledby="unsent-file">
      <h2 id="unsent-file">{t('unsentFile.title')}</h2>
      <div class="card sync-card">
        <p>{t('unsentFile.exportIntro')}</p>
        <p>
          <button type="button" class="button button-secondary" onClick={() => void exported.run()} disabled={exported.state.phase === 'busy'}>
            {t('unsentFile.export')}
          </button>
        </p>
        <div aria-live="polite">
          {file && <p class="sync-done">{t('unsentFile.exported', { filename: file.filename, count: file.count })}</p>}
          {exported.state.phase === 'failed' && <p class="notice notice-error">{t('unsentFile.exportFailed')}</p>}
        </div>
        <h3 class="subheading">{t('unsentFile.importTitle')}</h3>
        <ImportUnsentFile db={db} userId={session.user.id} />
      </div>
    </section>
  );
}
