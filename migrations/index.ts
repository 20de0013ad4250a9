import type { Migration } from '../core/db/migrator';
import { initial } from './0001-initial';
import { reports } from './0002-reports';
import { reportTotals } from './0003-report-totals';
import { catalogEditing } from './0004-catalog-editing';
import { imports } from './0005-imports';
import { devices } from './0006-devices';
import { contactsByTime } from './0007-contacts-by-time';
import { closures } from './0008-closures';
import { changeMarker } from './0009-change-marker';
import { managementSessions } from './0010-management-sessions';
import { contactChanges } from './0011-contact-changes';
import { savedViews } from './0012-saved-views';
import { publication } from './0013-publication';
import { mail } from './0014-mail';
import { mailDueFrom } from './0015-mail-due-from';

/** Every schema step, oldest first. Append only. */
export const migrations: readonly Migration[] = [
  initial,
  reports,
  reportTotals,
  catalogEditing,
  imports,
  devices,
  contactsByTime,
  closures,
  changeMarker,
  managementSessions,
  contactChanges,
  savedViews,
  publication,
  mail,
  mailDueFrom,
];
