import type { Messages } from '../de';
import { desk } from './desk';
import { reports } from './reports';
import { admin } from './admin';
import { records } from './records';
import { contacts } from './contacts';
import { closures } from './closures';
import { reportFigures } from './report-figures';
import { auditSentences } from './audit-sentences';
import { setup } from './setup';

/** English UI texts, area by area as in German. */
export const en: Messages = { ...desk, ...reports, ...admin, ...records, ...contacts, ...closures, ...reportFigures, ...auditSentences, ...setup };
