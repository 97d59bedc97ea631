// One group of the review list: a heading with its count, and its visits or a line saying there are none.
import type { VisitCard } from '../../../db/visit-queries.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { useDirectory } from '../../common/people.ts';
import { ReviewQueueCard } from './ReviewQueueCard.tsx';
import '../../common/section.css';

export function ReviewQueueSection({
  id,
  titleKey,
  visits,
  total = visits.length,
  emptyKey,
  note,
}: {
  id: string;
  titleKey: MessageKey;
  visits: VisitCard[];
  /** How many there are in all, when the list shows only some. */
  total?: number;
  emptyKey: MessageKey;
  note?: string;
}) {
  const directory = useDirectory();
  const { t } = useI18n();
  return (
    <section class="review-section" aria-labelledby={id}>
      <h2 id={id}>
        {t(titleKey)} <span class="count">({total})</span>
      </h2>
      {note && <p class="muted">{note}</p>}
      {visits.length === 0 ? (
        <p class="muted">{t(emptyKey)}</p>
      ) : (
        <ul class="card-list review-list">
          {visits.map((v) => (
            <ReviewQueueCard key={v.id} visit={v} directory={directory} />
          ))}
        </ul>
      )}
    </section>
  );
}
