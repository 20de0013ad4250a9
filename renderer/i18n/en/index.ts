import type { Messages } from '../de';
import { desk } from './desk';
import { reports } from './reports';
import { admin } from './admin';
import { records } from './records';
import { contacts } from './contacts';

/** English UI texts, area by area as in German. */
export const en: Messages = { ...desk, ...reports, ...admin, ...records, ...contacts };
