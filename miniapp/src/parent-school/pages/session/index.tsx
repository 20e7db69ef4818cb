import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { bookingPhase } from '@warmcity/shared/parent-school/schedule';
import type { SessionView } from '@warmcity/shared/api/parent-school';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { PageShell } from '../../../components/PageShell';
import { ErrorState, Loading } from '../../../components/states';
import { clock, day, timeRange } from '../../format';
import { myStatusText, seatsText } from '../../labels';
import { SubscribePrompt } from '../../../push/SubscribePrompt';
import { useLoad } from '../../use-load';
import '../../parent-school.css';

const api = routes['parent-school'];

const phaseNote = (session: SessionView): string | null => {
  if (session.status === 'cancelled') return session.cancelNote ? `本场已取消：${session.cancelNote}` : '本场已取消';
  const phase = bookingPhase(
    {
      startsAt: new Date(session.startsAt),
      endsAt: new Date(session.endsAt),
      bookingOpensAt: new Date(session.bookingOpensAt),
      bookingClosesAt: new Date(session.bookingClosesAt),
      cancelCutoffMinutes: session.cancelCutoffMinutes,
    },
    new Date(),
  );
  if (phase === 'not_open') return `预约将于 ${day(session.bookingOpensAt)} ${clock(session.bookingOpensAt)} 开放`;
  if (phase === 'closed') return '预约已截止';
  if (phase === 'started') return '本场已开始';
  return null;
};

/** One session: what it is, where and when, seats, and the button to book or join the waitlist. */
export default function SessionDetail() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const session = useLoad(() => call(api.getSession, { params: { id } }), id);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const book = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const booking = await call(api.book, { body: { sessionId: id } });
      setMessage(
        booking.status === 'confirmed'
          ? { ok: true, text: '预约成功！签到码在“我的预约”里' }
          : { ok: true, text: `座位已满，您已进入候补第 ${booking.position} 位，有人取消时自动递补` },
      );
      session.reload();
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const subscribe = async (target: 'course' | 'venue', targetId: string) => {
    try {
      await call(api.subscribe, { body: { target, targetId } });
      await Taro.showToast({ title: '已订阅下期提醒', icon: 'success' });
      setMessage({ ok: true, text: '已订阅下期提醒，新场次开放时会通知您' });
    } catch (e) {
      await Taro.showToast({ title: (e as Error).message, icon: 'none' });
    }
  };

  if (session.error)
    return (
      <PageShell>
        <ErrorState message={session.error.message} onRetry={session.reload} />
      </PageShell>
    );
  if (!session.data)
    return (
      <PageShell>
        <Loading />
      </PageShell>
    );
  const s = session.data;
  const note = phaseNote(s);
  const mine = myStatusText(s.myBooking);

  return (
    <PageShell className="parent-school">
      <View className="ps-card">
        <Text className="ps-card__title" id="ps-session-title">
          {s.course.title}
        </Text>
        <Text className="ps-card__line">时间：{timeRange(s.startsAt, s.endsAt)}</Text>
        <Text className="ps-card__line">
          地点：{s.school.name} · {s.venue.name}
        </Text>
        <Text className="ps-card__line">{s.venue.address}</Text>
        <Text className="ps-card__line">主讲：{s.course.speaker}</Text>
        <Text className="ps-summary">{s.course.summary}</Text>
        <View className="ps-card__foot">
          <Text className={`ps-seats ${s.seatsLeft === 0 ? 'ps-seats--full' : ''}`}>{seatsText(s)}</Text>
          {s.cancelCutoffMinutes > 0 ? (
            <Text className="ps-note">开课前 {s.cancelCutoffMinutes} 分钟停止取消</Text>
          ) : null}
        </View>
      </View>

      {mine ? (
        <View className="ps-card">
          <Text className="ps-success" id="ps-my-status">
            {mine}
          </Text>
          <Button
            className="ps-secondary"
            onClick={() => void Taro.navigateTo({ url: '/parent-school/pages/mine/index' })}
          >
            查看签到码 / 取消预约
          </Button>
        </View>
      ) : note ? (
        <Text className="ps-note">{note}</Text>
      ) : (
        <Button className="ps-primary" id="ps-book" loading={busy} disabled={busy} onClick={() => void book()}>
          {s.seatsLeft > 0 ? '预约座位' : '加入候补'}
        </Button>
      )}
      {message ? (
        <Text className={message.ok ? 'ps-success' : 'ps-error'} id="ps-book-result">
          {message.text}
        </Text>
      ) : null}
      {message?.ok ? (
        <SubscribePrompt kinds={['booking_promoted', 'class_reminder', 'session_cancelled', 'course_opened']} />
      ) : null}

      <View className="ps-card">
        <Text className="ps-card__line">想听下一期？开新场次时提醒我：</Text>
        <Button className="ps-secondary" onClick={() => void subscribe('course', s.course.id)}>
          订阅本课程
        </Button>
        <Button className="ps-secondary" onClick={() => void subscribe('venue', s.venue.id)}>
          订阅{s.venue.name}
        </Button>
      </View>
    </PageShell>
  );
}
