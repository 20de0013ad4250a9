import { z } from 'zod';
import { IMPORT_MAX_PAYLOAD_BYTES, MAX_PAYLOAD_BYTES } from '../base/limits';
import { isMethodName, type MethodName } from '../base/method-names';
import { mailMethods } from './mail-methods';
import { management, noInput, returns } from './method-parts';
import type { CallInfo } from '../base/call';
import type { Catalog } from '../catalog/catalog-types';
import type { CatalogKind } from '../catalog/catalog-references';
import type { CatalogMerge, SavedCatalogEntry } from '../catalog/catalog-edit-types';
import { catalogEntrySchema, mergeSchema, reorderSchema, setRetiredSchema } from '../catalog/catalog-inputs';
import type { ExportFile } from '../exports/export-types';
import { exportReportSchema } from '../exports/export-inputs';
import { exportPivotSchema } from '../exports/pivot-export-inputs';
import type { Pivot } from '../analysis/pivot-types';
import { pivotSchema } from '../analysis/pivot-inputs';
import type { Report } from '../reports/report-types';
import { reportPeriodSchema } from '../reports/report-inputs';
import type { ThemeDayChange } from '../theme-days/theme-day-types';
import { retireThemeDaySchema, saveThemeDaySchema } from '../theme-days/theme-day-inputs';
import type { Closure, ClosureList } from '../closures/closure-types';
import { closureSchema, deleteClosureSchema, listClosuresSchema } from '../closures/closure-inputs';
import type { SavedView } from '../views/view-types';
import { deleteSavedViewSchema, listSavedViewsSchema, saveSavedViewSchema } from '../views/view-inputs';
import type { ContactPage, ContactView, DayList, LoggedContact } from '../contacts/contact-types';
import { amendContactSchema, contactListSchema, listDaySchema, logContactSchema, undoContactSchema, voidContactSchema } from '../contacts/contact-inputs';
import type { ImportPreview, ImportResult } from '../imports/import-types';
import { importFileSchema } from '../imports/import-inputs';
import type { ManagementStatus, Unlocked } from '../management/management-access';
import { setManagementPinSchema, unlockManagementSchema } from '../management/management-inputs';
import type { AuditPage } from '../audit/audit-types';
import { listAuditSchema } from '../audit/audit-inputs';
import type { SettingsChange } from '../settings/settings-types';
import { updateSettingsSchema } from '../settings/settings-inputs';
import type { BackupInfo, BackupList, BackupRestore } from '../backup/backup-types';
import { backupNowSchema, deleteBackupSchema, restoreBackupSchema } from '../backup/backup-inputs';
import type { Recovery, StartupState } from '../app/startup-state';
import type { DeviceInfo, PairedDevice, PairingCode, SharingState, ThisDevice } from '../devices/device-types';
import { createPairingCodeSchema, pairDeviceSchema, revokeDeviceSchema } from '../devices/device-inputs';
import { setSharingSchema } from '../sharing/sharing-inputs';

/**
 * THE contract: every method once, with its input schema and output type. Each capability owns its
 * input schemas (`core/<capability>/*-inputs.ts`) and types its handlers from them; this object only
 * composes them. Both transports (IPC and HTTP) and the typed client are derived from it.
 */
