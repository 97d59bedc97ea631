// Exports the unsent changes to a file and remembers what the file holds, for the sync page and sign-out.
import { useCallback, useState } from 'preact/hooks';
import type { UserDb } from '../../db/database.ts';
import { exportUnsent, type UnsentExport } from '../../db/outbox-file.ts';
import { downloadText } from './download.ts';

export type ExportState = { phase: 'idle' } | { phase: 'busy' } | { phase: 'done'; file: UnsentExport } | { phase: 'failed' };

export function useExportUnsent(db: UserDb, userId: string): { state: ExportState; run: () => Promise<void> } {
  const [state, setState] = useState<ExportState>({ phase: 'idle' });
  const run = useCallback(async () => {
    setState({ phase: 'busy' });
    try {
      const file = await exportUnsent(db, userId);
      downloadText(file.filename, file.text);
      setState({ phase: 'done', file });
    } catch (error) {
      console.error('Could not export the unsent changes', error);
      setState({ phase: 'failed' });
    }
  }, [db, userId]);
  return { state, run };
}
