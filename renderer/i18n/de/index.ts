import { desk } from './desk';
import { reports } from './reports';
import { admin } from './admin';
import { records } from './records';
import { contacts } from './contacts';

/** German UI texts: the default. English mirrors every key (checked by the type of `en` and a test). Split by area so each file stays small. */
export const de = { ...desk, ...reports, ...admin, ...records, ...contacts };

export type Messages = typeof de;
