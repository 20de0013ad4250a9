import { z } from 'zod';
import { reportPeriodSchema } from '../reports/report-inputs';

/** Why a raw export is refused in publication mode: said the same by the contract, the CLI and the screen. */
export const RAW_IN_PUBLICATION =
  'raw data is not exported in publication mode (one row per contact would undo it); turn publication mode off, or export the report';

export const exportReportSchema = z
  .strictObject({
    period: reportPeriodSchema,
    /** `report-*`: the report's tables (`report-html`: the page for the town's website); `raw-*`: one row per contact of the period. */
    format: z.enum(['report-csv', 'report-xlsx', 'report-html', 'raw-csv', 'raw-xlsx']),
  })
  // Never raw data in publication mode: refused before anything is read or written.
  .refine((input) => !(input.period.publication && input.format.startsWith('raw-')), { message: RAW_IN_PUBLICATION, path: ['format'] });
export type ExportReportInput = z.output<typeof exportReportSchema>;
