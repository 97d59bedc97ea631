// Loads a page's module on first use, so the first route's script stays small; later visits are instant.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { LiveState } from './LiveState.tsx';

export type PageProps = { params: Record<string, string> };
export type PageLoader = () => Promise<ComponentType<PageProps>>;

const loaded = new Map<PageLoader, ComponentType<PageProps>>();

export function LazyPage({ load, params }: { load: PageLoader; params: Record<string, string> }) {
  const [Component, setComponent] = useState<ComponentType<PageProps> | null>(() => loaded.get(load) ?? null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (loaded.has(load)) {
      setComponent(() => loaded.get(load)!);
      return;
    }
    let cancelled = false;
    load().then(
      (c) => {
        loaded.set(load, c);
        if (!cancelled) setComponent(() => c);
      },
      (error: unknown) => {
        console.error('A page could not be loaded', error);
        if (!cancelled) setFailed(true);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [load]);
  if (failed) return <LiveState state="error" />;
  return Component ? <Component params={params} /> : <LiveState state="loading" />;
}
