import { z } from 'zod';
import { EARLIEST_DAY } from './limits';
import { ASKERS, CHANNELS, VOID_REASONS, type Asker, type Channel, type VoidReason } from './enums';

/** Building blocks shared by the capabilities' input schemas (`core/<capability>/*-inputs.ts`). */
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

/** A day no earlier than EARLIEST_DAY: no contact lies before it (logContact refuses older ones), and the report's calendar arithmetic (year before, previous period) needs four-digit years. */
export const recordedDaySchema = isoDaySchema.refine((day) => day >= EARLIEST_DAY, 'lies before the year 2000');

/** Only say what a change would do; change nothing. */
export const dryRunSchema = z.boolean().default(false);
