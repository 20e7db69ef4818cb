import { storage, type KeyValueStorage } from '../kit/storage';

/** The part of the platform storage the setting needs. */
export type SettingStorage = Pick<KeyValueStorage, 'get' | 'set'>;

export const ELDER_MODE_KEY = 'warmcity.elderMode';

export const taroStorage: SettingStorage = storage;

export interface ElderStore {
  get(): boolean;
  set(on: boolean): void;
  toggle(): void;
  subscribe(listener: () => void): () => void;
}

/** The large-text (适老化) setting: persisted, read once lazily, observable by every page. */
export function createElderStore(storage: SettingStorage): ElderStore {
  let value: boolean | undefined;
  const listeners = new Set<() => void>();
  const store: ElderStore = {
    get() {
      value ??= storage.get(ELDER_MODE_KEY) === true;
      return value;
    },
    set(on) {
      if (store.get() === on) return;
      value = on;
      storage.set(ELDER_MODE_KEY, on);
      for (const listener of [...listeners]) listener();
    },
    toggle() {
      store.set(!store.get());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return store;
}

export const elderStore = createElderStore(taroStorage);
