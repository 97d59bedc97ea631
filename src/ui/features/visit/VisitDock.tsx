// The bar that stays within a thumb's reach at the bottom of the visit: how far the checklist is, a jump to
// the next unanswered required item, and Submit; the page adds what else belongs there (whether edits are
// saved, "Add observation") as children. Plain numbers and callbacks, so a checklist in several parts can
// feed it its own progress. On a narrow screen it gives way to the on-screen keyboard while a text field
// has focus, and its height is published as --dock-height for scroll-padding (base.css), so a focused
// control is never under it (WCAG 2.4.11).
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { NARROW, useMediaQuery } from '../../common/use-media-query.ts';
import { useI18n } from '../../i18n/index.ts';
import { useTyping } from './use-typing.ts';

export type VisitDockProps = {
  answered: number;
  total: number;
  /** Moves focus to the next unanswered required item; absent when none is left. */
  onNext?: (() => void) | undefined;
  onSubmit: () => void;
  /** Whether the visit may be submitted now (its status and the user's rights); without it there is no Submit. */
  canSubmit: boolean;
  submitting: boolean;
  /** Shown even while typing: a failure the user must see. */
  keepShown?: boolean;
  children?: ComponentChildren;
};

export function VisitDock({ answered, total, onNext, onSubmit, canSubmit, submitting, keepShown = false, children }: VisitDockProps) {
  const { t } = useI18n();
  const narrow = useMediaQuery(NARROW);
  const typing = useTyping();
  const hidden = narrow && typing && !keepShown;
  const dock = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const el = dock.current;
    const root = document.documentElement;
    if (!el) return;
    const publish = () => root.style.setProperty('--dock-height', `${el.offsetHeight}px`);
    publish();
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(publish) : null;
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      root.style.removeProperty('--dock-height');
    };
  }, []);

  return (
    <div ref={dock} class="visit-dock" hidden={hidden}>
      <p class="dock-progress">
        <span aria-hidden="true" class="dock-count">
          {answered}/{total}
        </span>
        <span class="visually-hidden">{t('dock.progress', { answered, total })}</span>
        <progress class="meter dock-meter" max={Math.max(total, 1)} value={answered} aria-hidden="true" />
      </p>
      {onNext && (
        <button type="button" class="button button-secondary dock-next" aria-label={t('dock.next')} onClick={onNext}>
          <span aria-hidden="true" class="button-icon">
            ↓
          </span>
          {t('dock.nextShort')}
        </button>
      )}
      <div class="dock-extra">{children}</div>
      {canSubmit && (
        <button
          type="button"
          class="button button-primary dock-submit"
          aria-disabled={submitting ? 'true' : undefined}
          onClick={() => {
            if (!submitting) onSubmit();
          }}
        >
          {submitting ? t('dock.submitting') : t('dock.submit')}
        </button>
      )}
    </div>
  );
}
