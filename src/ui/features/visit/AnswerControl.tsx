// The answer control an item's answer type calls for; every change is saved on the device at once.
import type { Answer } from '../../../db/visit-queries.ts';
import { NOT_ASSESSED, type TemplateItem } from '../../../shared/reference.ts';
import { choiceValues } from '../../common/answer-labels.ts';
import { useTrackSave } from '../../common/use-save-tracker.ts';
import { useI18n } from '../../i18n/index.ts';
import { AutosaveTextarea } from '../../common/AutosaveTextarea.tsx';
import { ChoiceAnswer } from './ChoiceAnswer.tsx';
import { DateAnswer } from './DateAnswer.tsx';
import { NumberAnswer } from './NumberAnswer.tsx';

const scale = [1, 2, 3, 4, 5] as const;

export function AnswerControl({
  item,
  answer,
  readOnly,
  labelledBy,
  onSave,
}: {
  item: TemplateItem;
  answer: Answer | undefined;
  readOnly: boolean;
  labelledBy: string;
  onSave: (value: string | number | null) => Promise<unknown>;
}) {
  const { t } = useI18n();
  const track = useTrackSave();
  const value = answer?.value ?? null;
  const choose = (v: string | number) => void track(onSave(v));
  switch (item.answerType) {
    case 'yes_partly_no_na':
      return (
        <ChoiceAnswer
          options={choiceValues.map((v) => ({ value: v, label: t(`answer.${v}`) }))}
          value={value}
          onChoose={choose}
          readOnly={readOnly}
          labelledBy={labelledBy}
        />
      );
    case 'scale_1_5':
      return (
        <ChoiceAnswer
          className="choice-scale"
          options={[...scale.map((n) => ({ value: n, label: String(n) })), { value: NOT_ASSESSED, label: t('answer.not_assessed') }]}
          value={value}
          onChoose={choose}
          readOnly={readOnly}
          labelledBy={labelledBy}
        />
      );
    case 'number':
      return <NumberAnswer value={value} onSave={onSave} readOnly={readOnly} labelledBy={labelledBy} />;
    case 'date':
      return <DateAnswer value={value} onSave={onSave} readOnly={readOnly} labelledBy={labelledBy} />;
    case 'text':
      return (
        <AutosaveTextarea
          label={t('answer.textLabel')}
          value={typeof value === 'string' ? value : ''}
          onSave={(text) => onSave(text === '' ? null : text)}
          readOnly={readOnly}
          rows={4}
        />
      );
  }
}
