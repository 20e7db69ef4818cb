import { Text, View } from '@tarojs/components';
import { notificationKindLabels } from '@warmcity/shared/notifications/kinds';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { ListState, LoadMore, PageFrame, usePagedList } from '../../../kit';
import { dateTime } from '../../../kit/time';
import '../../notifications.css';

const api = routes.notifications;

/** 推送失败, for admins: pushes given up after every retry, newest first, with the last error, so
 * someone can see why (a template id, a platform key) before residents miss more of them. */
export default function DeadLetters() {
  const list = usePagedList(
    (cursor) => call(api.listDeadLetters, { query: cursor ? { cursor, limit: 20 } : { limit: 20 } }),
    'dead-letters',
  );
  return (
    <PageFrame title="推送失败" className="notifications">
      <Text className="nt-hint">重试用尽仍未推送成功的消息。居民的“消息”里都有，只是没有推送到微信或支付宝。</Text>
      <ListState
        loading={list.loading}
        error={list.error}
        empty={list.items.length === 0}
        emptyText="没有推送失败的消息"
        emptyHint="推送重试用尽后会出现在这里"
        onRetry={list.reload}
      >
        {list.items.map((item) => (
          <View key={item.id} className="kit-card nt-item" id={`nt-dead-${item.id}`}>
            <View className="nt-item__head">
              <Text className="nt-item__title">{notificationKindLabels[item.kind]}</Text>
              <Text className="nt-item__time">{dateTime(item.createdAt)}</Text>
            </View>
            <Text className="nt-item__body">
              尝试 {item.attempts} 次：{item.lastError ?? '未记录原因'}
            </Text>
            <Text className="nt-item__time">
              账号 {item.userId} · {item.dedupeKey}
            </Text>
          </View>
        ))}
        <LoadMore list={list} />
      </ListState>
    </PageFrame>
  );
}
