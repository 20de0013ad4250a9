import type { UpdateSettingsInput } from './settings-inputs';
import type { SiteSettings } from '../catalog/catalog-types';
import type { CoreContext } from '../context';
import { writeAudit } from '../audit/write-audit';
import type { SettingsChange } from './settings-types';
import { readSettings, writeSettings } from './site-settings';
import { shiftTimeZone } from './time-zone-shift';
import { assertUsableFolder } from '../backup/backup-folder';
import { writeTransaction } from '../db/write-transaction';

/**
 * Changes site settings; each changed one is audited (old → new). A new time zone reads every
 * contact's local day and hour again, re-attributes theme days and rebuilds the rollups, all in the
 * same transaction. A dry run says what would change and writes nothing.
 */
export async function updateSettings(ctx: CoreContext, { dryRun, confirmSetup, ...given }: UpdateSettingsInput): Promise<SettingsChange> {
  // A key whose value is undefined (IPC keeps such keys) names no change; written, it would store "undefined".
  const input = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<SiteSettings>;
  // The setup is confirmed once, at the time it first was; confirming again changes only the settings given.
  const withSetup = (before: SiteSettings): Partial<SiteSettings> =>
    confirmSetup && before.setupConfirmedAt === '' ? { ...input, setupConfirmedAt: new Date(ctx.now()).toISOString() } : input;
  if (input.backupFolder) assertUsableFolder(input.backupFolder, 'backupFolder');
  const changedKeys = (before: SiteSettings, values: Partial<SiteSettings>) =>
    (Object.keys(values) as (keyof SiteSettings)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(values[k]));

  if (dryRun) {
    const before = await readSettings(ctx.db);
    const moves = changedKeys(before, input).includes('timeZone');
    const timeZoneShift = moves ? await shiftTimeZone(ctx.db, before.timeZone, input.timeZone!, { write: false }) : null;
    return { settings: { ...before, ...withSetup(before) }, dryRun: true, timeZoneShift };
  }

  const change = await writeTransaction(ctx.db, async (trx) => {
    const before = await readSettings(trx);
    const values = withSetup(before);
    const changes = changedKeys(before, values);
    await writeSettings(trx, values);
    const timeZoneShift = changes.includes('timeZone') ? await shiftTimeZone(trx, before.timeZone, values.timeZone!, { write: true }) : null;
    await writeAudit(
      trx,
      ctx.now(),
      changes.map((field) => ({ action: 'amend' as const, entity: 'settings' as const, entityId: 0, field, oldValue: before[field], newValue: values[field] })),
    );
    return { settings: await readSettings(trx), dryRun: false, timeZoneShift };
  });
  ctx.catalog.invalidate();
  return change;
}
