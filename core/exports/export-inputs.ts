import { z } from 'zod';
import { reportPeriodSchema } from '../reports/report-inputs';

export const exportReportSchema = z.strictObject({
  period: reportPeriodSchema,
  /** `report-*`: the report's tables; `raw-*`: one row per contact of the period. */
  format: z.enum(['report-csv', 'report-xlsx', 'raw-csv', 'raw-xlsx']),
});
export type ExportReportInput = z.output<typeof exportReportSchema>;
