import { z } from 'zod';
import { catalogId, recordedDaySchema } from '../base/primitive-schemas';
import { AUDIT_ENTITIES, DEFAULT_AUDIT_PAGE, MAX_AUDIT_PAGE } from './audit-types';

export const listAuditSchema = z.strictObject({
  /** A local day in the site's time zone; today by default. */
  day: recordedDaySchema.optional(),
  /** One kind of entity, or `catalog` for topics, organisations, languages and desks together. */
  entity: z.enum([...AUDIT_ENTITIES, 'catalog']).optional(),
  /** The `nextBefore` of the previous page: continues with older entries. */
  before: catalogId.optional(),
  limit: z.number().int().min(1).max(MAX_AUDIT_PAGE).default(DEFAULT_AUDIT_PAGE),
});
export type ListAuditInput = z.output<typeof listAuditSchema>;
