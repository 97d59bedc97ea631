// Why the server turned a change down, in a sentence, and the items an INCOMPLETE rejection names.
import type { RejectionView } from '../../../db/sync-queries.ts';
import type { Language } from '../../../shared/reference.ts';
import { fieldLabel } from '../../common/record-label.ts';
import type { MessageKey, Params } from '../../i18n/index.ts';

type Translate = (key: MessageKey, params?: Params) => string;

function pathFields(view: RejectionView, t: Translate): string {
  const path = view.row.error.path ?? [];
  const first = path.find((p): p is string => typeof p === 'string');
  if (first) return fieldLabel(first, t);
  const fields = view.row.op === 'upsert' ? Object.keys(view.row.fields) : [];
  return fields.map((f) => fieldLabel(f, t)).join(', ');
}

/** Why the server turned the change down, in a sentence; INCOMPLETE's missing items are listed apart. */
export function rejectionReason(view: RejectionView, t: Translate): string {
  const { code } = view.row.error;
  switch (code) {
    case 'INVALID': {
      const fields = pathFields(view, t);
      return fields ? t('rejection.INVALID', { fields }) : t('rejection.INVALIDnoField');
    }
    case 'FIELD_NOT_OWNED':
      return t('rejection.FIELD_NOT_OWNED', { fields: pathFields(view, t) || '?' });
    case 'IMMUTABLE':
      return t('rejection.IMMUTABLE', { fields: pathFields(view, t) || '?' });
    case 'FORBIDDEN':
    case 'VISIT_LOCKED':
    case 'BAD_TRANSITION':
    case 'DELETED':
    case 'NOT_FOUND':
    case 'INCOMPLETE':
    case 'LOCKED':
      return t(`rejection.${code}`);
    case 'MISSING_BLOB':
      return view.fileRefusal ? t('rejection.fileRefused', { reason: view.fileRefusal }) : t('rejection.MISSING_BLOB');
  }
}

/** The missing items of an INCOMPLETE rejection, by question where the template is on this device. */
export function missingItems(view: RejectionView, lang: Language, t: Translate): string[] {
  return view.missing.map((m) => {
    const question = m.question ? m.question[lang] : t('rejection.unknownItem', { id: m.id });
    return m.comment ? t('rejection.commentMissing', { question }) : question;
  });
}
