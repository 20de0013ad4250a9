/**
 * Every method of the contract, by name. Kept free of zod so the sandboxed preload
 * and the renderer can list the methods without bundling the schemas.
 */
export const methodNames = [
  'getCatalog',
  'logContact',
  'amendContact',
  'undoContact',
  'voidContact',
  'listDay',
  'getManagementStatus',
  'setManagementPin',
  'unlockManagement',
  'lockManagement',
  'getReport',
  'exportReport',
  'getPivot',
  'exportPivot',
  'saveThemeDay',
  'retireThemeDay',
  'listClosures',
  'saveClosure',
  'deleteClosure',
  'listSavedViews',
  'saveSavedView',
  'deleteSavedView',
  'saveCatalogEntry',
  'setCatalogEntryRetired',
  'reorderCatalog',
  'mergeCatalogEntries',
  'updateSettings',
  'listAudit',
  'listContacts',
  'previewImport',
  'commitImport',
  'listBackups',
  'backupNow',
  'restoreBackup',
  'deleteBackup',
  'getStartupState',
  'recoverFromBackup',
  'getSharing',
  'setSharing',
  'createPairingCode',
  'listDevices',
  'revokeDevice',
  'pairDevice',
  'getThisDevice',
  'getMailServer',
  'saveMailServer',
  'sendTestMail',
  'listMailSchedules',
  'saveMailSchedule',
  'deleteMailSchedule',
  'listMailDeliveries',
  'sendMailScheduleNow',
] as const;

export type MethodName = (typeof methodNames)[number];

export const isMethodName = (name: string): name is MethodName => (methodNames as readonly string[]).includes(name);

/** IPC channel of a method; one prefix so the main process can refuse anything else. */
export const ipcChannel = (name: MethodName) => `kontaktdesk:${name}`;
