import { memorialApi } from '@warmcity/shared/api/memorial';
import { implement } from '../../platform/implement';
import { createCampaign, getCampaign, listCampaigns } from './campaign.service';
import { findGraves } from './grave.service';
import { acceptInvite, inviteRelative, listRelatives, revokeRelative } from './family.service';
import {
  createMemorial,
  getMemorial,
  listCemeteries,
  listMyMemorials,
  listPendingMemorials,
  reviewMemorial,
  searchMemorials,
} from './memorial.service';
import { bookVisit, cancelVisit, listMyVisits, listVisitSlots } from './visit.service';
import { checkInVisit, listSlotVisits, publishVisitSlot } from './visit-staff.service';
import { hideMessage, listHeldMessages, listMessages, payTribute, reviewMessage } from './tribute.service';

export const memorialRoutes = implement(memorialApi, {
  listCemeteries: ({ deps }) => listCemeteries(deps),
  searchMemorials: ({ query, deps }) => searchMemorials(deps, query),
  findGraves: ({ user, query, deps }) => findGraves(deps, user, query),
  getMemorial: ({ user, params, deps }) => getMemorial(deps, user, { id: params.id }),
  openByCode: ({ user, params, deps }) => getMemorial(deps, user, { code: params.code }),
  listMessages: ({ user, params, query, deps }) => listMessages(deps, user, params.code, query),
  payTribute: ({ user, params, body, deps }) => payTribute(deps, user, params.code, body),
  createMemorial: ({ user, body, deps }) => createMemorial(deps, user, body),
  listMyMemorials: ({ user, deps }) => listMyMemorials(deps, user),
  inviteRelative: ({ user, params, deps }) => inviteRelative(deps, user, params.id),
  acceptInvite: ({ user, body, deps }) => acceptInvite(deps, user, body),
  listRelatives: ({ user, params, deps }) => listRelatives(deps, user, params.id),
  revokeRelative: ({ user, params, deps }) => revokeRelative(deps, user, params.id, params.relativeId),
  hideMessage: ({ user, params, deps }) => hideMessage(deps, user, params.id, params.messageId),
  listCampaigns: ({ deps }) => listCampaigns(deps),
  getCampaign: ({ params, deps }) => getCampaign(deps, params.id),

  reviewMemorial: ({ user, params, body, deps }) => reviewMemorial(deps, user, params.id, body),
  listPendingMemorials: ({ user, params, deps }) => listPendingMemorials(deps, user, params.id),
  listHeldMessages: ({ user, params, deps }) => listHeldMessages(deps, user, params.id),
  reviewMessage: ({ user, params, body, deps }) => reviewMessage(deps, user, params.id, body),
  createCampaign: ({ user, body, deps }) => createCampaign(deps, user, body),

  listVisitSlots: ({ params, deps }) => listVisitSlots(deps, params.id),
  bookVisit: ({ user, params, body, deps }) => bookVisit(deps, user, params.id, body),
  listMyVisits: ({ user, deps }) => listMyVisits(deps, user),
  cancelVisit: ({ user, params, deps }) => cancelVisit(deps, user, params.id),
  publishVisitSlot: ({ user, params, body, deps }) => publishVisitSlot(deps, user, params.id, body),
  listSlotVisits: ({ user, params, deps }) => listSlotVisits(deps, user, params.id),
  checkInVisit: ({ user, params, body, deps }) => checkInVisit(deps, user, params.id, body),
});
