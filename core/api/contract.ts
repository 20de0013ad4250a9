import { z } from 'zod';
import { EARLIEST_DAY, IMPORT_MAX_PAYLOAD_BYTES, MAX_BATCH, MAX_PAYLOAD_BYTES } from './limits';
import { isMethodName, type MethodName } from './method-names';
import {
  askerSchema,
  catalogId,
  channelSchema,
  instantSchema,
  isoDaySchema,
  openingHoursSchema,
  referralIdsSchema,
  reportPeriodSchema,
  themeDaySchema,
  topicIdsSchema,
  voidReasonSchema,
} from './schemas';
import type { Catalog } from '../catalog/catalog-types';
import type { CatalogKind } from '../catalog/catalog-references';
import type { CatalogMerge, SavedCatalogEntry } from '../catalog/catalog-edit-types';
import { catalogEntrySchema, mergeSchema, reorderSchema, setRetiredSchema } from './catalog-schemas';
import type { ExportFile } from '../exports/export-types';
import type { Report } from '../reports/report-types';
import type { ThemeDayChange } from '../theme-days/theme-day-types';
import type { Closure, ClosureList } from '../closures/closure-types';
import { closureSchema, closureYearSchema } from './closure-schemas';
import type { ContactPage, ContactView, DayList, LoggedContact } from '../contacts/contact-types';
import { contactListSchema } from './contact-list-schemas';
import type { ImportPreview, ImportResult } from '../imports/import-types';
import { importFileSchema } from './import-schemas';
import type { ManagementStatus, Unlocked } from '../management/management-access';
import type { CallInfo } from './call';
import { AUDIT_ENTITIES, DEFAULT_AUDIT_PAGE, MAX_AUDIT_PAGE, type AuditPage } from '../audit/audit-types';
import type { SettingsChange } from '../settings/settings-types';
import { autoLockMinutesSchema, siteNameSchema, timeZoneSchema, uiLanguageSchema } from './settings-schemas';
import { BACKUP_KEEP_MAX, backupFileNameSchema, backupFolderSchema } from './backup-schemas';
import type { BackupInfo, BackupList, BackupRestore } from '../backup/backup-types';
import type { Recovery, StartupState } from '../app/startup-state';
import type { DeviceInfo, PairedDevice, PairingCode, SharingState, ThisDevice } from '../devices/device-types';
import { deviceNameSchema, pairingCodeSchema } from './device-schemas';

/** Phantom marker carrying a method's output type; never read at run time. */
const returns = <T>() => undefined as unknown as T;

/** Marks a method of the management area: the transports refuse it unless the caller's session is unlocked. */
const management = true as const;

/** A management PIN: digits only, so it works on a touch keypad; long enough to take years to guess at the rate limit. */
const pinSchema = z.string().regex(/^[0-9]{4,12}$/, 'a PIN is 4 to 12 digits');

/**
 * THE contract: every method once, with its input schema and output type.
 * Both transports (IPC and HTTP) and the typed client are derived from this object.
 */
