import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { NotificationView } from '@warmcity/shared/api/notifications';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { PageShell } from '../../../components/PageShell';
import { ListState } from '../../../components/states';
import { refreshUnreadBadge } from '../../../push/badge';
import '../../notifications.css';

const api = routes.notifications;

const when = (iso: string) => {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** 消息: newest first, a page at a time; opening one marks it read and goes where it points. */
export default function Inbox() {
  const [items, setItems] = useState<NotificationView[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | null>(null);

  const load = useCallback(async (from: string | null) => {
    setLoading(true);
    setError(null);
    try {
      const page = await call(api.listNotifications, { query: from ? { cursor: from, limit: 20 } : { limit: 20 } });
      setItems((shown) => (from ? [...shown, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e as Error);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => void load(null), [load]);
  useDidShow(() => void refreshUnreadBadge());
  usePullDownRefresh(() => void load(null).finally(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => {
    if (cursor && !loading) void load(cursor);
  });

  const open = async (item: NotificationView) => {
    if (!item.readAt) {
      const read = await call(api.markRead, { params: { id: item.id } }).catch(() => item);
      setItems((shown) => shown.map((n) => (n.id === item.id ? read : n)));
      void refreshUnreadBadge();
    }
    if (item.link) await Taro.navigateTo({ url: item.link });
  };

  const readAll = async () => {
    await call(api.markAllRead).catch(() => undefined);
    await load(null);
    void refreshUnreadBadge();
  };

  return (
    <PageShell className="notifications">
      <View className="nt-toolbar">
        <Button className="nt-link" id="nt-read-all" onClick={() => void readAll()}>
          全部已读
        </Button>
        <Button
          className="nt-link"
          onClick={() => void Taro.navigateTo({ url: '/notifications/pages/settings/index' })}
        >
          消息设置
        </Button>
      </View>
      <ListState
        loading={loading && items.length === 0}
        error={items.length === 0 ? error : null}
        empty={items.length === 0}
        emptyText="还没有消息"
        emptyHint="候补成功、上课提醒、课程变动都会出现在这里"
        onRetry={() => void load(null)}
      >
        {items.map((item) => (
          <View
            key={item.id}
            className={`nt-item${item.readAt ? '' : ' nt-item--unread'}`}
            id={`nt-${item.id}`}
            onClick={() => void open(item)}
          >
            <View className="nt-item__head">
              <Text className="nt-item__title">{item.title}</Text>
              <Text className="nt-item__time">{when(item.createdAt)}</Text>
            </View>
            <Text className="nt-item__body">{item.body}</Text>
            {item.link ? <Text className="nt-item__more">查看详情 ›</Text> : null}
          </View>
        ))}
        {loading && items.length > 0 ? <Text className="nt-more">正在加载…</Text> : null}
      </ListState>
    </PageShell>
  );
}
