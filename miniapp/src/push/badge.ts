import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { call } from '../api/client';
import { routes } from '../api/routes';

// 我的 is the second tab (app.config.ts).
const MINE_TAB = 1;

/** The count as the badge and the 消息 rows show it. */
export const unreadText = (count: number) => (count > 99 ? '99+' : String(count));

/** The unread count on the 我的 tab, refreshed whenever a tab page comes into view; null when
 * it could not be read (signed out, offline), and the badge then stays as it was. */
export async function refreshUnreadBadge(): Promise<number | null> {
  try {
    const { count } = await call(routes.notifications.unreadCount);
    if (count > 0) await Taro.setTabBarBadge({ index: MINE_TAB, text: unreadText(count) });
    else await Taro.removeTabBarBadge({ index: MINE_TAB });
    return count;
  } catch {
    return null;
  }
}

/** Refreshes the tab badge each time the page shows, and once the session is up (a page opened
 * cold shows before the sign-in finishes), and gives the count for the page's own row. */
export function useUnreadBadge(signedIn: boolean): number {
  const [count, setCount] = useState(0);
  const refresh = useCallback(() => {
    if (signedIn) void refreshUnreadBadge().then((latest) => latest !== null && setCount(latest));
  }, [signedIn]);
  useEffect(refresh, [refresh]);
  useDidShow(refresh);
  return signedIn ? count : 0;
}
