/** Values the settings accept, zod-free so the settings panel checks the same bounds before sending. */
export const UI_LANGUAGE_CODES = ['de', 'en'] as const;

export const SITE_NAME_MAX = 80;
export const AUTO_LOCK_MINUTES = { min: 1, max: 240 } as const;

/** Zones the settings panel offers first: where a desk like this one is likely to be. The current zone is always offered too. */
export const COMMON_TIME_ZONES = [
  'Europe/Vienna',
  'Europe/Berlin',
  'Europe/Zurich',
  'Europe/Vaduz',
  'Europe/Rome',
  'Europe/Ljubljana',
  'Europe/Zagreb',
  'Europe/Budapest',
  'Europe/Bratislava',
  'Europe/Prague',
  'Europe/Warsaw',
  'Europe/Amsterdam',
  'Europe/Brussels',
  'Europe/Luxembourg',
  'Europe/Paris',
  'Europe/Madrid',
  'Europe/Lisbon',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Copenhagen',
  'Europe/Stockholm',
  'Europe/Oslo',
  'Europe/Helsinki',
  'Europe/Athens',
  'Europe/Bucharest',
  'Europe/Sofia',
  'Europe/Istanbul',
  'UTC',
] as const;
