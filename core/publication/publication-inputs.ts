import { z } from 'zod';

/**
 * How publication mode protects people (README, "Publication mode"): `cellKey` (the default) — every
 * count gets a small consistent deviation (cell-key.ts), safe under any slicing, so filters and pivots
 * stay available; `suppression` — small counts hidden as "·", stricter, for one table published once
 * and never sliced (no filters, no pivots).
 */
export const PUBLICATION_METHODS = ['cellKey', 'suppression'] as const;
export type PublicationMethod = (typeof PUBLICATION_METHODS)[number];
export const publicationMethodSchema = z.enum(PUBLICATION_METHODS).default('cellKey');
