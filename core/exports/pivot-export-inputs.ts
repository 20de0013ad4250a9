import { z } from 'zod';
import { pivotSchema } from '../analysis/pivot-inputs';

export const exportPivotSchema = z.strictObject({
  /** The pivot as `getPivot` takes it: period, the two dimensions, the filter. */
  pivot: pivotSchema,
  /** German Excel CSV, or a workbook with numbers as numbers. */
  format: z.enum(['pivot-csv', 'pivot-xlsx']),
});
export type ExportPivotInput = z.output<typeof exportPivotSchema>;
