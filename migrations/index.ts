import type { Migration } from '../core/db/migrator';
import { initial } from './0001-initial';
import { reports } from './0002-reports';
import { reportTotals } from './0003-report-totals';

/** Every schema step, oldest first. Append only. */
export const migrations: readonly Migration[] = [initial, reports, reportTotals];
