/** Calendar fields of an instant as a clock on the wall of the site shows them. */
export interface LocalParts {
  day: string; // YYYY-MM-DD
  month: string; // YYYY-MM
  weekday: number; // 1 = Monday … 7 = Sunday (ISO)
  hour: number; // 0–23
  minute: number;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws a RangeError for a zone name the runtime does not know. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

export function localParts(epochMs: number, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(epochMs)) parts[p.type] = p.value;
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  return {
    day,
    month: day.slice(0, 7),
    weekday: WEEKDAYS[parts.weekday ?? ''] ?? 0,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

export const localTimeLabel = (p: LocalParts) => `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;

/**
 * The UTC instant at which a local wall-clock time occurs in a zone. For a time skipped by a
 * DST jump it returns the instant just after the jump, shifted by the gap (02:30 on the spring-forward
 * day becomes 03:30 summer time, as Temporal's "compatible" does); for a repeated hour, the first one.
 */
export function instantOfLocal(day: string, hour: number, minute: number, timeZone: string): number {
  const asUtc = (d: string, h: number, m: number) => Date.parse(`${d}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00Z`);
  const wall = asUtc(day, hour, minute);
  const wallAt = (instant: number) => {
    const p = localParts(instant, timeZone);
    return asUtc(p.day, p.hour, p.minute);
  };
  // A zone's offset is constant for a day on either side of any one transition.
  const DAY = 24 * 60 * 60 * 1000;
  const offsetBefore = wallAt(wall - DAY) - (wall - DAY);
  const offsetAfter = wallAt(wall + DAY) - (wall + DAY);
  const candidates = [wall - offsetBefore, wall - offsetAfter].filter((t) => wallAt(t) === wall).sort((a, b) => a - b);
  return candidates[0] ?? wall - offsetBefore;
}
