import { stringEntry } from '../kit/storage';
import type { OperationResponse, api } from '@warmcity/shared';

export type Account = OperationResponse<typeof api.accounts.me>;
export type SessionTokens = OperationResponse<typeof api.accounts.signIn>;

export type SessionState =
  | { status: 'starting' }
  | { status: 'signed-out'; error?: string }
  /** A stored session the BFF could not be asked about (offline, an outage). */
  | { status: 'unreachable' }
  | { status: 'signed-in'; account: Account };

/** The refresh token outlives app restarts; like the access token it never leaves storage but
 * to go to the BFF. */
export const refreshTokenStorage = stringEntry('warmcity.refreshToken');

type Listener = () => void;

/** Who is signed in, for every page at once (the same pattern as the elder-mode store). */
export function createSessionStore() {
  let state: SessionState = { status: 'starting' };
  const listeners = new Set<Listener>();
  return {
    get: () => state,
    set(next: SessionState) {
      state = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener: Listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
export const sessionStore = createSessionStore();
