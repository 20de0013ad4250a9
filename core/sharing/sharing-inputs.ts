import { z } from 'zod';

export const setSharingSchema = z.strictObject({ enabled: z.boolean() });
export type SetSharingInput = z.output<typeof setSharingSchema>;
