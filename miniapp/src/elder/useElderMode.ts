import { useSyncExternalStore } from 'react';
import { elderStore, type ElderStore } from './store';

/** `[on, set]` for the large-text mode; every mounted page re-renders when it changes. */
export function useElderMode(store: ElderStore = elderStore): [boolean, (on: boolean) => void] {
  const on = useSyncExternalStore(store.subscribe, store.get, store.get);
  return [on, store.set];
}
