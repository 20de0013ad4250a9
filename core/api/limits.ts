/** Largest request any transport accepts; a desk call is a few hundred bytes. */
export const MAX_PAYLOAD_BYTES = 16 * 1024;

/** How far in the future a client clock may be before a timestamp is refused. */
export const FUTURE_TOLERANCE_MS = 2 * 60 * 1000;

/** Nothing before this day can be a real contact or report start; guards against a mistyped year. */
export const EARLIEST_DAY = '2000-01-01';

/** The most contacts one batch entry ("+N") stores. */
export const MAX_BATCH = 50;

/** How long after entry a contact can still be undone (the UI offers 10 s; this allows for slow networks). */
export const UNDO_WINDOW_MS = 2 * 60 * 1000;
