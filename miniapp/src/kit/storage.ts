import Taro from '@tarojs/taro';

/**
 * The one wrapper over Taro's sync storage. Storage can throw (full, disabled in a private
 * browser tab, a broken mini-program base library); a setting or token then lasts for this run
 * only instead of breaking the page.
 */
export interface KeyValueStorage {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  remove(key: string): void;
}

export const storage: KeyValueStorage = {
  get(key) {
    try {
      return Taro.getStorageSync(key);
    } catch {
      return undefined;
    }
  },
  set(key, value) {
    try {
      Taro.setStorageSync(key, value);
    } catch {
      // Unavailable: kept for this run only.
    }
  },
  remove(key) {
    try {
      Taro.removeStorageSync(key);
    } catch {
      // Unavailable: nothing was stored either.
    }
  },
};

/** One string under one key (a token): empty or missing reads as null, null removes it. */
export function stringEntry(key: string, store: KeyValueStorage = storage) {
  return {
    get(): string | null {
      const value = store.get(key);
      return typeof value === 'string' && value ? value : null;
    },
    set(value: string | null) {
      if (value) store.set(key, value);
      else store.remove(key);
    },
  };
}
