import { beforeEach, describe, expect, it, vi } from 'vitest';

// Taro's request and storage are the platform boundary: the only things replaced.
const request = vi.fn();
const storage = new Map<string, unknown>();
vi.mock('@tarojs/taro', () => ({
  default: {
    request: (...args: unknown[]) => request(...args),
    getStorageSync: (key: string) => storage.get(key) ?? '',
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    removeStorageSync: (key: string) => void storage.delete(key),
  },
}));

const { apiClient } = await import('../src/api/client');
const { routes } = await import('../src/api/routes');
const { startSession, signIn, signOut } = await import('../src/session/session');
const { sessionStore } = await import('../src/session/store');

const account = {
  id: 'a'.repeat(24),
  provider: 'dev',
  roles: ['resident'],
  staffScopes: [],
  identity: null,
  createdAt: '2026-01-01T00:00:00.000Z',
};
const tokens = (n: number) => ({
  accessToken: `access-${n}`,
  refreshToken: `rt_refresh-${n}`,
  expiresIn: 900,
  account,
});
const answer = (statusCode: number, data: unknown) => ({ statusCode, data, header: {} });
const problem = (status: number, code: string) => answer(status, { type: 'about:blank', title: code, status, code });
const sent = (i: number) => request.mock.calls[i]![0] as { url: string; header: Record<string, string>; data?: string };

beforeEach(() => {
  request.mockReset();
  storage.clear();
  sessionStore.set({ status: 'starting' });
});

describe('session', () => {
  it('resumes a stored session on launch by rotating its refresh token', async () => {
    storage.set('warmcity.refreshToken', 'rt_refresh-0');
    request.mockResolvedValueOnce(answer(200, tokens(1)));

    await startSession();

    expect(sent(0).url).toBe('/api/accounts/refresh');
    expect(JSON.parse(sent(0).data!)).toEqual({ refreshToken: 'rt_refresh-0' });
    expect(storage.get('warmcity.refreshToken')).toBe('rt_refresh-1');
    expect(storage.get('warmcity.accessToken')).toBe('access-1');
    expect(sessionStore.get()).toEqual({ status: 'signed-in', account });
  });

  it('without a stored session, and with no platform login (H5), is signed out without calling anyone', async () => {
    await startSession();
    expect(request).not.toHaveBeenCalled();
    expect(sessionStore.get().status).toBe('signed-out');
  });

  it('an expired access token is refreshed once, and the call retried with the new one', async () => {
    storage.set('warmcity.refreshToken', 'rt_refresh-0');
    request.mockResolvedValueOnce(answer(200, tokens(1)));
    await startSession();
    request.mockReset();
    request
      .mockResolvedValueOnce(problem(401, 'UNAUTHENTICATED'))
      .mockResolvedValueOnce(answer(200, tokens(2)))
      .mockResolvedValueOnce(answer(200, account));

    const me = await apiClient.call(routes.accounts.me);

    expect(me.id).toBe(account.id);
    expect(sent(0).header.Authorization).toBe('Bearer access-1');
    expect(sent(1).url).toBe('/api/accounts/refresh');
    expect(JSON.parse(sent(1).data!)).toEqual({ refreshToken: 'rt_refresh-1' });
    expect(sent(2).header.Authorization).toBe('Bearer access-2');
  });

  it('a refused refresh forgets the session instead of looping', async () => {
    storage.set('warmcity.refreshToken', 'rt_revoked');
    request.mockResolvedValue(problem(401, 'REFRESH_TOKEN_INVALID'));

    await startSession();

    expect(request).toHaveBeenCalledTimes(1);
    expect(storage.has('warmcity.refreshToken')).toBe(false);
    expect(sessionStore.get().status).toBe('signed-out');
  });

  it('an unreachable or rate-limited refresh keeps the stored token for later', async () => {
    storage.set('warmcity.refreshToken', 'rt_still-good');
    request.mockResolvedValueOnce(problem(429, 'RATE_LIMITED')).mockRejectedValueOnce(new Error('offline'));

    await startSession();
    await startSession();

    expect(storage.get('warmcity.refreshToken')).toBe('rt_still-good');
    // Still signed in as far as anyone knows: 我的 offers a retry, not the sign-in picker.
    expect(sessionStore.get()).toEqual({ status: 'unreachable' });
  });

  it('signing out forgets the tokens on the phone and ends the family on the BFF', async () => {
    request.mockResolvedValueOnce(answer(200, tokens(3)));
    await signIn('dev', 'demo-resident');
    request.mockResolvedValueOnce(answer(200, { ok: true }));

    await signOut();

    expect(sent(1).url).toBe('/api/accounts/sign-out');
    expect(JSON.parse(sent(1).data!)).toEqual({ refreshToken: 'rt_refresh-3' });
    expect(storage.size).toBe(0);
    expect(sessionStore.get().status).toBe('signed-out');
  });
});
