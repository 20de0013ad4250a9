import { z } from 'zod';

/** Six digits; spaces and dashes typed for readability ("123 456") are dropped first. */
export const pairingCodeSchema = z
  .string()
  .max(20, 'a pairing code is 6 digits')
  .transform((s) => s.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[0-9]{6}$/, 'a pairing code is 6 digits'));

/** What management recognises the device by ("Tablet Café"); not a person's name, and no line breaks or control characters. */
export const deviceNameSchema = z
  .string()
  .trim()
  .min(1, 'name the device')
  .max(40, 'a device name has at most 40 characters')
  // eslint-disable-next-line no-control-regex
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'a device name has no control characters');
