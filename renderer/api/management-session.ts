/**
 * The management session of this tab: kept in sessionStorage, so a reload keeps it but another
 * tab, window or device never sees it. Listeners hear when it opens or closes (also when the
 * server reports it locked), so the management area can show the PIN screen at once.
 */
export const SESSION_STORAGE_KEY = 'kontaktdesk.managementSession';

type Listener = (session: string | undefined) => void;
const listeners = new Set<Listener>();

function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    // Storage can be switched off; the session then lives until the page is left.
    return undefined;
  }
}

let memory: string | undefined = storage()?.getItem(SESSION_STORAGE_KEY) ?? undefined;

export const currentSession = (): string | undefined => memory;

export function setSession(session: string | undefined): void {
  if (session === memory) return;
  memory = session;
  if (session === undefined) storage()?.removeItem(SESSION_STORAGE_KEY);
  else storage()?.setItem(SESSION_STORAGE_KEY, session);
  listeners.forEach((listener) => listener(session));
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
