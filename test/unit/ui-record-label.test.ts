import { describe, expect, it } from 'vitest';
import { translate, type MessageKey, type Params } from '../../src/ui/i18n/index.ts';
import { valueText } from '../../src/ui/common/record-label.ts';
import { packs } from '../i18n-packs.ts';

const t = (key: MessageKey, params?: Params) => translate(packs.fi, key, params);

describe('a changed value in words', () => {
  it('names answer choices, observation kinds and visit statuses as the pages do', () => {
    expect(valueText('partly', 'value', t, 'fi')).toBe(packs.fi.messages['answer.partly']);
    expect(valueText('not_assessed', 'value', t, 'fi')).toBe(packs.fi.messages['answer.not_assessed']);
    expect(valueText('concern', 'kind', t, 'fi')).toBe(packs.fi.messages['observation.kind.concern']);
    expect(valueText('submitted', 'status', t, 'fi')).toBe(packs.fi.messages['visitStatus.submitted']);
  });

  it('leaves free text as it was written, and shows numbers the Finnish way', () => {
    expect(valueText('partly', 'summary', t, 'fi')).toBe('partly');
    expect(valueText(1.5, 'value', t, 'fi')).toBe('1,5');
  });
});