export const contract = {
  getCatalog: {
    input: z.strictObject({}),
    output: returns<Catalog>(),
  },
  logContact: {
    input: z.strictObject({
      /** Client-made idempotency key: a retried tap with the same key is stored once. */
      requestId: z.uuid().optional(),
      topicIds: topicIdsSchema,
      referralIds: referralIdsSchema.default([]),
      languageId: catalogId,
      channel: channelSchema,
      asker: askerSchema,
      deskId: catalogId.optional(),
      /** Back-dating; defaults to now. */
      occurredAt: instantSchema.optional(),
      /** Batch entry: this many contacts with the same values, stored together and marked as a batch. */
      count: z.number().int().min(1).max(MAX_BATCH).default(1),
    })
      // Undo takes a batch back as a whole, found by its key.
      .refine((i) => i.count === 1 || i.requestId !== undefined, { message: 'a batch (count > 1) needs a requestId', path: ['requestId'] }),
    output: returns<LoggedContact>(),
  },
  amendContact: {
    input: z
      .strictObject({
        contactId: catalogId,
        topicIds: topicIdsSchema.optional(),
        referralIds: referralIdsSchema.optional(),
        languageId: catalogId.optional(),
        channel: channelSchema.optional(),
        asker: askerSchema.optional(),
      })
      .refine(({ contactId: _id, ...changes }) => Object.values(changes).some((v) => v !== undefined), 'name at least one field to change'),
    output: returns<ContactView>(),
  },
  undoContact: {
    input: z.strictObject({ contactId: catalogId }),
    output: returns<{ todayCount: number }>(),
  },
  voidContact: {
    input: z.strictObject({ contactId: catalogId, reason: voidReasonSchema }),
    output: returns<ContactView>(),
  },
  listDay: {
    input: z.strictObject({ day: isoDaySchema.optional() }),
    output: returns<DayList>(),
  },
  getManagementStatus: {
    input: z.strictObject({}),
    output: returns<ManagementStatus>(),
  },
  /** First use: sets the PIN. Later: changes it, from an unlocked session and with the current PIN. */
  setManagementPin: {
    input: z.strictObject({ pin: pinSchema, currentPin: pinSchema.optional() }),
    output: returns<Unlocked>(),
  },
  unlockManagement: {
    input: z.strictObject({ pin: pinSchema }),
    output: returns<Unlocked>(),
  },
  lockManagement: {
    input: z.strictObject({}),
    output: returns<{ unlocked: false }>(),
  },
  getReport: {
    management,
    input: reportPeriodSchema,
    output: returns<Report>(),
  },
  exportReport: {
    management,
    input: z.strictObject({
      period: reportPeriodSchema,
      /** `report-*`: the report's tables; `raw-*`: one row per contact of the period. */
      format: z.enum(['report-csv', 'report-xlsx', 'raw-csv', 'raw-xlsx']),
    }),
    output: returns<ExportFile>(),
  },
  saveThemeDay: {
    management,
    input: z.strictObject({
      themeDay: themeDaySchema,
      /** Only count what saving would re-attribute; change nothing. */
      dryRun: z.boolean().default(false),
    }),
    output: returns<ThemeDayChange>(),
  },
  retireThemeDay: {
    management,
    input: z.strictObject({ id: catalogId, dryRun: z.boolean().default(false) }),
    output: returns<ThemeDayChange>(),
  },
  /** The closure calendar: the Austrian public holidays of a year (this year by default) and the site's own entries. */
  listClosures: {
    management,
    input: z.strictObject({ year: closureYearSchema.optional() }),
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
    input: z.strictObject({ id: catalogId }),
    output: returns<Closure>(),
  },
  /** Adds an entry (no id) or changes one in full (id); a topic's hotkey is unique among active topics, names are unique per kind. */
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
  /** Re-attributes all history of the source to the target, then retires the source as merged into it. */
  mergeCatalogEntries: {
    management,
    input: mergeSchema,
    output: returns<CatalogMerge>(),
  },
  updateSettings: {
    management,
    input: z
      .strictObject({
        siteName: siteNameSchema.optional(),
        /** A new zone moves every stored contact's local day and hour: try it with dryRun first. */
        timeZone: timeZoneSchema.optional(),
        openingDate: isoDaySchema.refine((day) => day >= EARLIEST_DAY, 'lies before the year 2000').optional(),
        openingHours: openingHoursSchema.optional(),
        smallCellThreshold: z.number().int().min(1).max(100).optional(),
        autoLockMinutes: autoLockMinutesSchema.optional(),
        defaultLanguage: uiLanguageSchema.optional(),
        /** Absolute path of an existing, writable folder for automatic backups; '' for the default beside the database. */
        backupFolder: backupFolderSchema.or(z.literal('')).optional(),
        backupKeepDaily: z.number().int().min(1).max(BACKUP_KEEP_MAX.daily).optional(),
        backupKeepWeekly: z.number().int().min(0).max(BACKUP_KEEP_MAX.weekly).optional(),
        backupKeepMonthly: z.number().int().min(0).max(BACKUP_KEEP_MAX.monthly).optional(),
        /** The first-visit setup: these settings (or the current ones) are the site's; from now on the headline counts from its opening date. */
        confirmSetup: z.literal(true).optional(),
        /** Only say what the change would do (how many contacts a new time zone moves); change nothing. */
        dryRun: z.boolean().default(false),
      })
      // Values, not keys: IPC's structured clone keeps a key whose value is undefined (JSON drops it).
      .refine(({ dryRun: _dryRun, ...settings }) => Object.values(settings).some((v) => v !== undefined), 'name at least one setting to change'),
    output: returns<SettingsChange>(),
  },
  /** One local day of the audit trail, newest first, in pages: what changed and when, never who. */
  listAudit: {
    management,
    input: z.strictObject({
      /** A local day in the site's time zone; today by default. */
      day: isoDaySchema.refine((day) => day >= EARLIEST_DAY, 'lies before the year 2000').optional(),
      /** One kind of entity, or `catalog` for topics, organisations, languages and desks together. */
      entity: z.enum([...AUDIT_ENTITIES, 'catalog']).optional(),
      /** The `nextBefore` of the previous page: continues with older entries. */
      before: catalogId.optional(),
      limit: z.number().int().min(1).max(MAX_AUDIT_PAGE).default(DEFAULT_AUDIT_PAGE),
    }),
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
    input: z.strictObject({}),
    output: returns<BackupList>(),
  },
  /** Writes a verified backup now: to the configured folder, or to `folder` (e.g. a USB stick), which is never rotated. */
  backupNow: {
    management,
    input: z.strictObject({ folder: backupFolderSchema.optional() }),
    output: returns<BackupInfo>(),
  },
  /** Backs up the current state, then restores a backup named by listBackups into the live database; a dry run only checks the backup. */
  restoreBackup: {
    management,
    input: z.strictObject({ file: backupFileNameSchema, dryRun: z.boolean().default(false) }),
    output: returns<BackupRestore>(),
  },
  /** Deletes one backup named by listBackups (any kind; the app itself only rotates automatic ones). Audited. */
  deleteBackup: {
    management,
    input: z.strictObject({ file: backupFileNameSchema }),
    output: returns<BackupInfo>(),
  },
  /** What the app found at start: `ok`, or why the database cannot be used (damaged, locked, read-only). Answers without a session: the desk must be able to say so. */
  getStartupState: {
    input: z.strictObject({}),
    output: returns<StartupState>(),
  },
  /**
   * Only when the database was found damaged at start: sets the damaged file aside and restores the
   * newest good backup. Needs no PIN, since the PIN lives in the damaged file; it offers no choice
   * of file, and nothing is lost that is not lost already.
   */
  recoverFromBackup: {
    input: z.strictObject({}),
    output: returns<Recovery>(),
  },
  /** LAN desk mode: whether sharing is on, whether the LAN listener is up, the addresses to open and the waiting pairing code. */
  getSharing: {
    management,
    input: z.strictObject({}),
    output: returns<SharingState>(),
  },
  /** Switches LAN desk mode on (the app also listens on the local network) or off (loopback only); stored, so it survives a restart. */
  setSharing: {
    management,
    input: z.strictObject({ enabled: z.boolean() }),
    output: returns<SharingState>(),
  },
  /** A six-digit code, used once and valid for ten minutes, that pairs the next device to a desk (the catalog's first by default). */
  createPairingCode: {
    management,
    input: z.strictObject({ deskId: catalogId.optional() }),
    output: returns<PairingCode>(),
  },
  /** Every device ever paired, newest first, revoked ones marked. */
  listDevices: {
    management,
    input: z.strictObject({}),
    output: returns<{ devices: DeviceInfo[] }>(),
  },
  /** Takes a device's token away: its next request is refused with 401. */
  revokeDevice: {
    management,
    input: z.strictObject({ id: catalogId }),
    output: returns<DeviceInfo>(),
  },
  /**
   * From the pairing page of a device on the local network: the code shown in the management area
   * and a name for the device. Needs no PIN and no device token; wrong codes are rate-limited.
   * Answers the device's token, which only the device keeps.
   */
  pairDevice: {
    input: z.strictObject({ code: pairingCodeSchema, name: deviceNameSchema }),
    output: returns<PairedDevice>(),
  },
  /** The paired device the call comes from; null on this machine. */
  getThisDevice: {
    input: z.strictObject({}),
    output: returns<{ device: ThisDevice | null }>(),
  },
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
