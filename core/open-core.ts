import type { Handlers } from './api/contract';
import type { Api } from './api/dispatch';
import { createCatalogCache } from './catalog/catalog-cache';
import { seedCatalogIfEmpty } from './catalog/seed-catalog';
import type { CoreContext } from './context';
import { openSqlite } from './db/open-sqlite';
import { openPostgres } from './db/open-postgres';
import type { DatabaseHandle, SqliteHandle } from './db/database-handle';
import { createHandlers } from './handlers';
import { createManagementGate, keepGateAcrossRestore } from './management/management-gate';
import { ensureRollupCurrent } from './rollups/rollup';
import { createBackupService } from './backup/backup-service';
import { serverSideBackups } from './backup/server-side-backups';
import { migrate } from './db/migrator';
import { DEFAULT_SETTINGS } from './settings/site-settings';
import { createChangeFeed } from './live/change-feed';
import { connectOtherProcesses } from './live/other-processes';
import { jumpChangeMarker } from './live/change-marker';
import { discardAbandonedImports } from './imports/staged-import';
import { migrations } from '../migrations';
import { AnalysisStore } from './analysis/analysis-store';
import { highestChange, markEverythingChanged } from './analysis/contact-changes';
import { fileSecretStore, mailPasswordFile, mailPasswordFileBeside, noSecretStore, type SecretStore } from './mail/secret-store';

export interface Core {
  /** Called directly by trusted local tools (CLI, benchmarks); bypasses the management gate. */
  handlers: Handlers;
  /** What the transports serve: the handlers behind the management gate. */
  api: Api;
  context: CoreContext;
  database: DatabaseHandle;
  close(): Promise<void>;
}

export interface OpenCoreOptions {
  /** Path of the SQLite file; created with the site's catalog when new. */
  file?: string;
  /** Instead of a file: a `postgres://` URL of an existing (empty or Kontaktdesk) database. */
  postgres?: string;
  now?: () => number;
  /** How long a write waits for another program's lock; 5 s by default. */
  busyTimeoutMs?: number;
  /**
   * Where the mail password is kept (the desktop app passes its safeStorage store). Default: the file
   * store beside the SQLite file, or in `dataDir` on PostgreSQL; without either, none can be stored.
   */
  secretStore?: SecretStore;
  /** This PC's data folder, for the default password file on PostgreSQL. */
  dataDir?: string;
  /** The desktop shell's HTML → PDF printer (CoreContext.printPdf). */
  printPdf?: (html: string) => Promise<Buffer>;
}

/** The backup settings read straight from the table, before the schema is current (a pre-migration backup). */
function rawBackupSettings(sqlite: SqliteHandle['sqlite']) {
  const rows = sqlite.prepare("select key, value from settings where key like 'backup%'").all() as { key: string; value: string }[];
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  return {
    backupFolder: stored.get('backupFolder') ?? DEFAULT_SETTINGS.backupFolder,
    backupKeepDaily: DEFAULT_SETTINGS.backupKeepDaily,
    backupKeepWeekly: DEFAULT_SETTINGS.backupKeepWeekly,
    backupKeepMonthly: DEFAULT_SETTINGS.backupKeepMonthly,
  };
}

function openDatabase({ file, postgres, now = Date.now, busyTimeoutMs }: OpenCoreOptions): Promise<DatabaseHandle> {
  if (postgres !== undefined) return openPostgres(postgres);
  if (file === undefined) throw new Error('openCore needs a SQLite file or a postgres:// URL');
  return openSqlite(file, {
    busyTimeoutMs,
    // The settings table exists from schema version 1, so the configured folder is known before migrating.
    beforeMigrate: async (sqlite) => {
      await createBackupService({ sqlite, file, now, settings: async () => rawBackupSettings(sqlite), afterRestore: async () => {} }).backupAs('premigration');
    },
  });
}

function secretStoreOf({ secretStore, file, postgres, dataDir }: OpenCoreOptions): SecretStore {
  if (secretStore) return secretStore;
  if (postgres === undefined && file !== undefined) return fileSecretStore(mailPasswordFileBeside(file));
  return dataDir === undefined ? noSecretStore() : fileSecretStore(mailPasswordFile(dataDir, false));
}

/** Opens the database, migrates it, seeds a new one, and returns the contract's handlers. */
export async function openCore(options: OpenCoreOptions): Promise<Core> {
  const { now = Date.now } = options;
  const database = await openDatabase(options);
  try {
    await seedCatalogIfEmpty(database.db);
    await ensureRollupCurrent(database.db);
    // An import whose process died left hidden rows (never visible); they go now, or at the next
    // start or import if the file cannot be written at the moment.
    await discardAbandonedImports(database.db).catch(() => 0);
  } catch (err) {
    await database.close();
    throw err;
  }
  const changes = createChangeFeed();
  const otherProcesses = await connectOtherProcesses(database, changes);
  const catalog = createCatalogCache(database.db, otherProcesses.hint);
  const gate = createManagementGate({ db: database.db, now, idleLimitMs: async () => (await catalog.catalog()).settings.autoLockMinutes * 60_000 });
  const gateAcrossRestore = keepGateAcrossRestore(database.db);
  const analysis = new AnalysisStore(database.db, database.dialect === 'sqlite' ? database.file : null);
  // Other processes on the file have followed the change log up to a number the backup may repeat.
  let changesBeforeRestore = 0;
  const beforeRestore = async () => {
    changesBeforeRestore = await highestChange(database.db).catch(() => 0);
    await gateAcrossRestore.before();
  };
  const afterRestore = async () => {
    // A backup from before an update has the older schema; its rollups were current for its own rows.
    await migrate(database.db, migrations);
    await gateAcrossRestore.after();
    await ensureRollupCurrent(database.db);
    await discardAbandonedImports(database.db).catch(() => 0);
    // Other processes on this file hold the catalog of the marker they last read, which the backup may repeat.
    await jumpChangeMarker(database.db);
    catalog.invalidate();
    await markEverythingChanged(database.db, changesBeforeRestore);
    void analysis
      .reload()
      .then(async () => analysis.warm((await catalog.catalog()).topics))
      .catch(() => undefined);
  };
  const backups =
    database.dialect === 'sqlite'
      ? createBackupService({
          sqlite: database.sqlite,
          file: database.file,
          now,
          settings: async () => (await catalog.catalog()).settings,
          beforeRestore,
          afterRestore,
        })
      : serverSideBackups(database.label);
  const context: CoreContext = {
    db: database.db,
    catalog,
    now,
    gate,
    backups,
    changes,
    analysis,
    secrets: secretStoreOf(options),
    ...(options.printPdf && { printPdf: options.printPdf }),
  };
  // Loads in the background: the desk answers at once, filtered reports wait for it; then counts its months.
  void analysis
    .start()
    .then(async () => analysis.warm((await catalog.catalog()).topics))
    .catch(() => undefined);
  const handlers = createHandlers(context);
  const close = async () => {
    analysis.close();
    await analysis.start().catch(() => undefined);
    await otherProcesses.close();
    await database.close();
  };
  return { handlers, api: { handlers, gate, changes: { subscribe: changes.subscribe } }, context, database, close };
}
