/**
 * Dense codes for the values of one dimension (catalog ids, enum strings): the column store keeps a
 * small code per contact instead of the value, so a tally is an array indexed by code. Code 0 is
 * "none" (no theme day, an empty topic or referral slot); codes are handed out once and never change
 * meaning, so tallies made earlier stay valid when the catalog grows.
 */
export class Dictionary<V extends number | string> {
  private readonly codes = new Map<V, number>();
  private readonly values: (V | null)[] = [null];

  /** The value's code, handing out the next one for a value not seen before. */
  code(value: V): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.codes.set(value, code);
      this.values.push(value);
    }
    return code;
  }

  /** The code of a value already seen, or -1. */
  find(value: V): number {
    return this.codes.get(value) ?? -1;
  }

  value(code: number): V | null {
    return this.values[code] ?? null;
  }

  /** Codes handed out so far, plus the 0 for "none": the length a tally array needs. */
  get size(): number {
    return this.values.length;
  }
}
