import type { Deps } from '../../platform/deps';
import { chinaDate, chinaMinuteOfDay, chinaWeekday } from './china-time';
import { ServiceHalls, type ServiceHall } from './service-hall.model';

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Today's spans and why they differ from the week, China time. A holiday's exception replaces the
 * weekday's hours (closed is an empty list), as does a make-up working day's. */
export function hoursToday(hall: Pick<ServiceHall, 'weekHours' | 'exceptions'>, now: Date) {
  const exception = hall.exceptions.find((e) => e.date === chinaDate(now));
  const hours = exception ? exception.hours : (hall.weekHours[chinaWeekday(now)] ?? []);
  const minute = chinaMinuteOfDay(now);
  const openNow = hours.some((span) => {
    const [from, to] = span.split('-') as [string, string];
    return minutes(from) <= minute && minute < minutes(to);
  });
  return { todayHours: hours, openNow, todayNote: exception?.note ?? null };
}

const mapUrl = (hall: ServiceHall) =>
  `https://uri.amap.com/marker?position=${hall.location.lng},${hall.location.lat}&name=${encodeURIComponent(hall.name)}`;

export async function listHalls(deps: Deps) {
  const now = deps.clock.now();
  const halls = await ServiceHalls(deps.connection).find().sort({ name: 1 }).lean();
  return {
    items: halls.map((hall) => ({
      id: hall._id.toHexString(),
      name: hall.name,
      address: hall.address,
      phone: hall.phone,
      mapUrl: mapUrl(hall),
      lunchtimeService: hall.lunchtimeService,
      saturdayService: hall.saturdayService,
      ...hoursToday(hall, now),
      phoneMatters: hall.phoneMatters,
    })),
  };
}
