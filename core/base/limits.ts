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

/** The largest file an import accepts (CSV or XLSX), checked before parsing. */
export const IMPORT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/** The most data rows one import holds (about eight years of a busy desk, one row per contact). */
export const IMPORT_MAX_ROWS = 100_000;

/** Base64 characters of a file of `bytes` bytes. */
export const base64Length = (bytes: number) => Math.ceil(bytes / 3) * 4;

/** A request of the import methods: the file as base64 plus room for the name and the mapping of unknown names. */
export const IMPORT_MAX_PAYLOAD_BYTES = base64Length(IMPORT_MAX_FILE_BYTES) + 256 * 1024;

/** A management PIN's length in digits: short enough for a touch keypad, long enough to take years to guess at the rate limit. */
export const PIN_DIGITS = { min: 4, max: 12 } as const;
