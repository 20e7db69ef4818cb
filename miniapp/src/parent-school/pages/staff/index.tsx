import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { PageShell } from '../../../components/PageShell';
import { ListState } from '../../../components/states';
import { clock, cstDate, cstMidnight, day } from '../../format';
import { bookingStatusText } from '../../labels';
import { useLoad } from '../../use-load';
import '../../parent-school.css';

const api = routes['parent-school'];
// Mini-programs scan with the camera; a browser has no scanner, so staff type the code there.
const canScan = process.env.TARO_ENV !== 'h5';

function Roster({ sessionId, version }: { sessionId: string; version: number }) {
  const roster = useLoad(() => call(api.roster, { params: { id: sessionId } }), `${sessionId}:${version}`);
  const counts = roster.data?.counts;
  return (
    <View className="ps-card">
      <Text className="ps-card__title">名单与出勤</Text>
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
        {(roster.data?.entries ?? []).map((entry) => (
          <View key={entry.bookingId} className="ps-entry">
            <Text>{entry.shortCode ?? (entry.position ? `候补 ${entry.position}` : '—')}</Text>
            <Text>{entry.checkedInAt ? `已签到 ${clock(entry.checkedInAt)}` : bookingStatusText[entry.status]}</Text>
          </View>
        ))}
      </ListState>
    </View>
  );
}

function FamiliesServed({ schoolId }: { schoolId: string }) {
  const year = Number(cstDate(new Date().toISOString()).slice(0, 4));
  const served = useLoad(
    () => call(api.familiesServed, { params: { id: schoolId }, query: { year } }),
    `${schoolId}:${year}`,
  );
  if (!served.data) return null;
  return (
    <View className="ps-card">
      <Text className="ps-card__title">
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

/** Staff at the gate: pick today's session, check parents in by QR or short code, see the roster. */
export default function StaffDesk() {
  const { params } = useRouter();
  const schoolId = params.scope ?? '';
  const from = cstMidnight(cstDate(new Date().toISOString()));
  const sessions = useLoad(() => call(api.listSessions, { query: { schoolId, from, limit: 50 } }), schoolId);
  const [chosen, setChosen] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [version, setVersion] = useState(0);

  const items = sessions.data?.items ?? [];
  const sessionId = chosen ?? items[0]?.id ?? null;

  const checkIn = async (body: { token: string } | { code: string }) => {
    if (!sessionId) return;
    setBusy(true);
    setResult(null);
    try {
      const done = await call(api.checkIn, { params: { id: sessionId }, body });
      setResult({ ok: true, text: `签到成功（${done.shortCode}）` });
      setCode('');
      setVersion((v) => v + 1);
    } catch (e) {
      setResult({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const scan = async () => {
    try {
      const { result: token } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      await checkIn({ token });
    } catch {
      // Closing the scanner is not an error worth showing.
    }
  };

  return (
    <PageShell className="parent-school">
      <ListState
        loading={sessions.loading && !sessions.data}
        error={sessions.error}
        empty={items.length === 0}
        emptyText="近期没有本校的场次"
        onRetry={sessions.reload}
      >
        <View className="ps-chips">
          {items.map((s) => (
            <Text
              key={s.id}
              className={`ps-chip ${s.id === sessionId ? 'ps-chip--on' : ''}`}
              onClick={() => setChosen(s.id)}
            >
              {day(s.startsAt)} {clock(s.startsAt)} {s.course.title.slice(0, 8)}
            </Text>
          ))}
        </View>

        {sessionId ? (
          <>
            <View className="ps-card">
              <Text className="ps-card__title">签到</Text>
              {canScan ? (
                <Button className="ps-primary" disabled={busy} onClick={() => void scan()}>
                  扫码签到
                </Button>
              ) : null}
              <Input
                className="ps-field"
                id="ps-checkin-code"
                type="number"
                maxlength={6}
                placeholder="输入 6 位签到码"
                value={code}
                onInput={(e) => setCode(e.detail.value.replace(/\D/g, ''))}
              />
              <Button
                className="ps-primary"
                id="ps-checkin-submit"
                loading={busy}
                disabled={busy || code.length !== 6}
                onClick={() => void checkIn({ code })}
              >
                确认签到
              </Button>
              {result ? (
                <Text className={result.ok ? 'ps-success' : 'ps-error'} id="ps-checkin-result">
                  {result.text}
                </Text>
              ) : null}
            </View>
            <Roster sessionId={sessionId} version={version} />
          </>
        ) : null}
      </ListState>
      {schoolId ? <FamiliesServed schoolId={schoolId} /> : null}
      {schoolId ? (
        <Button
          className="ps-secondary"
          onClick={() => void Taro.navigateTo({ url: `/parent-school/pages/manage/index?scope=${schoolId}` })}
        >
          管理场次、课程与场地
        </Button>
      ) : null}
    </PageShell>
  );
}
