// Scrolls to a section named by the address's #hash once the section exists: the status bar links to
// #rejected and #conflicts, which appear only after their live queries answer.
import { useEffect, useRef } from 'preact/hooks';

export function useScrollToHash(id: string, ready: boolean): void {
  const done = useRef(false);
  useEffect(() => {
    if (!ready || done.current || window.location.hash !== `#${id}`) return;
    done.current = true;
    const section = document.getElementById(id);
    section?.scrollIntoView?.({ block: 'start' });
  }, [id, ready]);
}
