import { z } from 'zod';
import { CATALOG_KINDS } from './catalog-references';
import { catalogId } from '../base/primitive-schemas';

/** Input schemas of the catalog editor's methods. */

export const catalogKindSchema = z.enum(CATALOG_KINDS);

/** What a button or a list shows: trimmed, 1–60 characters, no control characters (they would break CSV rows and screen readers). */
const labelSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(60, 'at most 60 characters')
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

/** One key the desk presses: a digit or a letter; stored lower-case because the desk matches keys case-insensitively. */
export const hotkeySchema = z
  .string()
  .regex(/^[0-9A-Za-z]$/, 'a hotkey is one character, 0-9 or A-Z')
  .transform((key) => key.toLowerCase());

export const colorSchema = z
  .string()
  .regex(/^#[0-9A-Fa-f]{6}$/, 'a colour is #rrggbb')
  .transform((color) => color.toLowerCase());

/** UN Sustainable Development Goals: each of 1–17 at most once; stored ascending. */
export const sdgsSchema = z
  .array(z.number().int().min(1, 'goals are numbered 1 to 17').max(17, 'goals are numbered 1 to 17'))
  .max(17)
  .refine((goals) => new Set(goals).size === goals.length, 'each goal only once')
  .transform((goals) => [...goals].sort((a, b) => a - b));

/** ISO 639-1 (two letters) where one exists, else ISO 639-3 (three). */
export const languageCodeSchema = z.string().regex(/^[a-z]{2,3}$/, 'an ISO 639 code: 2 or 3 lower-case letters');

/** Absent to add a new entry; present to change that one. Every field is given in full. */
const entryId = catalogId.optional();

export const catalogEntrySchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('topic'),
    id: entryId,
    labelDe: labelSchema,
    labelEn: labelSchema,
    color: colorSchema,
    /** null: no hotkey. */
    hotkey: hotkeySchema.nullable(),
    sdgs: sdgsSchema.default([]),
  }),
  z.strictObject({ kind: z.literal('organisation'), id: entryId, name: labelSchema }),
  z.strictObject({ kind: z.literal('language'), id: entryId, code: languageCodeSchema, labelDe: labelSchema, labelEn: labelSchema }),
  z.strictObject({ kind: z.literal('desk'), id: entryId, name: labelSchema }),
  z.strictObject({
    kind: z.literal('topicGroup'),
    id: entryId,
    labelDe: labelSchema,
    labelEn: labelSchema,
    /** The member topics, in any order (stored and answered in catalog order); each in at most one active group. */
    topicIds: z
      .array(catalogId)
      .min(1, 'a topic group needs at least one topic')
      .max(1000)
      .refine((ids) => new Set(ids).size === ids.length, 'each topic only once'),
  }),
]);

export const setRetiredSchema = z.strictObject({ kind: catalogKindSchema, id: catalogId, retired: z.boolean() });

export const reorderSchema = z.strictObject({
  kind: catalogKindSchema,
  /** Every entry of the kind, retired ones included, exactly once, in the new order. */
  ids: z
    .array(catalogId)
    .min(1)
    .max(1000)
    .refine((ids) => new Set(ids).size === ids.length, 'each entry only once'),
});

export const mergeSchema = z
  .strictObject({
    kind: catalogKindSchema,
    sourceId: catalogId,
    targetId: catalogId,
    /** Only count what merging would re-attribute; change nothing. */
    dryRun: z.boolean().default(false),
  })
  .refine((m) => m.sourceId !== m.targetId, { message: 'cannot merge an entry into itself', path: ['targetId'] });
export type CatalogEntryInput = z.output<typeof catalogEntrySchema>;
export type SetRetiredInput = z.output<typeof setRetiredSchema>;
export type ReorderInput = z.output<typeof reorderSchema>;
export type MergeInput = z.output<typeof mergeSchema>;
