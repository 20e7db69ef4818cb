import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { Chip, LinkRow, ListState, LoadMore, PageFrame, useLoad, usePagedList } from '../../../kit';
import { cstDate, cstMidnight, day } from '../../../kit/time';
import { SessionCard } from '../../SessionCard';
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
  const schools = useLoad(() => call(api.listSchools), 'schools');
  const query = { ...(schoolId ? { schoolId } : {}), ...rangeOf(range), limit: 20 };
  const sessions = usePagedList(
    (cursor) => call(api.listSessions, { query: cursor ? { ...query, cursor } : query }),
    `${schoolId}:${range}`,
  );
  const items = sessions.items;

  return (
    <PageFrame title="家长学校" className="parent-school">
      <Text className="ps-hero__title">校门口的家长学校</Text>
      <Text className="ps-hero__sub">接孩子的间隙，听一堂 30 分钟的家庭教育微课</Text>

      <View className="kit-group">
        <LinkRow
          id="ps-my-bookings"
          title="我的预约"
          desc="签到码、取消预约"
          onClick={() => void Taro.navigateTo({ url: '/parent-school/pages/mine/index' })}
        />
        <LinkRow
          title="下期提醒"
          desc="开新场次时通知我"
          onClick={() => void Taro.navigateTo({ url: '/parent-school/pages/subscriptions/index' })}
        />
      </View>

      <View className="ps-chips" role="group" aria-label="学校">
        <Chip on={schoolId === null} onClick={() => setSchoolId(null)}>
          全部学校
        </Chip>
        {(schools.data?.items ?? []).map((school) => (
          <Chip key={school.id} on={schoolId === school.id} onClick={() => setSchoolId(school.id)}>
            {school.name}
          </Chip>
        ))}
      </View>
      <View className="ps-chips" role="group" aria-label="时间">
        {ranges.map((r) => (
          <Chip key={r.key} on={range === r.key} onClick={() => setRange(r.key)}>
            {r.label}
          </Chip>
        ))}
      </View>

      <ListState
        loading={sessions.loading}
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
        <LoadMore list={sessions} />
      </ListState>
    </PageFrame>
  );
}
