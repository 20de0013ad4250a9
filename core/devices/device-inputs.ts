import { z } from 'zod';
import { hasControlCharacter } from '../base/control-characters';
import { catalogId } from '../base/primitive-schemas';

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
  .refine((s) => !hasControlCharacter(s), 'a device name has no control characters');

/** Pairs the next device to this desk (the catalog's first by default). */
export const createPairingCodeSchema = z.strictObject({ deskId: catalogId.optional() });
export const revokeDeviceSchema = z.strictObject({ id: catalogId });
export const pairDeviceSchema = z.strictObject({ code: pairingCodeSchema, name: deviceNameSchema });
export type CreatePairingCodeInput = z.output<typeof createPairingCodeSchema>;
export type RevokeDeviceInput = z.output<typeof revokeDeviceSchema>;
export type PairDeviceInput = z.output<typeof pairDeviceSchema>;
