import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import { canCancel } from '@warmcity/shared/parent-school/schedule';
import type { BookingView } from '@warmcity/shared/api/parent-school';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { Badge, Button, Chip, ListState, Notice, PageFrame, confirm, messageOf, toast, useLoad } from '../../../kit';
import { addToCalendar } from '../../calendar';
import { clock, timeRange } from '../../../kit/time';
import { bookingStatusText, cancelReasonText } from '../../labels';
import '../../parent-school.css';

const api = routes['parent-school'];

type Pass = { token: string; shortCode: string; qrDataUrl: string };

function BookingCard({ booking, linked, onChanged }: { booking: BookingView; linked: boolean; onChanged: () => void }) {
  const [pass, setPass] = useState<Pass | null>(null);
  const [busy, setBusy] = useState<'pass' | 'cancel' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { session } = booking;
  const cancellable =
    booking.status !== 'cancelled' &&
    !booking.checkedInAt &&
    canCancel({ startsAt: new Date(session.startsAt), cancelCutoffMinutes: session.cancelCutoffMinutes }, new Date());

  const showPass = async () => {
    setBusy('pass');
    setError(null);
    try {
      setPass(await call(api.getCheckInPass, { params: { id: booking.id } }));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  };

  const cancel = async () => {
    const yes = await confirm({
      title: booking.status === 'confirmed' ? '取消预约' : '退出候补',
      content: booking.status === 'confirmed' ? '取消后座位会让给候补的家长，确定取消吗？' : '确定退出候补吗？',
      confirmText: '确定取消',
      danger: true,
    });
    if (!yes) return;
    setBusy('cancel');
    setError(null);
    try {
      await call(api.cancelBooking, { params: { id: booking.id } });
      toast('已取消', 'success');
      onChanged();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  };

  const badge = booking.status === 'waitlisted' ? `候补第 ${booking.position} 位` : bookingStatusText[booking.status];
  return (
    <View className={`kit-card ps-booking${linked ? ' ps-booking--linked' : ''}`} id={`ps-booking-${booking.id}`}>
      <Text className="kit-card__title">{session.course.title}</Text>
      <Text className="ps-card__line">{timeRange(session.startsAt, session.endsAt)}</Text>
      <Text className="ps-card__line">
        {session.school.name} · {session.venue.name}
      </Text>
      <View className="ps-card__foot">
        <Badge
          tone={
            booking.checkedInAt
              ? 'ok'
              : booking.status === 'waitlisted'
                ? 'wait'
                : booking.status === 'cancelled'
                  ? 'off'
                  : 'brand'
          }
        >
          {booking.checkedInAt ? `已签到 ${clock(booking.checkedInAt)}` : badge}
        </Badge>
        {booking.cancelReason ? <Text className="ps-note">{cancelReasonText[booking.cancelReason]}</Text> : null}
      </View>

      {booking.status === 'confirmed' && !booking.checkedInAt ? (
        pass ? (
          <View className="ps-pass">
            <Image className="ps-pass__qr" src={pass.qrDataUrl} mode="aspectFit" />
            <Text className="ps-note">到场后请出示二维码，或报签到码</Text>
            <Text className="ps-pass__code" id="ps-short-code">
              {pass.shortCode}
            </Text>
          </View>
        ) : (
          <Button id="ps-show-pass" loading={busy === 'pass'} disabled={busy !== null} onClick={() => void showPass()}>
            出示签到码
          </Button>
        )
      ) : null}
      {booking.status === 'waitlisted' ? (
        <Text className="ps-note">有人取消时按顺序自动递补，递补成功后这里会显示签到码</Text>
      ) : null}

      <View className="kit-row">
        {booking.status === 'confirmed' ? (
          <Button
            kind="secondary"
            onClick={() =>
              void addToCalendar(booking)
                .then(() =>
                  toast(process.env.TARO_ENV === 'h5' ? '已下载日历文件，打开即可加入日历' : '已加入日历', 'success'),
                )
                .catch((e: unknown) => setError(messageOf(e)))
            }
          >
            加入日历
          </Button>
        ) : null}
        {cancellable ? (
          <Button
            kind="danger"
            id="ps-cancel"
            loading={busy === 'cancel'}
            disabled={busy !== null}
            onClick={() => void cancel()}
          >
            {booking.status === 'waitlisted' ? '退出候补' : '取消预约'}
          </Button>
        ) : null}
      </View>
      {error ? <Notice ok={false}>{error}</Notice> : null}
    </View>
  );
}

/** 我的预约: upcoming and past, with the check-in QR code and short code for confirmed seats. */
export default function MyBookings() {
  const [when, setWhen] = useState<'upcoming' | 'past'>('upcoming');
  const bookings = useLoad(() => call(api.listMyBookings, { query: { when, limit: 50 } }), when);
  const items = bookings.data?.items ?? [];
  // A notification's link (`?booking=<id>`) lands on the booking it is about.
  const linked = useRouter().params.booking;
  const linkedShown = items.some((booking) => booking.id === linked);
  useEffect(() => {
    if (linkedShown)
      void Taro.pageScrollTo({ selector: `#ps-booking-${linked}`, duration: 300 }).catch(() => undefined);
  }, [linkedShown, linked]);
  return (
    <PageFrame title="我的预约" className="parent-school">
      <View className="ps-chips" role="group" aria-label="时间">
        <Chip on={when === 'upcoming'} onClick={() => setWhen('upcoming')}>
          即将开始
        </Chip>
        <Chip on={when === 'past'} onClick={() => setWhen('past')}>
          已结束
        </Chip>
      </View>
      <ListState
        loading={bookings.loading && !bookings.data}
        error={bookings.error}
        empty={items.length === 0}
        emptyText={when === 'upcoming' ? '还没有预约' : '还没有参加过课程'}
        emptyHint={when === 'upcoming' ? '去课程列表挑一堂感兴趣的微课吧' : undefined}
        emptyAction={{
          label: '去看看课程',
          onClick: () => void Taro.navigateTo({ url: '/parent-school/pages/index/index' }),
        }}
        onRetry={bookings.reload}
      >
        {items.map((booking) => (
          <BookingCard
            key={`${booking.id}:${booking.status}`}
            booking={booking}
            linked={booking.id === linked}
            onChanged={bookings.reload}
          />
        ))}
      </ListState>
    </PageFrame>
  );
}
