import { useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { bookingPhase } from '@warmcity/shared/parent-school/schedule';
import type { SessionView } from '@warmcity/shared/api/parent-school';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import {
  Badge,
  Button,
  ErrorState,
  Notice,
  NotFound,
  PageFrame,
  Skeleton,
  messageOf,
  needsSignIn,
  toast,
  useLoad,
  useSignInGate,
} from '../../../kit';
import { clock, day, timeRange } from '../../../kit/time';
import { useSession } from '../../../session/useSession';
import { myStatusText, seatsText } from '../../labels';
import { SubscribePrompt } from '../../../push/SubscribePrompt';
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

/** 订阅本课程 / 订阅<venue>, turning into 已订阅 once the subscription exists. */
function Subscribe({ session, guard }: { session: SessionView; guard: (action: () => void) => void }) {
  const signedIn = useSession().status === 'signed-in';
  const mine = useLoad(
    () => (signedIn ? call(api.listMySubscriptions) : Promise.resolve({ items: [] })),
    `subs:${signedIn}`,
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [subscribed, setSubscribed] = useState(false);
  const has = (targetId: string) => (mine.data?.items ?? []).some((item) => item.targetId === targetId);
  const subscribe = (target: 'course' | 'venue', targetId: string) =>
    guard(() => {
      setBusy(targetId);
      call(api.subscribe, { body: { target, targetId } })
        .then(() => {
          toast('已订阅，开新场次时提醒您', 'success');
          setSubscribed(true);
          mine.reload();
        })
        .catch((e: unknown) => toast(messageOf(e)))
        .finally(() => setBusy(null));
    });
  const button = (target: 'course' | 'venue', targetId: string, label: string) =>
    has(targetId) ? (
      <Button kind="plain" disabled>
        已订阅{label}
      </Button>
    ) : (
      <Button kind="secondary" loading={busy === targetId} onClick={() => subscribe(target, targetId)}>
        订阅{label}
      </Button>
    );
  return (
    <View className="kit-card">
      <Text className="ps-card__line">想听下一期？开新场次时提醒我：</Text>
      {button('course', session.course.id, '本课程')}
      {button('venue', session.venue.id, session.venue.name)}
      {subscribed ? <SubscribePrompt kinds={['course_opened']} /> : null}
    </View>
  );
}

/** One session: what it is, where and when, seats, and the button to book or join the waitlist. */
export default function SessionDetail() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const session = useLoad(() => (id ? call(api.getSession, { params: { id } }) : Promise.resolve(null)), id);
  const gate = useSignInGate();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  // Back from 我的预约 (where the booking may have been cancelled): the old news goes.
  useDidShow(() => setMessage(null));

  const book = () => {
    setBusy(true);
    setMessage(null);
    call(api.book, { body: { sessionId: id } })
      .then((booking) => {
        setMessage(
          booking.status === 'confirmed'
            ? { ok: true, text: '预约成功！签到码在“我的预约”里' }
            : { ok: true, text: `座位已满，您已进入候补第 ${booking.position} 位，有人取消时自动递补` },
        );
        session.reload();
      })
      .catch((e: unknown) => {
        if (needsSignIn(e)) gate.ask(book);
        else setMessage({ ok: false, text: messageOf(e) });
      })
      .finally(() => setBusy(false));
  };

  if (!id)
    return (
      <PageFrame title="课程详情">
        <NotFound />
      </PageFrame>
    );
  if (session.error)
    return (
      <PageFrame title="课程详情">
        <ErrorState error={session.error} onRetry={session.reload} />
      </PageFrame>
    );
  if (!session.data)
    return (
      <PageFrame title="课程详情">
        <Skeleton rows={2} />
      </PageFrame>
    );
  const s = session.data;
  const note = phaseNote(s);
  const mine = myStatusText(s.myBooking);
  const waitlisted = s.myBooking?.status === 'waitlisted';

  return (
    <PageFrame title="课程详情" className="parent-school">
      <View className="kit-card">
        <Text className="kit-card__title" id="ps-session-title">
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
        <View className="kit-card">
          <View id="ps-my-status">
            <Badge tone={waitlisted ? 'wait' : 'ok'}>{mine}</Badge>
          </View>
          <Button
            kind="secondary"
            id="ps-open-mine"
            onClick={() => void Taro.navigateTo({ url: '/parent-school/pages/mine/index' })}
          >
            {waitlisted ? '查看候补 / 退出候补' : '查看签到码 / 取消预约'}
          </Button>
        </View>
      ) : note ? (
        <Text className="ps-note">{note}</Text>
      ) : (
        <Button id="ps-book" loading={busy} onClick={() => gate.guard(book)}>
          {s.seatsLeft > 0 ? '预约座位' : '加入候补'}
        </Button>
      )}
      {/* Only while it is still true: a cancelled booking leaves no "预约成功" behind. */}
      {message && (!message.ok || s.myBooking) ? (
        <Notice ok={message.ok} id="ps-book-result">
          {message.text}
        </Notice>
      ) : null}
      {message?.ok && s.myBooking ? (
        <SubscribePrompt
          kinds={
            waitlisted
              ? ['booking_promoted', 'class_reminder', 'session_cancelled']
              : ['class_reminder', 'session_cancelled', 'session_rescheduled']
          }
        />
      ) : null}

      <Subscribe session={s} guard={gate.guard} />
      {gate.sheet}
    </PageFrame>
  );
}
