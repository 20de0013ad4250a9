import { z } from 'zod';

/** Building blocks shared by the contract's input schemas. */
export const catalogId = z.number().int().positive().max(2_147_483_647);

export const channelSchema = z.enum(['in_person', 'phone', 'email']);
export type Channel = z.infer<typeof channelSchema>;

export const askerSchema = z.enum(['citizen', 'organisation']);
export type Asker = z.infer<typeof askerSchema>;

/** Reasons are codes, never free text: the database holds nothing that could identify a person. */
export const voidReasonSchema = z.enum(['duplicate', 'wrong_entry', 'test', 'other']);
export type VoidReason = z.infer<typeof voidReasonSchema>;

export const isoDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day as YYYY-MM-DD')
  .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), 'not a calendar day');

const uniqueIds = (ids: number[]) => new Set(ids).size === ids.length;

export const topicIdsSchema = z.array(catalogId).min(1).max(3).refine(uniqueIds, 'each topic only once');
export const referralIdsSchema = z.array(catalogId).max(5).refine(uniqueIds, 'each organisation only once');

export const instantSchema = z.iso.datetime({ offset: true });
