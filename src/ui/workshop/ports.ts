/**
 * What the workshop client needs from the browser, passed in so the logic runs in Node tests with a
 * fake storage and a fake fetch.
 */

/** localStorage, or a stand-in. Any call may throw (storage full, blocked in a private window). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

/** Reads a JSON value; undefined when absent, unreadable or not JSON. */
export function readStored(storage: KeyValueStorage, key: string): unknown {
  try {
    const raw = storage.getItem(key);
    return raw === null ? undefined : (JSON.parse(raw) as unknown);
  } catch {
    return undefined;
  }
}

/** Writes a JSON value; false when storage refused it. */
export function writeStored(storage: KeyValueStorage, key: string, value: unknown): boolean {
  try {
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function removeStored(storage: KeyValueStorage, key: string): void {
  try {
    storage.removeItem(key);
  } catch {
    // Storage that can't be written can't hold a stale value either.
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
