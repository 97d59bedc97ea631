// Sign-out, guarded: with changes the server has not taken, it opens a dialog instead of signing out;
// with unsaved drafts (which no file carries), it asks before they go with the device's data.
import { useState } from 'preact/hooks';
import type { UserDb } from '../../../db/database.ts';
import type { SignOut } from '../../app/session-context.ts';
import { useI18n } from '../../i18n/index.ts';
import { ConfirmDialog } from '../../common/ConfirmDialog.tsx';
import { useAction } from '../../common/use-action.ts';
import { lazy } from '../../common/LazyPage.tsx';

// What sign-out asks loads when the button is pressed: the button is on every page, the questions rarely.
const SignOutDialog = lazy(() => import('./SignOutDialog.tsx').then((m) => m.SignOutDialog), { parts: ['common', 'session'], fallback: null });
const counts = () => Promise.all([import('../../../db/sync-queries.ts'), import('../../../db/drafts.ts')]);

type Props = { db: UserDb; userId: string; signOut: SignOut; className: string };

export function SignOutButton({ db, userId, signOut, className }: Props) {
  const { t } = useI18n();
  /** What is asked before signing out: the drafts that would go, then the unsent changes. */
  const [step, setStep] = useState<{ drafts: number; unsent: number; asking: 'drafts' | 'unsent' } | null>(null);

  // Asks first what would be lost; signs out at once when nothing would.
  const start = useAction(
    async () => {
      let unsent = 1;
      let drafts = 0;
      try {
        const [{ countUnsent }, { countDrafts }] = await counts();
        drafts = await countDrafts(db).catch(() => 0);
        unsent = await countUnsent(db);
      } catch (error) {
        // Unreadable counts as unsent: the guard then offers the file, never a silent loss.
        console.error('Could not count the unsent changes', error);
      }
      if (unsent === 0 && drafts === 0 && (await signOut()) !== false) return;
      setStep({ drafts, unsent, asking: drafts > 0 ? 'drafts' : 'unsent' });
    },
    { log: 'Could not sign out' },
  );

  return (
    <>
      <button type="button" class={className} onClick={() => void start.run()} disabled={start.busy}>
        {t('nav.signOut')}
      </button>
      {step?.asking === 'drafts' && (
        <ConfirmDialog
          title={t('signOut.draftsTitle')}
          text={t('signOut.draftsText', { count: step.drafts })}
          confirmLabel={t('signOut.draftsConfirm')}
          onClose={() => setStep(null)}
          onConfirm={() => {
            if (step.unsent > 0) setStep({ ...step, asking: 'unsent' });
            else void signOut();
          }}
        />
      )}
      {step?.asking === 'unsent' && (
        <SignOutDialog
          db={db}
          userId={userId}
          onClose={() => setStep(null)}
          onSignOut={async (unsentExported) => {
            return (await signOut({ unsentExported })) !== false;
          }}
        />
      )}
    </>
  );
}
