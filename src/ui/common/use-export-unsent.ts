// Exports the unsent changes to a file and remembers what the file holds, for the sync page and sign-out.
import { useState } from 'preact/hooks';
import type { UserDb } from '../../db/database.ts';
import { exportUnsent, type UnsentExport } from '../../db/outbox-file.ts';
import { downloadText } from './download.ts';
import { useAction } from './use-action.ts';

type ExportState = { phase: 'idle' } | { phase: 'busy' } | { phase: 'done'; file: UnsentExport } | { phase: 'failed' };

export function useExportUnsent(db: UserDb, userId: string): { state: ExportState; run: () => Promise<void> } {
  const [file, setFile] = useState<UnsentExport | null>(null);
  const exported = useAction(
    async () => {
      const made = await exportUnsent(db, userId);
      downloadText(made.filename, made.text);
      setFile(made);
    },
    // A file that failed to be made again is not the one the user has: forget the earlier one.
    { log: 'Could not export the unsent changes', onFailure: () => setFile(null) },
  );
  const state: ExportState = exported.busy
    ? { phase: 'busy' }
    : exported.failed
      ? { phase: 'failed' }
      : file
        ? { phase: 'done', file }
        : { phase: 'idle' };
  return { state, run: exported.run };
}
