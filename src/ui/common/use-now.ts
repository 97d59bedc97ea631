// The current time, renewed every so often, for texts such as "5 minutes ago" that age while shown.
import { useEffect, useState } from 'preact/hooks';

export function useNow(everyMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
