import type { z } from 'zod';

/**
 * Bounds read from the contract's own input schemas, so a panel's min/max and its check before
 * sending cannot drift from what the server accepts.
 */

export function numberBounds(schema: z.ZodNumber): { min: number; max: number } {
  const { minValue: min, maxValue: max } = schema;
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) throw new Error('the schema has no finite bounds');
  return { min, max };
}

export function maxChars(schema: z.ZodString): number {
  const max = schema.maxLength;
  if (max === null) throw new Error('the schema has no maximum length');
  return max;
}

/** An array schema's `.max(n)`; zod keeps it as a check, not as a property. */
export function maxItems(schema: z.ZodArray<z.ZodType>): number {
  const check = schema.def.checks?.map((c) => c._zod.def as { check: string; maximum?: number }).find((d) => d.check === 'max_length');
  if (check?.maximum === undefined) throw new Error('the schema has no maximum length');
  return check.maximum;
}

/** True when the text is a whole number the schema accepts (an empty or decimal field is not). */
export const acceptsWhole = (schema: z.ZodNumber, text: string) => /^\d+$/.test(text.trim()) && schema.safeParse(Number(text)).success;
