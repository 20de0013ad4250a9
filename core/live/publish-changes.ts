import type { Handlers, MethodOutput, ParsedInput } from '../api/contract';
import { ANY_DAY, type Change } from '../base/changes';
import type { CallInfo } from '../base/call';
import { methodNames, type MethodName } from '../base/method-names';
import type { CoreContext } from '../context';

/** What a successful call changed, from its parsed input and its answer; [] for nothing others must hear. */
type ChangeRule<M extends MethodName> = (input: ParsedInput<M>, output: MethodOutput<M>, ctx: CoreContext) => Change[] | Promise<Change[]>;

const CATALOG: Change = { kind: 'catalog' };
const ANY_CONTACTS: Change = { kind: 'contacts', days: ANY_DAY };
const DEVICES: Change = { kind: 'devices' };
const VIEWS: Change = { kind: 'views' };
const MAIL: Change = { kind: 'mail' };
const contactsOn = (day: string): Change => ({ kind: 'contacts', days: [day] });

/** The local day of a stored contact, read after the write (undo answers only the new count). */
async function dayOfContact(ctx: CoreContext, id: number): Promise<Change[]> {
  const row = await ctx.db.selectFrom('contacts').select('local_day').where('id', '=', id).executeTakeFirst();
  return [row ? contactsOn(row.local_day) : ANY_CONTACTS];
}

/**
 * Every method once, so a new method must say whether others need to hear of it: null for reads
 * and for writes no other screen shows (PIN, sharing switch, backups taken).
 */
const CHANGE_RULES: { [M in MethodName]: ChangeRule<M> | null } = {
  getCatalog: null,
  // A retried tap was published the first time.
  logContact: (_input, logged) => (logged.duplicate ? [] : [contactsOn(logged.contact.localDay)]),
  amendContact: (_input, contact) => [contactsOn(contact.localDay)],
  undoContact: (input, _output, ctx) => dayOfContact(ctx, input.contactId),
  voidContact: (_input, contact) => [contactsOn(contact.localDay)],
  listDay: null,
  getManagementStatus: null,
  setManagementPin: null,
  unlockManagement: null,
  lockManagement: null,
  getReport: null,
  exportReport: null,
  getPivot: null,
  exportPivot: null,
  saveThemeDay: (_input, change) => (change.dryRun ? [] : [CATALOG]),
  retireThemeDay: (_input, change) => (change.dryRun ? [] : [CATALOG]),
  listClosures: null,
  // Closures change every report's open hours; open management screens reload as after a theme-day change.
  saveClosure: () => [CATALOG],
  deleteClosure: () => [CATALOG],
  listSavedViews: null,
  // Only the saved-views list shows them; a saved-unchanged view is announced too (harmless: one reload).
  saveSavedView: () => [VIEWS],
  deleteSavedView: () => [VIEWS],
  saveCatalogEntry: () => [CATALOG],
  setCatalogEntryRetired: () => [CATALOG],
  reorderCatalog: () => [CATALOG],
  // The source's contacts, in every year, now carry the target.
  // Merging topic groups re-attributes no contact.
  mergeCatalogEntries: (_input, merge) => (merge.dryRun ? [] : merge.kind === 'topicGroup' ? [CATALOG] : [CATALOG, ANY_CONTACTS]),
  // A new time zone moves local days and times of stored contacts, and may move "today" itself.
  updateSettings: (_input, change) => (change.dryRun ? [] : change.timeZoneShift ? [CATALOG, ANY_CONTACTS] : [CATALOG]),
  listAudit: null,
  listContacts: null,
  previewImport: null,
  // An import may span years: listing its days would make a large event for a rare write.
  commitImport: () => [ANY_CONTACTS],
  listBackups: null,
  backupNow: null,
  restoreBackup: (_input, restore) => (restore.dryRun ? [] : [CATALOG, ANY_CONTACTS]),
  // No screen shows the backups live; the Sicherung tab reloads its list after each action.
  deleteBackup: null,
  getStartupState: null,
  // Answers only on the recovery api, which has no handlers of this kind; the switch to the restored core publishes instead.
  recoverFromBackup: null,
  getSharing: null,
  setSharing: null,
  createPairingCode: null,
  listDevices: null,
  revokeDevice: () => [DEVICES],
  pairDevice: () => [DEVICES],
  getThisDevice: null,
  getMailServer: null,
  saveMailServer: () => [MAIL],
  // Writes nothing: the outcome goes only to the caller.
  sendTestMail: null,
  listMailSchedules: null,
  saveMailSchedule: () => [MAIL],
  deleteMailSchedule: () => [MAIL],
  listMailDeliveries: null,
  // A period already sent is answered unchanged; announcing it anyway costs one reload.
  sendMailScheduleNow: () => [MAIL],
};

type AnyHandler = (input: unknown, call?: CallInfo) => Promise<unknown>;
type AnyRule = (input: unknown, output: unknown, ctx: CoreContext) => Change[] | Promise<Change[]>;

/**
 * The handlers, with each write publishing its changes into `ctx.changes` once it has returned,
 * i.e. after its transaction committed; a refused call threw before and publishes nothing. This is
 * the one place changes are published, so every caller of the handlers (transports, CLI, tests) is heard.
 */
export function publishingChanges(ctx: CoreContext, handlers: Handlers): Handlers {
  const wrapped = { ...handlers } as unknown as Record<MethodName, AnyHandler>;
  for (const method of methodNames) {
    const rule = CHANGE_RULES[method] as AnyRule | null;
    if (!rule) continue;
    const handler = handlers[method] as AnyHandler;
    wrapped[method] = async (input, call) => {
      const output = await handler(input, call);
      let changes: Change[];
      try {
        changes = await rule(input, output, ctx);
      } catch {
        // The write is saved; if what it touched cannot be told, every open screen re-reads everything.
        changes = [ANY_CONTACTS];
      }
      for (const change of changes) ctx.changes.publish(change);
      return output;
    };
  }
  return wrapped as unknown as Handlers;
}
