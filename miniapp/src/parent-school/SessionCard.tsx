import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { SessionView } from '@warmcity/shared/api/parent-school';
import { Badge, focusable } from '../kit';
import { clock } from '../kit/time';
import { myStatusText, seatsText } from './labels';

/** One session in a list; tapping opens its detail page. My booking shows as a badge. */
export function SessionCard({ session }: { session: SessionView }) {
  const mine = myStatusText(session.myBooking);
  return (
    <View
      className={`kit-card ps-session ${mine ? 'ps-session--mine' : ''}`}
      hoverClass="tile--pressed"
      role="button"
      {...focusable}
      onClick={() => void Taro.navigateTo({ url: `/parent-school/pages/session/index?id=${session.id}` })}
    >
      <Text className="kit-card__title">{session.course.title}</Text>
      <Text className="ps-card__line">
        {clock(session.startsAt)}–{clock(session.endsAt)} · {session.school.name} {session.venue.name}
      </Text>
      <Text className="ps-card__line">主讲：{session.course.speaker}</Text>
      <View className="ps-card__foot">
        <Text className={`ps-seats ${session.seatsLeft === 0 ? 'ps-seats--full' : ''}`}>{seatsText(session)}</Text>
        {mine ? <Badge tone={session.myBooking?.status === 'waitlisted' ? 'wait' : 'brand'}>{mine}</Badge> : null}
      </View>
    </View>
  );
}
