import { z } from 'zod';
import { NAME_KINDS } from './import-types';
import { base64Length, IMPORT_MAX_FILE_BYTES } from '../base/limits';
import { catalogId } from '../base/primitive-schemas';

/** Bytes a base64 text decodes to. */
const decodedLength = (b64: string) => Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);

/** One unknown name of the file mapped to a catalog entry. */
export const nameMappingSchema = z.strictObject({
  kind: z.enum(NAME_KINDS),
  name: z.string().trim().min(1).max(200),
  targetId: catalogId,
});

/** A file to import: its name (for the record and messages) and its bytes as base64. */
export const importFileSchema = z.strictObject({
  fileName: z.string().trim().min(1).max(255),
  contentBase64: z
    .string()
    .min(1, 'the file is empty')
    .max(base64Length(IMPORT_MAX_FILE_BYTES), `the file is larger than ${IMPORT_MAX_FILE_BYTES / 1024 / 1024} MB`)
    .refine((b64) => decodedLength(b64) <= IMPORT_MAX_FILE_BYTES, `the file is larger than ${IMPORT_MAX_FILE_BYTES / 1024 / 1024} MB`)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
  /** Catalog entries for the names the file uses that the catalog does not know. */
  mapping: z.array(nameMappingSchema).max(1000).default([]),
  /** Monthly counts: add them also to months that already hold recorded contacts (refused by default). */
  addToRecordedMonths: z.boolean().optional(),
});
export type ImportInput = z.output<typeof importFileSchema>;
