// Why a read from the server did not come, in words, and whether what is shown is from an earlier read.
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import type { ReadProblem } from './use-server-read.ts';

const problemKeys: Record<ReadProblem, MessageKey> = {
  offline: 'history.problem.offline',
  forbidden: 'history.problem.forbidden',
  notFound: 'history.problem.notFound',
  signedOut: 'history.problem.signedOut',
  failed: 'history.problem.failed',
};

export function ReadProblemNotice({ problem, kept }: { problem: ReadProblem; kept: boolean }) {
  const { t } = useI18n();
  return (
    <p class={problem === 'offline' ? 'notice history-offline' : 'notice notice-error'}>
      {t(problemKeys[problem])}
      {kept && <> {t('history.problem.kept')}</>}
    </p>
  );
}
