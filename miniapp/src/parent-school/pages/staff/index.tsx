import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { OperationResponse, api as contract } from '@warmcity/shared';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { Badge, LinkRow, ListState, PageFrame, SelectRow, WithParam, useLoad, CodeDesk } from '../../../kit';
import { clock, cstDate, cstMidnight, day } from '../../../kit/time';
import { bookingStatusText } from '../../labels';
import '../../parent-school.css';

const api = routes['parent-school'];
// Mini-programs scan with the camera; a browser has no scanner, so staff type the code there.

type Entry = OperationResponse<(typeof contract)['parent-school']['roster']>['entries'][number];
const entryText = (entry: Entry) =>
  entry.checkedInAt ? `已签到 ${clock(entry.checkedInAt)}` : bookingStatusText[entry.status];
const entryTone = (entry: Entry) => (entry.checkedInAt ? 'ok' : entry.status === 'waitlisted' ? 'wait' : 'brand');

function Roster({ sessionId, version }: { sessionId: string; version: number }) {
  const roster = useLoad(() => call(api.roster, { params: { id: sessionId } }), `${sessionId}:${version}`);
  const counts = roster.data?.counts;
  return (
    <View className="kit-card">
      <Text className="kit-card__title">名单与出勤</Text>
      <ListState loading={roster.loading && !roster.data} error={roster.error} empty={false} onRetry={roster.reload}>
        {counts ? (
          <View className="ps-counts" id="ps-roster-counts">
            {[
              ['已确认', counts.confirmed],
              ['候补', counts.waitlisted],
              ['已签到', counts.checkedIn],
              ['未到', counts.noShows],
            ].map(([label, n]) => (
              <View key={label} className="ps-count">
                <Text className="ps-count__n">{n}</Text>
                <Text className="ps-count__label">{label}</Text>
              </View>
            ))}
          </View>
        ) : null}
        {roster.data?.entries.length === 0 ? <Text className="ps-note">本场还没有家长预约</Text> : null}
        {(roster.data?.entries ?? []).map((entry) => (
          <View key={entry.bookingId} className="ps-entry">
            <View className="ps-entry__who">
              <Text className="ps-entry__name">{entry.maskedName ?? '未实名家长'}</Text>
              <Text className="ps-note">
                {entry.shortCode ? `签到码 ${entry.shortCode}` : entry.position ? `候补第 ${entry.position} 位` : ''}
              </Text>
            </View>
            <Badge tone={entryTone(entry)}>{entryText(entry)}</Badge>
          </View>
        ))}
      </ListState>
    </View>
  );
}

function FamiliesServed({ schoolId, version }: { schoolId: string; version: number }) {
  const year = Number(cstDate(new Date().toISOString()).slice(0, 4));
  const served = useLoad(
    () => call(api.familiesServed, { params: { id: schoolId }, query: { year } }),
    `${schoolId}:${year}:${version}`,
  );
  if (!served.data) return null;
  return (
    <View className="kit-card">
      <Text className="kit-card__title" id="ps-families-served">
        {year} 年服务家庭 {served.data.families} 户
      </Text>
      {served.data.courses.map((course) => (
        <View key={course.courseId} className="ps-entry">
          <Text>{course.title}</Text>
          <Text>
            {course.sessions} 场 · {course.families} 户
          </Text>
        </View>
      ))}
    </View>
  );
}

/** Staff at the gate: pick the session, check parents in by QR or short code, see the roster.
 * Laid out for one phone screen: session picker, then the code box, then the result. */
function StaffDesk({ schoolId }: { schoolId: string }) {
  const from = cstMidnight(cstDate(new Date().toISOString()));
  const sessions = useLoad(() => call(api.listSessions, { query: { schoolId, from, limit: 50 } }), schoolId);
  const [chosen, setChosen] = useState(0);
  const [version, setVersion] = useState(0);

  const items = sessions.data?.items ?? [];
  const sessionId = items[chosen]?.id ?? items[0]?.id ?? null;

  return (
    <PageFrame title="签到台" className="parent-school">
      <ListState
        loading={sessions.loading && !sessions.data}
        error={sessions.error}
        empty={items.length === 0}
        emptyText="近期没有本校的场次"
        onRetry={sessions.reload}
      >
        <SelectRow
          id="ps-checkin-session"
          label="场次"
          options={items}
          text={(s) => `${day(s.startsAt)} ${clock(s.startsAt)} ${s.course.title}`}
          selected={Math.min(chosen, items.length - 1)}
          onSelect={setChosen}
        />

        {sessionId ? (
          <>
            {/* A new session's desk starts blank: the last verdict was about another session. */}
            <CodeDesk
              key={sessionId}
              idPrefix="ps-checkin"
              length={6}
              digits
              placeholder="输入 6 位签到码"
              submitText="确认签到"
              scanText="扫码签到"
              notFoundText="签到码不对，请核对后重新输入"
              normalise={(typed) => typed.replace(/\D/g, '')}
              onCheck={async (input) => {
                const body = 'code' in input ? { code: input.code } : { token: input.scanned };
                const done = await call(api.checkIn, { params: { id: sessionId }, body });
                setVersion((v) => v + 1);
                return `签到成功（${done.shortCode}）`;
              }}
            />
            <Roster sessionId={sessionId} version={version} />
          </>
        ) : null}
      </ListState>
      <FamiliesServed schoolId={schoolId} version={version} />
      <View className="kit-group">
        <LinkRow
          title="管理场次、课程与场地"
          onClick={() => void Taro.navigateTo({ url: `/parent-school/pages/manage/index?scope=${schoolId}` })}
        />
      </View>
    </PageFrame>
  );
}

export default function StaffDeskPage() {
  return (
    <WithParam name="scope" title="签到台">
      {(schoolId) => <StaffDesk schoolId={schoolId} />}
    </WithParam>
  );
}
