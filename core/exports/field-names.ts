import { ApiError } from '../base/errors';

/**
 * Runs `run`, naming a refused field as the caller sent it: an export takes the period or pivot as one
 * field of its input, so `filters.0.values.1` of the report is `period.filters.0.values.1` of the export.
 */
export async function namingFieldsUnder<T>(prefix: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof ApiError) || err.field === undefined) throw err;
    throw new ApiError(err.code, err.message.slice(`${err.field}: `.length), `${prefix}.${err.field}`);
  }
}
