/** Error codes every transport carries unchanged to the client. */
export type ApiErrorCode =
  | 'invalid_input'
  | 'payload_too_large'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  /** A management method called without an unlocked session. */
  | 'locked'
  /** Too many wrong PINs; wait and try again. */
  | 'rate_limited'
  /** A request from the local network without a valid, unrevoked device token: pair the device (again). */
  | 'unpaired'
  | 'unknown_method'
  /** The database cannot be written now (locked by another program, read-only, disk full); nothing was saved. */
  | 'unavailable'
  | 'internal';

export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
  /** Dotted path of the offending input field, e.g. `topicIds.1`; `(input)` when the input as a whole is wrong; absent for refusals not about input. */
  field?: string;
}

/** A refusal the client can act on; anything else thrown in a handler is reported as `internal`. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(field ? `${field}: ${message}` : message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return this.field === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, field: this.field };
  }
}

export const invalidField = (field: string, message: string) => new ApiError('invalid_input', message, field);

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };
