import { useSyncExternalStore } from 'react';
import { sessionStore, type SessionState, type SessionStore } from './store';

export function useSession(store: SessionStore = sessionStore): SessionState {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
