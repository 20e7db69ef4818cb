import type { BookingView, SessionView } from '@warmcity/shared/api/parent-school';

export const bookingStatusText: Record<BookingView['status'], string> = {
  confirmed: '已预约',
  waitlisted: '候补中',
  cancelled: '已取消',
};

export const cancelReasonText: Record<NonNullable<BookingView['cancelReason']>, string> = {
  resident: '您已取消',
  session_cancelled: '主办方取消了本场',
  account_deleted: '账号已注销',
};

/** One line about seats, for a list row or the detail page. */
export function seatsText(session: Pick<SessionView, 'status' | 'seatsLeft' | 'waitlistLength' | 'capacity'>): string {
  if (session.status === 'cancelled') return '本场已取消';
  if (session.seatsLeft > 0) return `余 ${session.seatsLeft} / ${session.capacity} 座`;
  return session.waitlistLength > 0 ? `已满 · ${session.waitlistLength} 人候补` : '已满 · 可候补';
}

export function myStatusText(myBooking: SessionView['myBooking']): string | null {
  if (!myBooking) return null;
  return myBooking.status === 'waitlisted' ? `候补第 ${myBooking.position} 位` : '已预约';
}
