import { updateSettingsSchema } from '../../../core/settings/settings-inputs';
import { acceptsWhole } from '../../ui/schema-limits';

const keepSchemas = updateSettingsSchema.shape;

/** The rotation counts as the settings schema bounds them (at least one daily backup, each at most its maximum). */
export const keepCountsValid = (keep: { daily: string; weekly: string; monthly: string }) =>
  acceptsWhole(keepSchemas.backupKeepDaily.unwrap(), keep.daily) &&
  acceptsWhole(keepSchemas.backupKeepWeekly.unwrap(), keep.weekly) &&
  acceptsWhole(keepSchemas.backupKeepMonthly.unwrap(), keep.monthly);
