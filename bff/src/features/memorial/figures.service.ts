import { FIGURES_DAYS_BACK, type DailyFigures } from '@warmcity/shared/api/memorial-staff';
import type { Deps } from '../../platform/deps';
import { oid } from '../../platform/ids';
import { problem } from '../../platform/problem';
import { requireScope, requireStaff } from '../../platform/scopes';
import type { SessionUser } from '../../platform/session';
import { Cemeteries } from './cemetery.model';
import { chinaDate, chinaDay, DAY } from './china-time';
import { ServiceOrders } from './service-order.model';
import { Tributes } from './tribute.model';
import { Visits } from './visit.model';

/** The day asked for, today in China by default; the future and more than a year back are refused. */
function dayOf(now: Date, date: string | undefined) {
  const today = chinaDate(now);
  const day = date ?? today;
  if (day > today || day < chinaDate(new Date(now.getTime() - FIGURES_DAYS_BACK * DAY))) {
    throw problem('FIGURES_DATE_OUT_OF_RANGE');
  }
  return { date: day, ...chinaDay(day) };
}

type Counted<K extends string> = Record<K, number>;

/**
 * Each figure is one aggregation over an index led by the cemetery and the time it is counted by
 * (see the models), so a Qingming day of tens of thousands of tributes is one index range scan.
 */
export async function staffDailyFigures(
  deps: Deps,
  user: SessionUser,
  id: string,
  date: string | undefined,
): Promise<DailyFigures> {
  requireStaff(user);
  requireScope(user, 'cemetery', id);
  const cemeteryId = oid(id);
  if (!(await Cemeteries(deps.connection).exists({ _id: cemeteryId }))) throw problem('NOT_FOUND');
  const { date: day, start, end } = dayOf(deps.clock.now(), date);
  const within = { $gte: start, $lt: end };
  const count = (condition: unknown) => ({ $sum: { $cond: [condition, 1, 0] } });
  const doneOn = (state: string) => ({
    $anyElementTrue: {
      $map: {
        input: '$timeline',
        as: 'step',
        in: {
          $and: [{ $eq: ['$$step.state', state] }, { $gte: ['$$step.at', start] }, { $lt: ['$$step.at', end] }],
        },
      },
    },
  });

  const [[tributes], [orders], [moved], [visits]] = await Promise.all([
    Tributes(deps.connection).aggregate<Counted<'flower' | 'candle' | 'incense' | 'message' | 'approved' | 'held'>>([
      { $match: { cemeteryId, createdAt: within } },
      {
        $group: {
          _id: null,
          flower: count({ $eq: ['$kind', 'flower'] }),
          candle: count({ $eq: ['$kind', 'candle'] }),
          incense: count({ $eq: ['$kind', 'incense'] }),
          message: count({ $eq: ['$kind', 'message'] }),
          approved: count({ $eq: ['$status', 'shown'] }),
          held: count({ $eq: ['$status', 'held'] }),
        },
      },
    ]),
    ServiceOrders(deps.connection).aggregate<Counted<'placed'>>([
      { $match: { cemeteryId, createdAt: within } },
      { $group: { _id: null, placed: { $sum: 1 } } },
    ]),
    // Completed or cancelled that day, whenever placed: found by the step's time in the timeline.
    ServiceOrders(deps.connection).aggregate<Counted<'completed' | 'cancelled' | 'revenueFen'>>([
      {
        $match: {
          cemeteryId,
          state: { $in: ['done', 'cancelled'] },
          timeline: { $elemMatch: { state: { $in: ['done', 'cancelled'] }, at: within } },
        },
      },
      { $addFields: { completedToday: doneOn('done'), cancelledToday: doneOn('cancelled') } },
      {
        $group: {
          _id: null,
          completed: count('$completedToday'),
          cancelled: count('$cancelledToday'),
          revenueFen: { $sum: { $cond: ['$completedToday', '$package.priceFen', 0] } },
        },
      },
    ]),
    Visits(deps.connection).aggregate<Counted<'booked' | 'checkedIn' | 'persons' | 'personsCheckedIn'>>([
      { $match: { cemeteryId, slotStartsAt: within, status: 'confirmed' } },
      {
        $group: {
          _id: null,
          booked: { $sum: 1 },
          checkedIn: count({ $ne: ['$checkedInAt', null] }),
          persons: { $sum: '$places' },
          personsCheckedIn: { $sum: { $cond: [{ $ne: ['$checkedInAt', null] }, '$places', 0] } },
        },
      },
    ]),
  ]);

  const kinds = {
    flower: tributes?.flower ?? 0,
    candle: tributes?.candle ?? 0,
    incense: tributes?.incense ?? 0,
    message: tributes?.message ?? 0,
  };
  return {
    cemeteryId: id,
    date: day,
    tributes: { ...kinds, all: kinds.flower + kinds.candle + kinds.incense + kinds.message },
    messages: { approved: tributes?.approved ?? 0, held: tributes?.held ?? 0 },
    orders: {
      placed: orders?.placed ?? 0,
      completed: moved?.completed ?? 0,
      cancelled: moved?.cancelled ?? 0,
      revenueFen: moved?.revenueFen ?? 0,
    },
    visits: {
      booked: visits?.booked ?? 0,
      checkedIn: visits?.checkedIn ?? 0,
      persons: visits?.persons ?? 0,
      personsCheckedIn: visits?.personsCheckedIn ?? 0,
    },
  };
}
