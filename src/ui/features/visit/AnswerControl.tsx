// The answer control an item's answer type calls for; every change is saved on the device at once.
import type { Answer } from '../../../db/visit-queries.ts';
import { NOT_ASSESSED, type TemplateItem } from '../../../shared/reference.ts';
import type { AnswerFields } from '../../../shared/records.ts';
import { choiceValues } from '../../common/answer-labels.ts';
import { useTrackSave } from '../../common/use-save-tracker.ts';
import { useI18n } from '../../i18n/index.ts';
import { AutosaveTextarea } from '../../common/AutosaveTextarea.tsx';
import { ChoiceAnswer } from './ChoiceAnswer.tsx';
import { DateAnswer } from './DateAnswer.tsx';
import { MultiChoiceAnswer } from './MultiChoiceAnswer.tsx';
import { NotAssessedButton } from './NotAssessedButton.tsx';
import { NumberAnswer } from './NumberAnswer.tsx';

const legacyScale = [1, 2, 3, 4, 5] as const;

/** A scale's values from min to max, each with its anchor's label where the item has one. */
function scaleOptions(item: TemplateItem, lang: 'fi' | 'sv' | 'en') {
  const min = item.min ?? 1;
  const max = item.max ?? 5;
  return Array.from({ length: max - min + 1 }, (_, i) => {
    const n = min + i;
    const anchor = item.anchors?.find((a) => a.value === n);
    return { value: n, label: anchor ? `${n} – ${anchor.label[lang]}` : String(n) };
  });
}

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
  onSave: (value: AnswerFields['value']) => Promise<unknown>;
}) {
  const { t, lang } = useI18n();
  const track = useTrackSave();
  const value = answer?.value ?? null;
  const single = typeof value === 'string' || typeof value === 'number' ? value : null;
  const choose = (v: string | number) => void track(onSave(v));
  const notAssessed = { value: NOT_ASSESSED, label: t('answer.not_assessed') };
  switch (item.answerType) {
    case 'yes_partly_no_na':
      return (
        <ChoiceAnswer
          options={choiceValues.map((v) => ({ value: v, label: t(`answer.${v}`) }))}
          value={single}
          onChoose={choose}
          readOnly={readOnly}
          labelledBy={labelledBy}
        />
      );
    case 'scale':
      return (
        <ChoiceAnswer
          className="choice-scale choice-anchored"
          options={[...scaleOptions(item, lang), notAssessed]}
          value={single}
          onChoose={choose}
          readOnly={readOnly}
          labelledBy={labelledBy}
        />
      );
    case 'scale_1_5':
      return (
        <ChoiceAnswer
          className="choice-scale"
          options={[...legacyScale.map((n) => ({ value: n, label: String(n) })), notAssessed]}
          value={single}
          onChoose={choose}
          readOnly={readOnly}
          labelledBy={labelledBy}
        />
      );
    case 'number':
      return <NumberAnswer value={value} onSave={onSave} readOnly={readOnly} labelledBy={labelledBy} rules={item} unit={item.unit} />;
    case 'date':
      return <DateAnswer value={value} onSave={onSave} readOnly={readOnly} labelledBy={labelledBy} />;
    case 'choices':
      return <MultiChoiceAnswer options={item.options ?? []} value={value} onSave={onSave} readOnly={readOnly} labelledBy={labelledBy} allowNotAssessed />;
    case 'text':
      return (
        <div role="group" aria-labelledby={labelledBy} class="text-answer">
          {value !== NOT_ASSESSED && (
            <AutosaveTextarea
              label={t('answer.textLabel')}
              value={typeof value === 'string' ? value : ''}
              onSave={(text) => onSave(text === '' ? null : text)}
              readOnly={readOnly}
              rows={4}
            />
          )}
          <NotAssessedButton pressed={value === NOT_ASSESSED} disabled={readOnly} onChoose={() => void track(onSave(NOT_ASSESSED))} />
        </div>
      );
  }
}
