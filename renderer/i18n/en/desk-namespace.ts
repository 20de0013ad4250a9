import type { DeskNamespaceMessages } from '../de/desk-namespace';
import { access } from './access';
import { desk } from './desk';

/** English texts of the `desk` namespace, as in German. */
export const deskNamespace: DeskNamespaceMessages = { ...desk, ...access };
