import type { CoreContext } from '../context';
import { writeAudit } from '../audit/write-audit';
import { writeTransaction } from '../db/write-transaction';
import type { BackupInfo } from './take-backup';
import type { DeleteBackupInput } from './backup-inputs';

/**
 * Deletes one listed backup of this database, at a person's request (the app itself only ever deletes
 * automatic ones, by rotation). Audited in the same transaction that the file is deleted in, so the
 * trail names every backup that is gone: when the file cannot be deleted, the entry is rolled back.
 * A name that is not a listed backup is refused before anything is written.
 */
export async function deleteBackup(ctx: CoreContext, { file }: DeleteBackupInput): Promise<BackupInfo> {
  const backup = await ctx.backups.find(file);
  await writeTransaction(ctx.db, async (trx) => {
    await writeAudit(trx, ctx.now(), [
      { action: 'delete', entity: 'backup', entityId: 0, oldValue: { file: backup.name, kind: backup.kind, takenAt: backup.at, size: backup.size } },
    ]);
    await ctx.backups.remove(file);
  });
  return backup;
}
