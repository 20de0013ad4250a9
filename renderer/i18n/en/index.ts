import type { Messages } from '../de';
import { deskNamespace } from './desk-namespace';
import { manageNamespace } from './manage-namespace';

/** Every English UI text, all namespaces merged, namespace by namespace as in German. */
export const en: Messages = { ...deskNamespace, ...manageNamespace };
