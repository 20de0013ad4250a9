import type { ParsedInput } from '../api/contract';
import type { SiteSettings } from '../catalog/catalog-types';
import type { CoreContext } from '../context';
import { writeAudit } from '../contacts/audit';
import { readSettings, writeSettings } from './site-settings';

/** Changes report settings; each changed one is audited (old → new). */
export async function updateSettings(ctx: CoreContext, given: ParsedInput<'updateSettings'>): Promise<SiteSettings> {
  // A key whose value is undefined (IPC keeps such keys) names no change; written, it would store "undefined".
  const input = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as typeof given;
  const settings = await ctx.db.transaction().execute(async (trx) => {
    const before = await readSettings(trx);
    const changes = (Object.keys(input) as (keyof typeof input)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(input[k]));
    await writeSettings(trx, input);
    await writeAudit(
      trx,
      ctx.now(),
      changes.map((field) => ({ action: 'amend' as const, entity: 'settings' as const, entityId: 0, field, oldValue: before[field], newValue: input[field] })),
    );
    return readSettings(trx);
  });
  ctx.catalog.invalidate();
  return settings;
}
