// A page's one h1 and the document title; after a navigation, focus moves to the h1 for screen readers.
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/index.ts';
import { navigationCount } from '../app/router.ts';
import './page.css';

/** `lang`: the page's content is in another language than the UI (a report in Swedish, say). */
export function Page({ title, children, className, lang }: { title: string; children?: ComponentChildren; className?: string; lang?: string }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);

  useLayoutEffect(() => {
    document.title = t('app.pageTitle', { page: title });
  }, [title, t]);

  useEffect(() => {
    // On the first load the browser's own start position is right; after that, announce the new page.
    if (navigationCount() > 0) heading.current?.focus();
  }, []);

  return (
    <div class={className ? `page ${className}` : 'page'} lang={lang}>
      <h1 ref={heading} tabIndex={-1} class="page-title">
        {title}
      </h1>
      {children}
    </div>
  );
}
