import { defineFeature } from '../../platform/feature';
import { parentSchoolAccountData } from './account-data';
import { Bookings } from './booking.model';
import { Courses } from './course.model';
import { parentSchoolRoutes } from './routes';
import { Schools } from './school.model';
import { Sessions } from './session.model';
import { Subscriptions } from './subscription.model';
import { courseOpenings, sessionSeatRepair } from './sweepers';
import { Venues } from './venue.model';

export const parentSchoolFeature = defineFeature({
  name: 'parent-school',
  routes: parentSchoolRoutes,
  sweepers: [sessionSeatRepair, courseOpenings],
  models: [Schools, Venues, Courses, Sessions, Bookings, Subscriptions],
  accountData: parentSchoolAccountData,
});
