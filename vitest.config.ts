import { defineConfig } from 'vitest/config';

/**
 * The core and contract suites run twice: on SQLite (the embedded default) and on a real PostgreSQL
 * server. These files stay SQLite-only, each for its reason.
 */
const SQLITE_ONLY = [
  // The SQLite file itself: backup API, damaged/locked files, prepared statements, upgrading old files, the demo file.
  'test/core/backup.test.ts',
  'test/core/backup-rotation.test.ts',
  'test/core/startup-checks.test.ts',
  'test/core/statement-cache.test.ts',
  'test/core/begin-immediate.test.ts',
  'test/core/migrations.test.ts',
  'test/core/migration-catalog-editing.test.ts',
  'test/core/import-migration.test.ts',
  'test/core/migration-contacts-by-time.test.ts',
  'test/core/migration-closures.test.ts',
  'test/core/migration-publication.test.ts',
  'test/core/demo-history.test.ts',
  'test/reports/demo-referrals.test.ts',
  // The mail password file beside the SQLite file, and what the SQLite backups hold of it (nothing).
  'test/mail/mail-password-file.test.ts',
  // Pure functions and files, no database: running them twice proves nothing more.
  'test/core/local-parts.test.ts',
  'test/core/local-parts-reader.test.ts',
  'test/reports/calendar-days.test.ts',
  'test/reports/comparison-periods.test.ts',
  'test/reports/open-hours.test.ts',
  'test/core/austrian-holidays.test.ts',
  'test/reports/ordinary-days.test.ts',
  'test/reports/suppression.test.ts',
  'test/views/period-rules.test.ts',
  'test/mail/due-periods.test.ts',
  'test/exports/pivot-export.test.ts',
  'test/exports/report-filter-line.test.ts',
  'test/exports/report-html.test.ts',
  'test/publication/perturbation-table.test.ts',
  'test/mail/mail-words.test.ts',
];

/**
 * Three groups of files: the SQLite and PostgreSQL suites run two files at a time (much of their time
 * is spent waiting on PostgreSQL, fsync and child processes, not on this process's CPU); then the
 * browser suites one at a time, since Chromium and the app each want a core of a 2-core machine.
 */
export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['test/postgres/**', 'test/e2e/**'],
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: [
            'test/core/**/*.test.ts',
            'test/contract/**/*.test.ts',
            'test/reports/**/*.test.ts',
            'test/analysis/**/*.test.ts',
            'test/exports/**/*.test.ts',
            'test/postgres/**/*.test.ts',
            'test/views/**/*.test.ts',
            'test/publication/**/*.test.ts',
            'test/mail/**/*.test.ts',
          ],
          exclude: SQLITE_ONLY,
          env: { KONTAKTDESK_TEST_DIALECT: 'postgres' },
          globalSetup: ['test/support/postgres-global-setup.ts'],
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
