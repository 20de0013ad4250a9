import type { Kysely } from 'kysely';
import type { CatalogCache } from './catalog/catalog-cache';
import type { Schema } from './db/schema';
import type { BackupService } from './backup/backup-service';
import type { ManagementGate } from './management/management-gate';
import type { ChangeFeed } from './live/change-feed';
import type { AnalysisStore } from './analysis/analysis-store';
import type { SecretStore } from './mail/secret-store';

/** What every capability module receives: the database, the cached catalog and the clock. */
export interface CoreContext {
  db: Kysely<Schema>;
  catalog: CatalogCache;
  /** Epoch ms; injected so tests can move time. */
  now: () => number;
  /** Unlocked management sessions and the wrong-PIN limit, kept in the database: every process on it agrees. */
  gate: ManagementGate;
  /** Verified backups of this database through SQLite's backup API, and restore. */
  backups: BackupService;
  /** Where committed writes are announced to every open window, tab and tablet. */
  changes: ChangeFeed;
  /** The counting contacts in memory, for filtered reports and pivots at interactive speed (core/analysis). */
  analysis: AnalysisStore;
  /** Where this PC keeps the mail server's password (core/mail/secret-store.ts): never the database. */
  secrets: SecretStore;
  /** The desktop shell's printer of a self-contained HTML page to an A4 PDF (report mails with a PDF); absent in browser mode and the CLI. */
  printPdf?: (html: string) => Promise<Buffer>;
}
