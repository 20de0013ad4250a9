/** Why a backup was taken. Automatic ones are labelled by the largest rotation slot they opened when written. Node-free: the renderer reads it too. */
export const BACKUP_KINDS = ['daily', 'weekly', 'monthly', 'manual', 'premigration', 'prerestore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];
