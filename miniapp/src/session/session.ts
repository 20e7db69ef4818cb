import Taro from '@tarojs/taro';
import { ApiError, apiClient, apiBaseUrl, createClient } from '../api/client';
import { routes } from '../api/routes';
import { memoryTokenStore, taroTokenStore } from '../api/tokens';
import { refreshTokenStorage, sessionStore, type SessionTokens } from './store';

// Sign-in and refresh go through a client of their own: a 401 from the refresh call must not
// start another refresh inside the one that is waiting for it.
const tokenClient = createClient({ baseUrl: apiBaseUrl, tokens: memoryTokenStore(), refresher: null });

export type Provider = 'wechat' | 'alipay' | 'dev';

declare const my: {
  getAuthCode(options: { scopes: string; success(res: { authCode: string }): void; fail(err: unknown): void }): void;
};

/** The platform's one-time login code, without asking the user anything (`auth_base`). Null
 * in the H5 build, which has no platform account; it uses the dev provider's picker. */
async function platformCode(): Promise<{ provider: Provider; code: string } | null> {
  if (process.env.TARO_ENV === 'weapp') {
    const { code } = await Taro.login();
    return { provider: 'wechat', code };
  }
  if (process.env.TARO_ENV === 'alipay') {
    const code = await new Promise<string>((resolve, reject) =>
      my.getAuthCode({ scopes: 'auth_base', success: (res) => resolve(res.authCode), fail: reject }),
    );
    return { provider: 'alipay', code };
  }
  return null;
}

function adopt(tokens: SessionTokens) {
  taroTokenStore.set(tokens.accessToken);
  refreshTokenStorage.set(tokens.refreshToken);
  sessionStore.set({ status: 'signed-in', account: tokens.account });
}

function forget(error?: string) {
  taroTokenStore.set(null);
  refreshTokenStorage.set(null);
  sessionStore.set({ status: 'signed-out', ...(error ? { error } : {}) });
}

export async function signIn(provider: Provider, code: string): Promise<void> {
  try {
    adopt(await tokenClient.call(routes.accounts.signIn, { body: { provider, code } }));
  } catch (error) {
    forget((error as Error).message);
    throw error;
  }
}

type Refreshed = 'renewed' | 'none' | 'ended' | 'unreachable';

/** Trades the stored refresh token for a new pair. */
async function refreshSession(): Promise<Refreshed> {
  const refreshToken = refreshTokenStorage.get();
  if (!refreshToken) return 'none';
  try {
    adopt(await tokenClient.call(routes.accounts.refresh, { body: { refreshToken } }));
    return 'renewed';
  } catch (error) {
    // Only an ended session is forgotten; offline, rate-limited or in an outage, the token is
    // still good later.
    if (error instanceof ApiError && error.status === 401) {
      forget();
      return 'ended';
    }
    return 'unreachable';
  }
}

/** The mini-program's silent sign-in with the platform's login code; false on H5. */
async function platformSignIn(): Promise<boolean> {
  const platform = await platformCode().catch(() => null);
  if (!platform) return false;
  await signIn(platform.provider, platform.code).catch(() => undefined);
  return sessionStore.get().status === 'signed-in';
}

/** The client's one retry after a 401: refresh, or in a mini-program sign in afresh silently. */
async function recover(): Promise<boolean> {
  return (await refreshSession()) === 'renewed' || platformSignIn();
}

/**
 * On launch (and when 我的 retries): resume the stored session, else sign in silently where the
 * platform allows. A stored session the BFF could not be asked about is `unreachable`, not
 * signed out: the person is still signed in once the service answers.
 */
export async function startSession(): Promise<void> {
  apiClient.setRefresher(recover);
  const refreshed = await refreshSession();
  if (refreshed === 'renewed') return;
  if (refreshed === 'unreachable') {
    sessionStore.set({ status: 'unreachable' });
    return;
  }
  if (await platformSignIn()) return;
  const { status } = sessionStore.get();
  if (status === 'starting' || status === 'unreachable') sessionStore.set({ status: 'signed-out' });
}

/** The sign-in gate's button in a mini-program: the platform's own login, asked for now. */
export async function signInWithPlatform(): Promise<void> {
  const platform = await platformCode();
  if (!platform) throw new Error('no platform sign-in in this build');
  await signIn(platform.provider, platform.code);
}

/** Re-reads the account (after binding an identity, or a role change). */
export async function reloadAccount(): Promise<void> {
  const account = await apiClient.call(routes.accounts.me);
  sessionStore.set({ status: 'signed-in', account });
}

export async function signOut(): Promise<void> {
  const refreshToken = refreshTokenStorage.get();
  forget();
  if (refreshToken) await tokenClient.call(routes.accounts.signOut, { body: { refreshToken } }).catch(() => undefined);
}

/** After the account is deleted on the BFF, nothing of it stays on the phone either. */
export const forgetSession = () => forget();