export const contract = {
  getCatalog: {
    input: noInput,
    output: returns<Catalog>(),
  },
  logContact: {
    input: logContactSchema,
    output: returns<LoggedContact>(),
  },
  amendContact: {
    input: amendContactSchema,
    output: returns<ContactView>(),
  },
  undoContact: {
    input: undoContactSchema,
    output: returns<{ todayCount: number }>(),
  },
  voidContact: {
    input: voidContactSchema,
    output: returns<ContactView>(),
  },
  listDay: {
    input: listDaySchema,
    output: returns<DayList>(),
  },
  getManagementStatus: {
    input: noInput,
    output: returns<ManagementStatus>(),
  },
  /** First use: sets the PIN. Later: changes it, from an unlocked session and with the current PIN. */
  setManagementPin: {
    input: setManagementPinSchema,
    output: returns<Unlocked>(),
  },
  unlockManagement: {
    input: unlockManagementSchema,
    output: returns<Unlocked>(),
  },
  lockManagement: {
    input: noInput,
    output: returns<{ unlocked: false }>(),
  },
  getReport: {
    management,
    input: reportPeriodSchema,
    output: returns<Report>(),
  },
  exportReport: {
    management,
    input: exportReportSchema,
    output: returns<ExportFile>(),
  },
  /** Two dimensions against each other over the period's contacts that match the filter, with row and column totals. */
  getPivot: {
    management,
    input: pivotSchema,
    output: returns<Pivot>(),
  },
  /** The pivot as a file: German Excel CSV or XLSX, with its period, filter and dimensions written above the table. */
  exportPivot: {
    management,
    input: exportPivotSchema,
    output: returns<ExportFile>(),
  },
  saveThemeDay: {
    management,
    input: saveThemeDaySchema,
    output: returns<ThemeDayChange>(),
  },
  retireThemeDay: {
    management,
    input: retireThemeDaySchema,
    output: returns<ThemeDayChange>(),
  },
  /** The closure calendar: the Austrian public holidays of a year (this year by default) and the site's own entries. */
  listClosures: {
    management,
    input: listClosuresSchema,
    output: returns<ClosureList>(),
  },
  /** Adds a closure (no id) or changes one in full: closed days have no opening hours in the reports. Audited. */
  saveClosure: {
    management,
    input: closureSchema,
    output: returns<Closure>(),
  },
  /** Deletes one entry of the site's closure calendar (public holidays are built in, not stored). Audited. */
  deleteClosure: {
    management,
    input: deleteClosureSchema,
    output: returns<Closure>(),
  },
  /** The saved report views (period rule, filters, sections), ordered by name. */
  listSavedViews: {
    management,
    input: listSavedViewsSchema,
    output: returns<SavedView[]>(),
  },
  /** Creates a view (no id) or changes one in full, renaming included; names are unique ignoring case. Audited. */
  saveSavedView: {
    management,
    input: saveSavedViewSchema,
    output: returns<SavedView>(),
  },
  /** Deletes a saved view; refused (conflict) while a mail schedule sends it. Audited. */
  deleteSavedView: {
    management,
    input: deleteSavedViewSchema,
    output: returns<SavedView>(),
  },
  /**
   * Adds an entry (no id) or changes one in full (id); a topic's hotkey is unique among active topics, names are unique per kind,
   * a topic is in at most one active topic group (kind `topicGroup`, Themencluster).
   */
  saveCatalogEntry: {
    management,
    input: catalogEntrySchema,
    output: returns<SavedCatalogEntry>(),
  },
  /** Retires an entry (the desk stops offering it; its history stays) or reactivates it. */
  setCatalogEntryRetired: {
    management,
    input: setRetiredSchema,
    output: returns<SavedCatalogEntry>(),
  },
  /** The new order of a kind: every id of the kind once; answers the ids in that order. */
  reorderCatalog: {
    management,
    input: reorderSchema,
    output: returns<{ kind: CatalogKind; ids: number[] }>(),
  },
  /** Re-attributes all history of the source to the target (a topic group: its topics), then retires the source as merged into it. */
  mergeCatalogEntries: {
    management,
    input: mergeSchema,
    output: returns<CatalogMerge>(),
  },
  updateSettings: {
    management,
    input: updateSettingsSchema,
    output: returns<SettingsChange>(),
  },
  /** One local day of the audit trail, newest first, in pages: what changed and when, never who. */
  listAudit: {
    management,
    input: listAuditSchema,
    output: returns<AuditPage>(),
  },
  /**
   * The contact browser: contacts of a range of local days (any filter of topic, desk, entry kind;
   * voided ones shown unless hidden, undone taps never), newest first, in pages, with the count of
   * matches. Where earlier days are corrected: amendContact and voidContact accept any contact
   * from an unlocked session, but only today's work from the desk.
   */
  listContacts: {
    management,
    input: contactListSchema,
    output: returns<ContactPage>(),
  },
  /** Reads an earlier tally (CSV or XLSX, contacts or monthly counts) and says what importing it would do; writes nothing. */
  previewImport: {
    management,
    maxPayloadBytes: IMPORT_MAX_PAYLOAD_BYTES,
    input: importFileSchema,
    output: returns<ImportPreview>(),
  },
  /** Checks the same input again and writes all of it (in short steps that become visible at once), or refuses and leaves nothing. */
  commitImport: {
    management,
    maxPayloadBytes: IMPORT_MAX_PAYLOAD_BYTES,
    input: importFileSchema,
    output: returns<ImportResult>(),
  },
  /** The backup folder, its rotation and this database's backups in it, newest first. */
  listBackups: {
    management,
    input: noInput,
    output: returns<BackupList>(),
  },
  /** Writes a verified backup now: to the configured folder, or to `folder` (e.g. a USB stick), which is never rotated. */
  backupNow: {
    management,
    input: backupNowSchema,
    output: returns<BackupInfo>(),
  },
  /** Backs up the current state, then restores a backup named by listBackups into the live database; a dry run only checks the backup. */
  restoreBackup: {
    management,
    input: restoreBackupSchema,
    output: returns<BackupRestore>(),
  },
  /** Deletes one backup named by listBackups (any kind; the app itself only rotates automatic ones). Audited. */
  deleteBackup: {
    management,
    input: deleteBackupSchema,
    output: returns<BackupInfo>(),
  },
  /** What the app found at start: `ok`, or why the database cannot be used (damaged, locked, read-only). Answers without a session: the desk must be able to say so. */
  getStartupState: {
    input: noInput,
    output: returns<StartupState>(),
  },
  /**
   * Only when the database was found damaged at start: sets the damaged file aside and restores the
   * newest good backup. Needs no PIN, since the PIN lives in the damaged file; it offers no choice
   * of file, and nothing is lost that is not lost already.
   */
  recoverFromBackup: {
    input: noInput,
    output: returns<Recovery>(),
  },
  /** LAN desk mode: whether sharing is on, whether the LAN listener is up, the addresses to open and the waiting pairing code. */
  getSharing: {
    management,
    input: noInput,
    output: returns<SharingState>(),
  },
  /** Switches LAN desk mode on (the app also listens on the local network) or off (loopback only); stored, so it survives a restart. */
  setSharing: {
    management,
    input: setSharingSchema,
    output: returns<SharingState>(),
  },
  /** A six-digit code, used once and valid for ten minutes, that pairs the next device to a desk (the catalog's first by default). */
  createPairingCode: {
    management,
    input: createPairingCodeSchema,
    output: returns<PairingCode>(),
  },
  /** Every device ever paired, newest first, revoked ones marked. */
  listDevices: {
    management,
    input: noInput,
    output: returns<{ devices: DeviceInfo[] }>(),
  },
  /** Takes a device's token away: its next request is refused with 401. */
  revokeDevice: {
    management,
    input: revokeDeviceSchema,
    output: returns<DeviceInfo>(),
  },
  /**
   * From the pairing page of a device on the local network: the code shown in the management area
   * and a name for the device. Needs no PIN and no device token; wrong codes are rate-limited.
   * Answers the device's token, which only the device keeps.
   */
  pairDevice: {
    input: pairDeviceSchema,
    output: returns<PairedDevice>(),
  },
  /** The paired device the call comes from; null on this machine. */
  getThisDevice: {
    input: noInput,
    output: returns<{ device: ThisDevice | null }>(),
  },
  ...mailMethods,
} satisfies Record<MethodName, { input: z.ZodType; output: unknown; management?: true; maxPayloadBytes?: number }>;

export type Contract = typeof contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = Contract[M]['output'];

/** What the core implements: one handler per method, receiving already-parsed input and what the transport knows of the call. */
export type Handlers = { [M in MethodName]: (input: ParsedInput<M>, call?: CallInfo) => Promise<MethodOutput<M>> };

export const isManagementMethod = (method: MethodName): boolean => 'management' in contract[method];

/**
 * The largest request a transport accepts for a method: MAX_PAYLOAD_BYTES, unless the contract
 * entry allows more (an import carries a whole file). Unknown names get the default.
 */
export function payloadLimit(method: string): number {
  if (!isMethodName(method)) return MAX_PAYLOAD_BYTES;
  const entry = contract[method];
  return 'maxPayloadBytes' in entry ? entry.maxPayloadBytes : MAX_PAYLOAD_BYTES;
}

/** What the renderer calls: one function per method, receiving raw input. */
export type Client = { [M in MethodName]: (input: MethodInput<M>) => Promise<MethodOutput<M>> };
