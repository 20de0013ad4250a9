import type { ManageNamespaceMessages } from '../de/manage-namespace';
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

/** English texts of the `manage` namespace, as in German. */
export const manageNamespace: ManageNamespaceMessages = {
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
