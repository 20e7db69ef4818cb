import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { SessionView } from '@warmcity/shared/api/parent-school';
import { clock } from './format';
import { myStatusText, seatsText } from './labels';

/** One session in a list; tapping opens its detail page. */
export function SessionCard({ session }: { session: SessionView }) {
  const mine = myStatusText(session.myBooking);
  return (
    <View
      className="ps-card ps-session"
      hoverClass="tile--pressed"
      onClick={() => void Taro.navigateTo({ url: `/parent-school/pages/session/index?id=${session.id}` })}
    >
      <Text className="ps-card__title">{session.course.title}</Text>
      <Text className="ps-card__line">
        {clock(session.startsAt)}–{clock(session.endsAt)} · {session.school.name} {session.venue.name}
      </Text>
      <Text className="ps-card__line">主讲：{session.course.speaker}</Text>
      <View className="ps-card__foot">
        <Text className={`ps-seats ${session.seatsLeft === 0 ? 'ps-seats--full' : ''}`}>{seatsText(session)}</Text>
        {mine ? (
          <Text className={`ps-badge ${session.myBooking?.status === 'waitlisted' ? 'ps-badge--wait' : ''}`}>
            {mine}
          </Text>
        ) : null}
      </View>
    </View>
  );
}
