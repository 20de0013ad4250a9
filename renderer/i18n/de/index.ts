import { desk } from './desk';
import { reports } from './reports';
import { admin } from './admin';
import { records } from './records';
import { contacts } from './contacts';
import { closures } from './closures';
import { reportFigures } from './report-figures';
import { auditSentences } from './audit-sentences';
import { setup } from './setup';

/** German UI texts: the default. English mirrors every key (checked by the type of `en` and a test). Split by area so each file stays small. */
export const de = { ...desk, ...reports, ...admin, ...records, ...contacts, ...closures, ...reportFigures, ...auditSentences, ...setup };

export type Messages = typeof de;
