// What every printed page carries in its margins (Chromium prints @page margin boxes): a running header
// on the left, a marking on the right (a draft's "not approved"), and "Page n / m" at the foot. The texts
// depend on the document, so the rule is made here and given to the page through the CSSOM (a
// constructed style sheet): the server's Content-Security-Policy (`style-src 'self'`) refuses an inline
// <style>, and rightly so, but not a sheet built by the app's own script.
import { useEffect } from 'preact/hooks';

/** A text as a CSS string. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, '\\$&').replace(/[\n\r]+/g, ' ')}"`;
}

function pageMarginsCss({ header, marking = '', pageLabel }: { header: string; marking?: string; pageLabel: string }): string {
  return `@page { @top-left { content: ${cssString(header)}; } @top-right { content: ${cssString(marking)}; } @bottom-right { content: ${cssString(pageLabel)} " " counter(page) " / " counter(pages); } }`;
}

/** Sets the printed pages' margin texts while it is on screen. */
export function PrintMargins(props: { header: string; marking?: string; pageLabel: string }) {
  const css = pageMarginsCss(props);
  useEffect(() => {
    // Browsers without constructed style sheets print without the margin texts; nothing else changes.
    if (typeof CSSStyleSheet === 'undefined' || !('adoptedStyleSheets' in document) || !('replaceSync' in CSSStyleSheet.prototype)) return;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [css]);
  return null;
}
