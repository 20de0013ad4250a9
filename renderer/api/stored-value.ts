type Listener = (value: string | undefined) => void;

/** A web storage, or undefined where the browser has it switched off (reading it then throws). */
export function webStorage(storageOf: () => Storage): Storage | undefined {
  try {
    return storageOf();
  } catch {
    return undefined;
  }
}

/**
 * One string kept in web storage with listeners that hear every change: the management session
 * (sessionStorage, this tab only) and the device token (localStorage, this browser). Storage can be
 * switched off; the value then lives in memory until the page is left.
 */
export function storedValue(key: string, storageOf: () => Storage) {
  const storage = () => webStorage(storageOf);
  const listeners = new Set<Listener>();
  let memory: string | undefined = storage()?.getItem(key) ?? undefined;
  return {
    get: (): string | undefined => memory,
    set(value: string | undefined): void {
      if (value === memory) return;
      memory = value;
      if (value === undefined) storage()?.removeItem(key);
      else storage()?.setItem(key, value);
      listeners.forEach((listener) => listener(value));
    },
    onChange(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
