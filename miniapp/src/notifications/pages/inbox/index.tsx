import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { NotificationView } from '@warmcity/shared/api/notifications';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import {
  Button,
  ListState,
  LoadMore,
  Notice,
  PageFrame,
  focusable,
  toast,
  useAction,
  usePagedList,
} from '../../../kit';
import { dateTime } from '../../../kit/time';
import { refreshUnreadBadge } from '../../../push/badge';
import '../../notifications.css';

const api = routes.notifications;

/** 消息: newest first, a page at a time; opening one marks it read and goes where it points. */
export default function Inbox() {
  const list = usePagedList(
    (cursor) => call(api.listNotifications, { query: cursor ? { cursor, limit: 20 } : { limit: 20 } }),
    'inbox',
  );
  useDidShow(() => void refreshUnreadBadge());

  const open = useAction(async (item: NotificationView) => {
    if (!item.readAt) {
      // Reading is a nicety: a failed mark still lets the resident follow the link.
      await call(api.markRead, { params: { id: item.id } }).catch(() => undefined);
      void refreshUnreadBadge();
    }
    if (item.link) await Taro.navigateTo({ url: item.link });
    else list.reload();
  });
  const readAll = useAction(async () => {
    await call(api.markAllRead);
    toast('已全部标为已读', 'success');
    list.reload();
    void refreshUnreadBadge();
  });

  return (
    <PageFrame title="消息" className="notifications">
      <View className="nt-toolbar">
        <Button kind="plain" inline id="nt-read-all" loading={readAll.busy} onClick={() => void readAll.run()}>
          全部已读
        </Button>
        <Button
          kind="plain"
          inline
          onClick={() => void Taro.navigateTo({ url: '/notifications/pages/settings/index' })}
        >
          消息设置
        </Button>
      </View>
      {readAll.error || open.error ? <Notice ok={false}>{readAll.error ?? open.error}</Notice> : null}
      <ListState
        loading={list.loading}
        error={list.error}
        empty={list.items.length === 0}
        emptyText="还没有消息"
        emptyHint="候补成功、上课提醒、课程变动都会出现在这里"
        onRetry={list.reload}
      >
        {list.items.map((item) => (
          <View
            key={item.id}
            className={`kit-card nt-item${item.readAt ? '' : ' nt-item--unread'}`}
            id={`nt-${item.id}`}
            role="button"
            {...focusable}
            onClick={() => void open.run(item)}
          >
            <View className="nt-item__head">
              <Text className="nt-item__title">{item.title}</Text>
              <Text className="nt-item__time">{dateTime(item.createdAt)}</Text>
            </View>
            <Text className="nt-item__body">{item.body}</Text>
            {item.link ? <Text className="nt-item__more">查看详情 ›</Text> : null}
          </View>
        ))}
        <LoadMore list={list} />
      </ListState>
    </PageFrame>
  );
}
