import Taro from '@tarojs/taro';
import type { BookingView } from '@warmcity/shared/api/parent-school';
import { call } from '../api/client';
import { routes } from '../api/routes';

/**
 * "加入日历": mini-programs write to the phone calendar directly; in a browser the BFF's .ics
 * file is downloaded, which phones open in their calendar app.
 */
export async function addToCalendar(booking: BookingView): Promise<void> {
  const { session } = booking;
  if (process.env.TARO_ENV !== 'h5') {
    await Taro.addPhoneCalendar({
      title: `家长学校：${session.course.title}`,
      startTime: Math.floor(Date.parse(session.startsAt) / 1000),
      // Taro's typings say string; WeChat documents a unix time in seconds like startTime.
      endTime: Math.floor(Date.parse(session.endsAt) / 1000) as unknown as string,
      location: `${session.school.name} ${session.venue.name}`,
      description: `主讲：${session.course.speaker}`,
      alarm: true,
      alarmOffset: 1800,
    });
    return;
  }
  const ics = await call(routes['parent-school'].getBookingCalendar, { params: { id: booking.id } });
  const url = URL.createObjectURL(new Blob([ics], { type: 'text/calendar' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `家长学校-${booking.id.slice(-6)}.ics`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
