// The attendees editor's rows on the visit page, saved like autosaved text (use-deferred-save): a moment
// after each change, at once when the rows or the page are left. A row with a role but no name stays on
// screen unsaved (an attendee needs a name) and is flagged; a change from elsewhere replaces the rows only
// when nothing typed waits.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { AttendeeDraft } from '../../common/AttendeesEditor.tsx';
import { attendeesFromRows, isNamelessRow, type Attendee } from '../../common/attendees.ts';
import { AUTOSAVE_DELAY_MS, useDeferredSave } from '../../common/use-deferred-save.ts';

type AttendeeRows = {
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
  const storedKey = JSON.stringify(attendeesFromRows(toRows(stored)));

  const deferred = useDeferredSave(() => {
    const current = latest.current;
    const incomplete = current.filter(isNamelessRow).map((r) => r.key);
    setNameless(new Set(incomplete));
    // Still pending: saved once the row has a name or is removed.
    if (incomplete.length > 0) return 'keep';
    const attendees = attendeesFromRows(current);
    // An empty row just added, or spaces typed: nothing to store.
    if (same(attendees, attendeesFromRows(toRows(stored)))) return;
    return save(attendees);
  }, delay);

  // Follow the stored list (another device, a taken-back conflict) when nothing typed waits and it differs
  // from what the rows would store: the rows' own save must not reset them, or an empty row would vanish.
  useEffect(() => {
    if (deferred.busy()) return;
    if (JSON.stringify(attendeesFromRows(latest.current)) === storedKey) return;
    const next = toRows(stored);
    latest.current = next;
    setRows(next);
  }, [storedKey]);

  const onChange = useCallback(
    (next: AttendeeDraft[]) => {
      latest.current = next;
      setRows(next);
      // A row given its name stops being flagged at once; new flags wait for the next save attempt.
      setNameless((flags) => new Set(next.filter((r) => flags.has(r.key) && isNamelessRow(r)).map((r) => r.key)));
      deferred.changed();
    },
    [deferred],
  );

  return { rows, onChange, flush: deferred.flush, nameless };
}
