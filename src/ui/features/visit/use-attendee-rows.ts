// The attendees editor's rows on the visit page, saved like autosaved text: a moment after each change, at
// once when the page is hidden or left. A row with a role but no name stays on screen unsaved (an attendee
// needs a name) and is flagged; a change from elsewhere replaces the rows only when nothing typed waits.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { AttendeeDraft } from '../../common/AttendeesEditor.tsx';
import { attendeesFromRows, isNamelessRow, type Attendee } from '../../common/attendees.ts';
import { AUTOSAVE_DELAY_MS } from '../../common/use-autosave.ts';

export type AttendeeRows = {
  rows: AttendeeDraft[];
  onChange: (rows: AttendeeDraft[]) => void;
  flush: () => void;
  /** Keys of rows that have a role or organisation but no name, as of the last save attempt. */
  nameless: Set<number>;
};

type Stored = readonly { name: string; role?: string | null | undefined; organisation?: string | null | undefined }[];

function toRows(stored: Stored): AttendeeDraft[] {
  return stored.map((a, i) => ({ key: i + 1, name: a.name, role: a.role ?? '', organisation: a.organisation ?? '' }));
}

const same = (a: Attendee[], b: Attendee[]) => JSON.stringify(a) === JSON.stringify(b);

export function useAttendeeRows(stored: Stored, save: (attendees: Attendee[]) => Promise<unknown>, delay: number = AUTOSAVE_DELAY_MS): AttendeeRows {
  const [rows, setRows] = useState(() => toRows(stored));
  const [nameless, setNameless] = useState<Set<number>>(new Set());
  const latest = useRef(rows);
  const pending = useRef(false);
  const saving = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const saveRef = useRef(save);
  saveRef.current = save;
  const storedRef = useRef(stored);
  storedRef.current = stored;
  const storedKey = JSON.stringify(attendeesFromRows(toRows(stored)));

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    if (!pending.current) return;
    const current = latest.current;
    const incomplete = current.filter(isNamelessRow).map((r) => r.key);
    setNameless(new Set(incomplete));
    // Still pending: saved once the row has a name or is removed.
    if (incomplete.length > 0) return;
    pending.current = false;
    const attendees = attendeesFromRows(current);
    // An empty row just added, or spaces typed: nothing to store.
    if (same(attendees, attendeesFromRows(toRows(storedRef.current)))) return;
    saving.current++;
    void saveRef.current(attendees).finally(() => {
      saving.current--;
    });
  }, []);

  // Follow the stored list (another device, a taken-back conflict) when nothing typed waits and it differs
  // from what the rows would store: the rows' own save must not reset them, or an empty row would vanish.
  useEffect(() => {
    if (pending.current || saving.current > 0) return;
    if (JSON.stringify(attendeesFromRows(latest.current)) === storedKey) return;
    const next = toRows(storedRef.current);
    latest.current = next;
    setRows(next);
  }, [storedKey]);

  // A layout effect, as in use-autosave: leaving the page saves at once.
  useLayoutEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      flush();
    };
  }, [flush]);

  const onChange = useCallback(
    (next: AttendeeDraft[]) => {
      latest.current = next;
      setRows(next);
      // A row given its name stops being flagged at once; new flags wait for the next save attempt.
      setNameless((flags) => new Set(next.filter((r) => flags.has(r.key) && isNamelessRow(r)).map((r) => r.key)));
      pending.current = true;
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, delay);
    },
    [flush, delay],
  );

  return { rows, onChange, flush, nameless };
}
