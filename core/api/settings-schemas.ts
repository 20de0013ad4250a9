import { z } from 'zod';
import { AUTO_LOCK_MINUTES, SITE_NAME_MAX, UI_LANGUAGE_CODES } from '../settings/setting-limits';

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
