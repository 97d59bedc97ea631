// An item's legal basis behind a button (not hover), so it is there on a tablet and for a keyboard.
import { useId, useState } from 'preact/hooks';
import { useI18n } from '../i18n/index.ts';
import './basis-disclosure.css';

export function BasisDisclosure({ basis }: { basis: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const id = useId();
  if (!basis.trim()) return null;
  return (
    <div class="basis">
      <button type="button" class="basis-toggle" aria-expanded={open ? 'true' : 'false'} aria-controls={id} onClick={() => setOpen(!open)}>
        <span aria-hidden="true" class="basis-caret">
          {open ? '▾' : '▸'}
        </span>
        {t('checklist.basis')}
      </button>
      <p id={id} class="basis-text" hidden={!open}>
        {basis}
      </p>
    </div>
  );
}
