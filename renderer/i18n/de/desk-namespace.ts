import { access } from './access';
import { desk } from './desk';

/**
 * The `desk` namespace, loaded at start: the desk, the app frame, the error texts every screen shares, and
 * what shows before the management area opens (PIN gate, start-up problems, pairing). Also the fallback of
 * every other namespace, so a management screen finds `errors.*` or `edit.cancel` here.
 */
export const deskNamespace = { ...desk, ...access };

export type DeskNamespaceMessages = typeof deskNamespace;
