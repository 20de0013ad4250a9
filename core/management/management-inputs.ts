import { z } from 'zod';
import { PIN_DIGITS } from '../base/limits';

/** A management PIN: digits only, so it works on a touch keypad. */
const pinSchema = z.string().regex(new RegExp(`^[0-9]{${PIN_DIGITS.min},${PIN_DIGITS.max}}$`), `a PIN is ${PIN_DIGITS.min} to ${PIN_DIGITS.max} digits`);

export const setManagementPinSchema = z.strictObject({ pin: pinSchema, currentPin: pinSchema.optional() });
export const unlockManagementSchema = z.strictObject({ pin: pinSchema });
export type SetManagementPinInput = z.output<typeof setManagementPinSchema>;
export type UnlockManagementInput = z.output<typeof unlockManagementSchema>;
