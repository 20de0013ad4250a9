import type { Handlers } from './api/contract';
import type { CoreContext } from './context';
import { ApiError } from './base/errors';
import { amendContact } from './contacts/amend-contact';
import { listContacts } from './contacts/list-contacts';
import { listDay } from './contacts/list-day';
import { logContact } from './contacts/log-contact';
import { undoContact, voidContact } from './contacts/void-contact';
import { exportReport } from './exports/export-report';
import { exportPivot } from './exports/export-pivot';
import { computePivot } from './analysis/compute-pivot';
import { computeReport } from './reports/compute-report';
import { lockManagement, managementStatus, setManagementPin, unlockManagement } from './management/management-access';
import { updateSettings } from './settings/update-settings';
import { listAudit } from './audit/list-audit';
import { retireThemeDay, saveThemeDay } from './theme-days/save-theme-day';
import { deleteClosure, listClosures, saveClosure } from './closures/closure-store';
import { deleteSavedView, listSavedViews, saveSavedView } from './views/saved-views';
import { mergeCatalogEntries } from './catalog/merge-catalog-entries';
import { reorderCatalog } from './catalog/reorder-catalog';
import { setCatalogEntryRetired } from './catalog/retire-catalog-entry';
import { saveCatalogEntry } from './catalog/save-catalog-entry';
import { commitImport } from './imports/commit-import';
import { previewImport } from './imports/preview-import';
import { createPairingCode, deskOfDevice, listDevices, pairDevice, revokeDevice } from './devices/devices';
import { setSharing, sharingState } from './sharing/sharing';
import { publishingChanges } from './live/publish-changes';
import { deleteBackup } from './backup/delete-backup';
import { deleteMailSchedule, listMailSchedules, saveMailSchedule } from './mail/schedules';
import { listMailDeliveries } from './mail/delivery-log';
import { sendMailScheduleNow } from './mail/run-due';
import { composeReportMail } from './mail/compose-mail';
import { sendOutgoingMail, sendTestMail } from './mail/send-mail';
import { getMailServer, saveMailServer } from './mail/mail-server';

/** Binds each contract method to the capability module that implements it; writes announce what they changed. */
export function createHandlers(ctx: CoreContext): Handlers {
  return publishingChanges(ctx, {
    getCatalog: () => ctx.catalog.catalog(),
    // A paired device logs at its own desk unless the tap names one.
    logContact: async (input, call = {}) =>
      logContact(ctx, call.device && input.deskId === undefined ? { ...input, deskId: deskOfDevice(await ctx.catalog.catalog(), call.device) } : input),
    // Without an unlocked management session only today's work may be changed (core/contacts/desk-corrections.ts).
    amendContact: (input, call = {}) => amendContact(ctx, input, call),
    undoContact: (input) => undoContact(ctx, input),
    voidContact: (input, call = {}) => voidContact(ctx, input, call),
    listDay: (input) => listDay(ctx, input),
    getManagementStatus: (_input, call = {}) => managementStatus(ctx, call),
    setManagementPin: (input, call = {}) => setManagementPin(ctx, input, call),
    unlockManagement: (input) => unlockManagement(ctx, input),
    lockManagement: async (_input, call = {}) => lockManagement(ctx, call),
    getReport: (input) => computeReport(ctx, input),
    exportReport: (input) => exportReport(ctx, input),
    getPivot: (input) => computePivot(ctx, input),
    exportPivot: (input) => exportPivot(ctx, input),
    saveThemeDay: (input) => saveThemeDay(ctx, input),
    retireThemeDay: (input) => retireThemeDay(ctx, input),
    listClosures: (input) => listClosures(ctx, input),
    saveClosure: (input) => saveClosure(ctx, input),
    deleteClosure: (input) => deleteClosure(ctx, input),
    listSavedViews: () => listSavedViews(ctx.db),
    saveSavedView: (input) => saveSavedView(ctx, input),
    deleteSavedView: (input) => deleteSavedView(ctx, input),
    saveCatalogEntry: (input) => saveCatalogEntry(ctx, input),
    setCatalogEntryRetired: (input) => setCatalogEntryRetired(ctx, input),
    reorderCatalog: (input) => reorderCatalog(ctx, input),
    mergeCatalogEntries: (input) => mergeCatalogEntries(ctx, input),
    updateSettings: (input) => updateSettings(ctx, input),
    listAudit: (input) => listAudit(ctx, input),
    listContacts: (input) => listContacts(ctx, input),
    previewImport: (input) => previewImport(ctx, input),
    commitImport: (input) => commitImport(ctx, input),
    listBackups: () => ctx.backups.list(),
    backupNow: (input) => ctx.backups.backupNow(input.folder),
    restoreBackup: (input) => ctx.backups.restore(input.file, input.dryRun),
    deleteBackup: (input) => deleteBackup(ctx, input),
    getStartupState: async () => ({ state: 'ok' }),
    recoverFromBackup: async () => {
      throw new ApiError('conflict', 'the database is not damaged; restore a backup from the management area instead');
    },
    getSharing: () => sharingState(ctx),
    setSharing: (input) => setSharing(ctx, input),
    createPairingCode: (input) => createPairingCode(ctx, input),
    listDevices: () => listDevices(ctx),
    revokeDevice: (input) => revokeDevice(ctx, input),
    pairDevice: (input) => pairDevice(ctx, input),
    getThisDevice: async (_input, call = {}) => ({ device: call.device ?? null }),
    getMailServer: () => getMailServer(ctx),
    saveMailServer: (input) => saveMailServer(ctx, input),
    sendTestMail: (input) => sendTestMail(ctx, input),
    listMailSchedules: () => listMailSchedules(ctx),
    saveMailSchedule: (input) => saveMailSchedule(ctx, input),
    deleteMailSchedule: (input) => deleteMailSchedule(ctx, input),
    listMailDeliveries: (input) => listMailDeliveries(ctx, input),
    sendMailScheduleNow: (input) => sendMailScheduleNow(ctx, input.id, composeReportMail, sendOutgoingMail),
  });
}
