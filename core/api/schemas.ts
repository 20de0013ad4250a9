import { z } from 'zod';
import { ASKERS, CHANNELS, VOID_REASONS, type Asker, type Channel, type VoidReason } from './enums';

/** Building blocks shared by the contract's input schemas. */
export const catalogId = z.number().int().positive().max(2_147_483_647);

export const channelSchema = z.enum(CHANNELS);
export const askerSchema = z.enum(ASKERS);
export const voidReasonSchema = z.enum(VOID_REASONS);
export type { Asker, Channel, VoidReason };

export const isoDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day as YYYY-MM-DD')
  .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), 'not a calendar day');

const uniqueIds = (ids: number[]) => new Set(ids).size === ids.length;

export const topicIdsSchema = z.array(catalogId).min(1).max(3).refine(uniqueIds, 'each topic only once');
export const referralIdsSchema = z.array(catalogId).max(5).refine(uniqueIds, 'each organisation only once');

export const instantSchema = z.iso.datetime({ offset: true });
