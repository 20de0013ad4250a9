import { storedValue } from './stored-value';

/**
 * The management session of this tab: kept in sessionStorage, so a reload keeps it but another
 * tab, window or device never sees it. Listeners hear when it opens or closes (also when the
 * server reports it locked), so the management area can show the PIN screen at once.
 */
export const SESSION_STORAGE_KEY = 'kontaktdesk.managementSession';

const session = storedValue(SESSION_STORAGE_KEY, () => window.sessionStorage);

export const currentSession = session.get;
export const setSession = session.set;
export const onSessionChange = session.onChange;
