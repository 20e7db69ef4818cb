import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { cstDate, cstMidnight, timeRange } from '../../../kit/time';
import { seatsText } from '../../labels';
import { focusable, LinkRow, ListState, PageFrame, useLoad } from '../../../kit';
import '../../parent-school.css';

const api = routes['parent-school'];

/** Staff: my school's sessions from today on, and the way to add one or edit courses and venues. */
export default function ManageSessions() {
  const { params } = useRouter();
  const schoolId = params.scope ?? '';
  const from = cstMidnight(cstDate(new Date().toISOString()));
  const sessions = useLoad(() => call(api.listSessions, { query: { schoolId, from, limit: 50 } }), schoolId);
  const items = sessions.data?.items ?? [];
  const go = (page: string, query = '') =>
    void Taro.navigateTo({ url: `/parent-school/pages/${page}/index?scope=${schoolId}${query}` });

  return (
    <PageFrame title="场次管理" className="parent-school">
      <View className="kit-group">
        <LinkRow id="ps-new-session" title="新建场次" onClick={() => go('session-edit')} />
        <LinkRow title="课程与场地" onClick={() => go('catalog')} />
        <LinkRow title="签到台" onClick={() => go('staff')} />
      </View>
      <ListState
        loading={sessions.loading && !sessions.data}
        error={sessions.error}
        empty={items.length === 0}
        emptyText="本校还没有安排场次"
        emptyHint="点“新建场次”安排第一场"
        onRetry={sessions.reload}
      >
        {items.map((s) => (
          <View
            key={s.id}
            className="kit-card"
            role="button"
            {...focusable}
            onClick={() => go('session-edit', `&id=${s.id}`)}
          >
            <Text className="kit-card__title">{s.course.title}</Text>
            <Text className="ps-card__line">{timeRange(s.startsAt, s.endsAt)}</Text>
            <Text className="ps-card__line">{s.venue.name}</Text>
            <View className="ps-card__foot">
              <Text className="ps-seats">{seatsText(s)}</Text>
              <Text className="ps-note">点此修改或取消</Text>
            </View>
          </View>
        ))}
        {sessions.data?.nextCursor ? <Text className="ps-note">仅显示最近 50 场</Text> : null}
      </ListState>
    </PageFrame>
  );
}
