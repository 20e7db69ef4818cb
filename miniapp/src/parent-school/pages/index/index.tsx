import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { SessionView } from '@warmcity/shared/api/parent-school';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { PageShell } from '../../../components/PageShell';
import { ListState } from '../../../components/states';
import { cstDate, cstMidnight, day } from '../../format';
import { SessionCard } from '../../SessionCard';
import { useLoad } from '../../use-load';
import '../../parent-school.css';

const api = routes['parent-school'];

type Range = 'upcoming' | 'today' | 'tomorrow' | 'week';
const ranges: { key: Range; label: string }[] = [
  { key: 'upcoming', label: '近期' },
  { key: 'today', label: '今天' },
  { key: 'tomorrow', label: '明天' },
  { key: 'week', label: '7 天内' },
];

function rangeOf(range: Range): { from?: string; to?: string } {
  const today = cstDate(new Date().toISOString());
  if (range === 'today') return { to: cstMidnight(today, 1) };
  if (range === 'tomorrow') return { from: cstMidnight(today, 1), to: cstMidnight(today, 2) };
  if (range === 'week') return { to: cstMidnight(today, 7) };
  return {};
}

/** Upcoming sessions by school and date, with seats left, the waitlist and my own status. */
export default function SessionList() {
  const [schoolId, setSchoolId] = useState<string | null>(null);
  const [range, setRange] = useState<Range>('upcoming');
  const [more, setMore] = useState<{ items: SessionView[]; cursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  const schools = useLoad(() => call(api.listSchools), 'schools');
  const query = { ...(schoolId ? { schoolId } : {}), ...rangeOf(range), limit: 20 };
  const sessions = useLoad(async () => {
    setMore(null);
    return call(api.listSessions, { query });
  }, `${schoolId}:${range}`);

  const items = [...(sessions.data?.items ?? []), ...(more?.items ?? [])];
  const cursor = more ? more.cursor : (sessions.data?.nextCursor ?? null);
  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await call(api.listSessions, { query: { ...query, cursor } });
      setMore({ items: [...(more?.items ?? []), ...page.items], cursor: page.nextCursor });
    } catch (e) {
      await Taro.showToast({ title: (e as Error).message, icon: 'none' });
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <PageShell className="parent-school">
      <Text className="ps-hero__title">校门口的家长学校</Text>
      <Text className="ps-hero__sub">接孩子的间隙，听一堂 30 分钟的家庭教育微课</Text>

      <View className="ps-links">
        <View
          className="ps-link"
          id="ps-my-bookings"
          onClick={() => void Taro.navigateTo({ url: '/parent-school/pages/mine/index' })}
        >
          我的预约
        </View>
        <View
          className="ps-link"
          onClick={() => void Taro.navigateTo({ url: '/parent-school/pages/subscriptions/index' })}
        >
          下期提醒
        </View>
      </View>

      <View className="ps-chips">
        <Text className={`ps-chip ${schoolId === null ? 'ps-chip--on' : ''}`} onClick={() => setSchoolId(null)}>
          全部学校
        </Text>
        {(schools.data?.items ?? []).map((school) => (
          <Text
            key={school.id}
            className={`ps-chip ${schoolId === school.id ? 'ps-chip--on' : ''}`}
            onClick={() => setSchoolId(school.id)}
          >
            {school.name}
          </Text>
        ))}
      </View>
      <View className="ps-chips">
        {ranges.map((r) => (
          <Text
            key={r.key}
            className={`ps-chip ${range === r.key ? 'ps-chip--on' : ''}`}
            onClick={() => setRange(r.key)}
          >
            {r.label}
          </Text>
        ))}
      </View>

      <ListState
        loading={sessions.loading && !sessions.data}
        error={sessions.error}
        empty={items.length === 0}
        emptyText="这段时间还没有安排课程"
        emptyHint="可以在“下期提醒”里订阅，开课时告诉您"
        onRetry={sessions.reload}
      >
        {items.map((session, i) => (
          <View key={session.id}>
            {i === 0 || cstDate(items[i - 1]!.startsAt) !== cstDate(session.startsAt) ? (
              <Text className="ps-day">{day(session.startsAt)}</Text>
            ) : null}
            <SessionCard session={session} />
          </View>
        ))}
        {cursor ? (
          <Button className="ps-secondary" loading={loadingMore} disabled={loadingMore} onClick={() => void loadMore()}>
            加载更多
          </Button>
        ) : null}
      </ListState>
    </PageShell>
  );
}
