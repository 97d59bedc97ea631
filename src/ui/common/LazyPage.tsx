// Loads a component's module, and the parts of the messages it shows, on first use, so the first route's
// script stays small: every page but the visits list, and the parts of the shell that wait for someone
// (the sign-in page, the sign-out dialog, the import offer). Later uses are instant.
import type { ComponentChildren, ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useMessages, type Part } from '../i18n/index.ts';
import { LiveState } from './LiveState.tsx';

export type PageProps = { params: Record<string, string> };

/**
 * A component that renders the one `load` gives, with the message `parts` it needs beyond the shell's
 * (test/unit/ui-i18n-parts.test.ts checks them), loading both on first render; until then `fallback`
 * (a page's "Loading…" unless given), and the error notice if either fails, tried again when next shown.
 */
export function lazy<P extends object>(
  load: () => Promise<ComponentType<P>>,
  options: { parts: readonly Part[]; fallback?: ComponentChildren },
): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const start = () =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        loading = null;
        throw error;
      },
    ));

  return function Lazy(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState(false);
    const messages = useMessages(options.parts);
    useEffect(() => {
      if (Component) return;
      let cancelled = false;
      start().then(
        (component) => !cancelled && setComponent(() => component),
        (error: unknown) => {
          console.error('A part of the app could not be loaded', error);
          if (!cancelled) setFailed(true);
        },
      );
      return () => {
        cancelled = true;
      };
    }, []);
    if (failed || messages === 'failed') return <LiveState state="error" />;
    if (Component && messages === 'ready') return <Component {...props} />;
    return options.fallback === undefined ? <LiveState state="loading" /> : <>{options.fallback}</>;
  };
}
