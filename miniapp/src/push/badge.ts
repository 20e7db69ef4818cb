import Taro, { useDidShow } from '@tarojs/taro';
import { call } from '../api/client';
import { routes } from '../api/routes';

// 我的 is the second tab (app.config.ts).
const MINE_TAB = 1;

/** The unread count on the 我的 tab, refreshed whenever a tab page comes into view. */
export async function refreshUnreadBadge(): Promise<void> {
  try {
    const { count } = await call(routes.notifications.unreadCount);
    if (count > 0) await Taro.setTabBarBadge({ index: MINE_TAB, text: count > 99 ? '99+' : String(count) });
    else await Taro.removeTabBarBadge({ index: MINE_TAB });
  } catch {
    // Signed out or offline: the badge just stays as it was.
  }
}

export function useUnreadBadge(signedIn: boolean): void {
  useDidShow(() => {
    if (signedIn) void refreshUnreadBadge();
  });
}
