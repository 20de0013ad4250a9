import { deskNamespace } from './desk-namespace';
import { manageNamespace } from './manage-namespace';

/**
 * Every German UI text, all namespaces merged: what tests and the type of `en` check against. The app
 * itself loads the namespaces one by one (see ../i18n.ts); German is the default, English mirrors every key.
 */
export const de = { ...deskNamespace, ...manageNamespace };

export type Messages = typeof de;
