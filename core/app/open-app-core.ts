import { databaseFile } from './data-location';
import { databaseLabel } from '../db/database-handle';
import { openCore, type Core } from '../open-core';
import { seedDemoHistory } from '../demo/seed-demo-history';
import { fileSecretStore, mailPasswordFile, type SecretStore } from '../mail/secret-store';

export interface AppCoreOptions {
  dataDir: string;
  demo?: boolean;
  /** A `postgres://` URL to run on instead of the SQLite file in `dataDir`. */
  postgres?: string;
  now?: () => number;
  /** Where the mail password is kept: the desktop app's safeStorage store; by default a 0600 file in `dataDir` (also on PostgreSQL: each PC keeps its own). */
  secretStore?: SecretStore;
  /** The desktop shell's HTML → PDF printer, for report mails with a PDF. */
  printPdf?: (html: string) => Promise<Buffer>;
}

/** What both shells open at start: the site's database (a SQLite file, or PostgreSQL), or the separate demo database with history. */
export async function openAppCore({ dataDir, demo = false, postgres, now, secretStore, printPdf }: AppCoreOptions): Promise<Core & { file: string }> {
  secretStore ??= fileSecretStore(mailPasswordFile(dataDir, demo));
  if (postgres !== undefined) {
    const core = await openCore({ postgres, now, secretStore, printPdf });
    return { ...core, file: databaseLabel(core.database) };
  }
  const file = databaseFile(dataDir, demo);
  const core = await openCore({ file, now, secretStore, printPdf });
  if (demo) await seedDemoHistory(core.context);
  return { ...core, file };
}
