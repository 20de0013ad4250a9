import { admin } from './admin';
import { analysis } from './analysis';
import { auditSentences } from './audit-sentences';
import { closures } from './closures';
import { contacts } from './contacts';
import { records } from './records';
import { reportFigures } from './report-figures';
import { reportFilters } from './report-filters';
import { publication } from './publication';
import { mail } from './mail';
import { reports } from './reports';
import { setup } from './setup';

/**
 * The `manage` namespace: every text behind the PIN (reports, print, catalog, settings, audit, import, backup,
 * devices, closures, contact browser). Loaded with the management area's code, so the desk never downloads it.
 */
export const manageNamespace = {
  ...reports,
  ...admin,
  ...records,
  ...contacts,
  ...closures,
  ...reportFigures,
  ...auditSentences,
  ...setup,
  ...analysis,
  ...reportFilters,
  ...publication,
  ...mail,
};

export type ManageNamespaceMessages = typeof manageNamespace;
