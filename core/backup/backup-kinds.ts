/** Why a backup was taken. Automatic ones are labelled by the largest rotation slot they opened when written. Node-free: the renderer reads it too. */
export const BACKUP_KINDS = ['daily', 'weekly', 'monthly', 'manual', 'premigration', 'prerestore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** The start and daily backups: the only ones rotation ever deletes. Manual, before-migration and before-restore copies stay until a person deletes them. */
export const AUTOMATIC_KINDS = ['daily', 'weekly', 'monthly'] as const satisfies readonly BackupKind[];
export type AutomaticKind = (typeof AUTOMATIC_KINDS)[number];

export const isAutomaticKind = (kind: BackupKind): kind is AutomaticKind => (AUTOMATIC_KINDS as readonly BackupKind[]).includes(kind);
