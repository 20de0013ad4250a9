import { z } from 'zod';
import { dryRunSchema, recordedDaySchema } from '../base/primitive-schemas';
import { BACKUP_KEEP_MAX, backupFolderSchema } from '../backup/backup-inputs';
import { AUTO_LOCK_MINUTES, SITE_NAME_MAX, UI_LANGUAGE_CODES } from './setting-limits';

/**
 * An IANA zone name the runtime knows ("Europe/Vienna", "UTC"), stored as the runtime spells it.
 * Offsets ("+01:00") and abbreviations are refused: a fixed offset would ignore summer time.
 */
export const timeZoneSchema = z
  .string()
  .max(64)
  .refine((zone) => /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone) && canonicalZone(zone) !== null, 'not a known IANA time zone, e.g. Europe/Vienna')
  .transform((zone) => canonicalZone(zone)!);

/** The zone's name as Intl spells it (`europe/vienna` → `Europe/Vienna`), or null when it is unknown. */
export function canonicalZone(zone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const siteNameLength = `a site name is 1 to ${SITE_NAME_MAX} characters`;
export const siteNameSchema = z.string().trim().min(1, siteNameLength).max(SITE_NAME_MAX, siteNameLength);
export const uiLanguageSchema = z.enum(UI_LANGUAGE_CODES);
export const autoLockMinutesSchema = z.number().int().min(AUTO_LOCK_MINUTES.min).max(AUTO_LOCK_MINUTES.max);

export const openingHoursSchema = z
  .array(
    z
      .strictObject({ weekday: z.number().int().min(1).max(7), startHour: z.number().int().min(0).max(23), endHour: z.number().int().min(1).max(24) })
      .refine((s) => s.endHour > s.startHour, { message: 'must be after startHour', path: ['endHour'] }),
  )
  .max(28);

export const updateSettingsSchema = z
  .strictObject({
    siteName: siteNameSchema.optional(),
    /** A new zone moves every stored contact's local day and hour: try it with dryRun first. */
    timeZone: timeZoneSchema.optional(),
    openingDate: recordedDaySchema.optional(),
    openingHours: openingHoursSchema.optional(),
    smallCellThreshold: z.number().int().min(1).max(100).optional(),
    autoLockMinutes: autoLockMinutesSchema.optional(),
    defaultLanguage: uiLanguageSchema.optional(),
    /** Absolute path of an existing, writable folder for automatic backups; '' for the default beside the database. */
    backupFolder: backupFolderSchema.or(z.literal('')).optional(),
    backupKeepDaily: z.number().int().min(1).max(BACKUP_KEEP_MAX.daily).optional(),
    backupKeepWeekly: z.number().int().min(0).max(BACKUP_KEEP_MAX.weekly).optional(),
    backupKeepMonthly: z.number().int().min(0).max(BACKUP_KEEP_MAX.monthly).optional(),
    /** The first-visit setup: these settings (or the current ones) are the site's; from now on the headline counts from its opening date. */
    confirmSetup: z.literal(true).optional(),
    /** Only say what the change would do (how many contacts a new time zone moves); change nothing. */
    dryRun: dryRunSchema,
  })
  // Values, not keys: IPC's structured clone keeps a key whose value is undefined (JSON drops it).
  .refine(({ dryRun: _dryRun, ...settings }) => Object.values(settings).some((v) => v !== undefined), 'name at least one setting to change');
export type UpdateSettingsInput = z.output<typeof updateSettingsSchema>;
