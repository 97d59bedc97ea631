// Sign-out, guarded: with changes the server has not taken, it opens a dialog instead of signing out.
import { useState } from 'preact/hooks';
import type { UserDb } from '../../db/database.ts';
import { countUnsent } from '../../db/sync-queries.ts';
import type { SignOut } from '../session-context.ts';
import { useI18n } from '../i18n/index.ts';
import { SignOutDialog } from './SignOutDialog.tsx';

type Props = { db: UserDb; userId: string; signOut: SignOut; className: string };

export function SignOutButton({ db, userId, signOut, className }: Props) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [guarding, setGuarding] = useState(false);

  const onClick = async () => {
    setBusy(true);
    let unsent = 1;
    try {
      unsent = await countUnsent(db);
    } catch (error) {
      // Unreadable counts as unsent: the guard then offers the file, never a silent loss.
      console.error('Could not count the unsent changes', error);
    }
    if (unsent === 0 && (await signOut()) !== false) return;
    setBusy(false);
    setGuarding(true);
  };

  return (
    <>
      <button type="button" class={className} onClick={() => void onClick()} disabled={busy}>
        {t('nav.signOut')}
      </button>
      {guarding && (
        <SignOutDialog
          db={db}
          userId={userId}
          onClose={() => setGuarding(false)}
          onSignOut={async (unsentExported) => {
            return (await signOut({ unsentExported })) !== false;
          }}
        />
      )}
    </>
  );
}
