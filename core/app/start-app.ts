import type { Api } from '../api/dispatch';
import type { Core } from '../open-core';
import { startBackupSchedule, type BackupSchedule } from './backup-schedule';
import { startMailSchedule, type MailScheduleTimer } from './mail-schedule';
import { databaseFile } from './data-location';
import { acquireInstanceLock } from './instance-lock';
import { openAppCore } from './open-app-core';
import { createRecoveryApi, PROBLEM_MESSAGES, restoreNewestGoodBackup } from './recovery-api';
import { checkDatabaseFile, type StartupCheck } from './startup-check';
import type { StartupState } from './startup-state';
import { createSwitchableApi } from './switchable-api';
import type { SecretStore } from '../mail/secret-store';

export interface AppOptions {
  dataDir: string;
  demo?: boolean;
  /** A `postgres://` URL: run on that database; the SQLite file checks and backups then do not apply. */
  postgres?: string;
  /** Where this instance can be reached, if known at start ("desktop window"); see App.announce. */
  address?: string;
  now?: () => number;
  /** Where the console messages of a start go (npm start prints them): a failed start, a stale lock taken over. */
  report?: (message: string) => void;
  /** For tests: how long the lock probe waits. */
  busyTimeoutMs?: number;
  /** Where the mail password is kept: the desktop app passes its safeStorage store (electron/secret-store.ts); default a 0600 file in `dataDir`. */
  secretStore?: SecretStore;
  /** The desktop shell's HTML → PDF printer (electron/print-html-pdf.ts), for report mails with a PDF; browser mode has none. */
  printPdf?: (html: string) => Promise<Buffer>;
}

export interface App {
  /** What both transports serve; the same object for the app's whole life, also across a recovery. */
  api: Api;
  /** The SQLite file, or the masked PostgreSQL URL. */
  file: string;
  /** The state found at start, or `ok` after a recovery. */
  startup(): StartupState;
  /** The open core; null while the database cannot be used. */
  core(): Core | null;
  /** Where this instance can be reached (browser mode's URL once it listens), for a second start to name. */
  announce(address: string): void;
  close(): Promise<void>;
}

/**
 * What both shells run at start, so they stay thin: refuses to run beside another app process on the
 * same file (AlreadyRunningError, before the file is even read; see instance-lock.ts), checks the file
 * (damage, lock, read-only) before anything writes to it, opens the core, clears leftovers of backups
 * killed mid-write, takes the start backup before serving and the daily ones after. When the file
 * cannot be used, the transports get an api that says why (and, for a damaged file, can restore the
 * newest good backup) instead of the app crashing or writing into it.
 */
export async function startApp({
  dataDir,
  demo = false,
  postgres,
  address,
  now = Date.now,
  report = console.error,
  busyTimeoutMs,
  secretStore,
  printPdf,
}: AppOptions): Promise<App> {
  if (postgres !== undefined) return startOnPostgres(dataDir, postgres, now, secretStore, printPdf);
  const file = databaseFile(dataDir, demo);
  const lock = acquireInstanceLock(file, { address, report });
  let core: Core | null = null;
  let schedule: BackupSchedule | null = null;
  let mails: MailScheduleTimer | null = null;
  let state: StartupState = { state: 'ok' };

  const open = async () => {
    core = await openAppCore({ dataDir, demo, now, secretStore, printPdf });
    // A backup cut off by a kill or power cut left its `.partial` file: cleared before this start's backup
    // writes anything, and only those (leftovers.ts). Failing to clear them never stops the desk.
    await core.context.backups
      .removeLeftovers()
      .catch((err: unknown) => report(`Leftovers of interrupted backups were not removed: ${err instanceof Error ? err.message : String(err)}`));
    // The demo's history is synthetic and made again by a fresh start: no automatic copies of it. Backup
    // now and restore still work in the demo (into its own folder), so the feature can be tried there.
    if (demo) return core;
    schedule = await startBackupSchedule(core.context.backups, {
      report: (err) => report(`Automatic backup failed: ${err instanceof Error ? err.message : String(err)}`),
    });
    // Like the backups, not in the demo: its made-up figures are never mailed by themselves ("Jetzt senden" still works).
    mails = startMailSchedule(core.context, { report: (err) => report(`Scheduled report mail failed: ${err instanceof Error ? err.message : String(err)}`) });
    return core;
  };

  const started = (api: Api): App => ({
    api,
    file,
    startup: () => state,
    core: () => core,
    announce: (address) => lock.announce(address),
    close: async () => {
      try {
        schedule?.stop();
        mails?.stop();
        await schedule?.idle();
        await mails?.idle();
        await core?.close();
      } finally {
        // Only after the file is closed may the next instance open it.
        lock.release();
      }
    },
  });

  let check: StartupCheck;
  try {
    check = checkDatabaseFile(file, { busyTimeoutMs });
    if (check.ok) return started((await open()).api);
  } catch (err) {
    lock.release();
    throw err;
  }

  state = { state: check.problem, detail: check.detail };
  report(`${PROBLEM_MESSAGES[check.problem]}\nDatabase file: ${file}\n(${check.detail})`);
  const switchable = createSwitchableApi(
    createRecoveryApi(check.problem, check.detail, file, async () => {
      const recovery = await restoreNewestGoodBackup(file, now());
      const opened = await open();
      state = { state: 'ok' };
      switchable.switchTo(opened.api);
      return recovery;
    }),
  );
  return started(switchable.api);
}

/**
 * On PostgreSQL the server guards the data (its own checks, locks and backups): the core opens
 * directly, and an unreachable server or refused login stops the start with the reason.
 */
async function startOnPostgres(
  dataDir: string,
  postgres: string,
  now: () => number,
  secretStore: SecretStore | undefined,
  printPdf: AppOptions['printPdf'],
): Promise<App> {
  const core = await openAppCore({ dataDir, postgres, now, secretStore, printPdf });
  // Every PC on the database runs the schedules; the delivery log's claim makes sure one of them sends.
  const mails = startMailSchedule(core.context, {
    report: (err) => console.error(`Scheduled report mail failed: ${err instanceof Error ? err.message : String(err)}`),
  });
  const close = async () => {
    mails.stop();
    await mails.idle();
    await core.close();
  };
  return { api: core.api, file: core.file, startup: () => ({ state: 'ok' }), core: () => core, announce: () => undefined, close };
}
