import { z } from 'zod';

/** Phantom marker carrying a method's output type; never read at run time. */
export const returns = <T>() => undefined as unknown as T;

/** Marks a method of the management area: the transports refuse it unless the caller's session is unlocked. */
export const management = true as const;

/** The input of a method that takes none; anything given is refused as an unknown field. */
export const noInput = z.strictObject({});
