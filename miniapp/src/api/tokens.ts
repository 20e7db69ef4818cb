import { stringEntry } from '../kit/storage';

/** Where the access token lives; the accounts issue adds the refresh token next to it. */
export interface TokenStore {
  get(): string | null;
  set(token: string | null): void;
}

export const taroTokenStore: TokenStore = stringEntry('warmcity.accessToken');

export function memoryTokenStore(initial: string | null = null): TokenStore {
  let token = initial;
  return { get: () => token, set: (t) => void (token = t) };
}
