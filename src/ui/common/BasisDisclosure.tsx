// Text shown on demand behind a button (not hover), so it is there on a tablet and for a keyboard: an
// item's guidance and its legal basis, in the user's language, with a link to the statute.
import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';
import type { TemplateItem } from '../../shared/reference.ts';
import { basisIn } from '../../shared/reference.ts';
import { useI18n } from '../i18n/index.ts';
import './basis-disclosure.css';

export function Disclosure({ label, children }: { label: string; children: ComponentChildren }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div class="basis">
      <button type="button" class="basis-toggle" aria-expanded={open ? 'true' : 'false'} aria-controls={id} onClick={() => setOpen(!open)}>
        <span aria-hidden="true" class="basis-caret">
          {open ? '▾' : '▸'}
        </span>
        {label}
      </button>
      <div id={id} class="basis-text" hidden={!open}>
        {children}
      </div>
    </div>
  );
}

/** The item's legal basis in the user's language; the Finlex link in Finnish or Swedish (English reads the Finnish). */
export function BasisDisclosure({ item }: { item: Pick<TemplateItem, 'basis' | 'basisUrl'> }) {
  const { t, lang } = useI18n();
  const basis = basisIn(item.basis, lang);
  if (!basis.trim()) return null;
  const url = item.basisUrl ? item.basisUrl[lang === 'sv' ? 'sv' : 'fi'] : undefined;
  return (
    <Disclosure label={t('checklist.basis')}>
      <p>{basis}</p>
      {url && (
        <p>
          <a href={url} target="_blank" rel="noopener noreferrer">
            {t('checklist.statuteLink')}
          </a>
        </p>
      )}
    </Disclosure>
  );
}
