import { Text, View } from '@tarojs/components';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { Button, ListState, PageFrame, messageOf, toast, useLoad } from '../../../kit';
import '../../parent-school.css';

const api = routes['parent-school'];

/** 下期提醒: the courses and venues I asked to hear about when a new session opens. */
export default function Subscriptions() {
  const subscriptions = useLoad(() => call(api.listMySubscriptions), 'subscriptions');
  const items = subscriptions.data?.items ?? [];

  const remove = async (id: string) => {
    try {
      await call(api.unsubscribe, { params: { id } });
      toast('已取消订阅', 'success');
      subscriptions.reload();
    } catch (e) {
      toast(messageOf(e));
    }
  };

  return (
    <PageFrame title="下期提醒" className="parent-school">
      <Text className="ps-hero__sub">新场次开放预约时，会在消息中提醒您</Text>
      <ListState
        loading={subscriptions.loading && !subscriptions.data}
        error={subscriptions.error}
        empty={items.length === 0}
        emptyText="还没有订阅"
        emptyHint="在课程详情页点“订阅本课程”即可"
        onRetry={subscriptions.reload}
      >
        {items.map((item) => (
          <View key={item.id} className="kit-card">
            <Text className="kit-card__title">{item.label}</Text>
            <Text className="ps-card__line">{item.target === 'course' ? '课程' : '场地'}开新场次时提醒</Text>
            <Button kind="secondary" onClick={() => void remove(item.id)}>
              取消订阅
            </Button>
          </View>
        ))}
      </ListState>
    </PageFrame>
  );
}
