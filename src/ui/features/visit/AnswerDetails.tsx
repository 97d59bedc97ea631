// The typed sub-fields an answer asks for (format 2's `details`): the body's name and the decision date
// under "yes", the working time under "yes" or "partly". Shown only for the answers in their `showWhen`;
// never required. Each change saves one detail (see saveAnswerDetail).
import { useId } from 'preact/hooks';
import { detailShown, type TemplateDetail, type TemplateItem } from '../../../shared/reference.ts';
import type { Answer } from '../../../db/visit-queries.ts';
import { useI18n } from '../../i18n/index.ts';
import { AutosaveTextarea } from '../../common/AutosaveTextarea.tsx';
import { DateAnswer } from './DateAnswer.tsx';
import { MultiChoiceAnswer } from './MultiChoiceAnswer.tsx';
import { NumberAnswer } from './NumberAnswer.tsx';

export function AnswerDetails({
  item,
  answer,
  readOnly,
  onSave,
}: {
  item: TemplateItem;
  answer: Answer | undefined;
  readOnly: boolean;
  /** Saves one detail; undefined or an empty value removes it. */
  onSave: (detailId: string, value: unknown) => Promise<unknown>;
}) {
  const { t } = useI18n();
  const value = answer?.value ?? null;
  const shown = (item.details ?? []).filter((d) => detailShown(d, value));
  if (shown.length === 0) return null;
  // Details made for an earlier answer stay stored but are shown only while their answer is.
  const current = answer?.details ?? {};
  return (
    <div class="answer-details" role="group" aria-label={t('checklist.details')}>
      {shown.map((d) => (
        <DetailField key={d.id} detail={d} value={current[d.id]} readOnly={readOnly} onSave={(v) => onSave(d.id, v)} />
      ))}
    </div>
  );
}

function DetailField({ detail, value, readOnly, onSave }: { detail: TemplateDetail; value: unknown; readOnly: boolean; onSave: (v: unknown) => Promise<unknown> }) {
  const { lang } = useI18n();
  const labelId = useId();
  const label = detail.label[lang];
  switch (detail.answerType) {
    case 'text':
      return <AutosaveTextarea className="detail-field" label={label} value={typeof value === 'string' ? value : ''} onSave={(text) => onSave(text.trim() === '' ? null : text)} readOnly={readOnly} rows={1} />;
    case 'date':
      return <DateAnswer label={label} value={value ?? null} onSave={onSave} readOnly={readOnly} allowNotAssessed={false} />;
    case 'number':
      return <NumberAnswer label={label} value={value ?? null} onSave={onSave} readOnly={readOnly} rules={detail} unit={detail.unit} allowNotAssessed={false} />;
    case 'choices':
      return (
        <div class="field detail-field">
          <p id={labelId} class="detail-label">
            {label}
          </p>
          <MultiChoiceAnswer options={detail.options ?? []} value={value ?? []} onSave={onSave} readOnly={readOnly} labelledBy={labelId} allowNotAssessed={false} />
        </div>
      );
  }
}

