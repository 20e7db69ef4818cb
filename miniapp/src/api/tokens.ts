import Taro from '@tarojs/taro';

/** Where the access token lives; the accounts issue adds the refresh token next to it. */
export interface TokenStore {
  get(): string | null;
  set(token: string | null): void;
}

const KEY = 'warmcity.accessToken';

export const taroTokenStore: TokenStore = {
  get() {
    try {
      const value: unknown = Taro.getStorageSync(KEY);
      return typeof value === 'string' && value ? value : null;
    } catch {
      return null;
    }
  },
  set(token) {
    try {
      if (token) Taro.setStorageSync(KEY, token);
      else Taro.removeStorageSync(KEY);
    } catch {
      // Storage unavailable: the session lasts until the app closes.
    }
  },
};

export function memoryTokenStore(initial: string | null = null): TokenStore {
  let token = initial;
  return { get: () => token, set: (t) => void (token = t) };
}
