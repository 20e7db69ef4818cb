import type { UpdateQuery } from 'mongoose';
import { MAX_GALLERY_PHOTOS, type memorialStoriesApi } from '@warmcity/shared/api/memorial-stories';
import type { Body } from '../../platform/implement';
import type { Deps } from '../../platform/deps';
import { accountIdOf } from '../../platform/ids';
import { problem } from '../../platform/problem';
import type { SessionUser } from '../../platform/session';
import { attachUploads, detachUploads } from '../../platform/uploads/attach';
import { ownedMemorial } from './access';
import { Memorials, type Memorial } from './memorial.model';
import { uploadUrl } from './upload-url';
import { memorialView } from './views';

type Api = typeof memorialStoriesApi;

/*
 * The owner is a relative the cemetery verified when it approved the memorial, so an edit goes
 * live at once, as the owner's own words and photos, without another review.
 */

const attachment = (memorial: Memorial) => ({ feature: 'memorial', id: memorial._id.toHexString() });

export async function editMemorial(deps: Deps, user: SessionUser, id: string, body: Body<Api['editMemorial']>) {
  const owner = accountIdOf(user);
  const memorial = await ownedMemorial(deps.connection, user, id);
  const to = attachment(memorial);
  const newPortrait = body.portrait && body.portrait !== memorial.portraitUploadId ? body.portrait : null;
  const set: Record<string, unknown> = {};
  if (body.biography !== undefined) set.biography = body.biography;
  if (body.wayfinding) set['plot.wayfinding'] = body.wayfinding;
  if (body.portrait !== undefined) {
    set.portraitUploadId = body.portrait;
    set.portraitUrl = body.portrait === null ? null : uploadUrl(body.portrait);
  }
  const update: UpdateQuery<Memorial> = {
    ...(Object.keys(set).length > 0 ? { $set: set } : {}),
    ...(body.wayfinding === '' ? { $unset: { 'plot.wayfinding': 1 } } : {}),
  };
  if (newPortrait) await attachUploads(deps, { owner, ids: [newPortrait], to });
  const before = await Memorials(deps.connection)
    .findOneAndUpdate({ _id: memorial._id, ownerId: owner }, update, { returnDocument: 'before', lean: true })
    .exec();
  if (!before) {
    if (newPortrait) await detachUploads(deps, { ids: [newPortrait], from: to });
    throw problem('NOT_FOUND');
  }
  const replaced = before.portraitUploadId;
  if (body.portrait !== undefined && replaced && replaced !== body.portrait) {
    await detachUploads(deps, { ids: [replaced], from: to });
  }
  // The portrait it replaced is only known from the document before; the view is of the one after.
  const after = await Memorials(deps.connection).findById(memorial._id).lean();
  if (!after) throw problem('NOT_FOUND');
  return memorialView(deps.connection, after, true);
}

/** At most MAX_GALLERY_PHOTOS, kept by the update's own condition (no photo at the index the
 * additions would push past), so parallel additions cannot overfill the gallery. */
export async function addGalleryPhotos(deps: Deps, user: SessionUser, id: string, body: Body<Api['addGalleryPhotos']>) {
  const owner = accountIdOf(user);
  const memorial = await ownedMemorial(deps.connection, user, id);
  const room = MAX_GALLERY_PHOTOS - body.photos.length;
  if ((memorial.gallery?.length ?? 0) > room) throw problem('GALLERY_FULL');
  const to = attachment(memorial);
  await attachUploads(deps, { owner, ids: body.photos, to });
  const added = await Memorials(deps.connection)
    .findOneAndUpdate(
      { _id: memorial._id, ownerId: owner, [`gallery.${room}`]: { $exists: false } },
      { $push: { gallery: { $each: body.photos } } },
      { returnDocument: 'after', lean: true },
    )
    .exec();
  if (!added) {
    await detachUploads(deps, { ids: body.photos, from: to });
    throw problem('GALLERY_FULL');
  }
  return memorialView(deps.connection, added, true);
}

export async function removeGalleryPhoto(deps: Deps, user: SessionUser, id: string, photoId: string) {
  const memorial = await ownedMemorial(deps.connection, user, id);
  const removed = await Memorials(deps.connection)
    .findOneAndUpdate(
      { _id: memorial._id, ownerId: accountIdOf(user), gallery: photoId },
      { $pull: { gallery: photoId } },
      { returnDocument: 'after', lean: true },
    )
    .exec();
  if (!removed) throw problem('NOT_FOUND');
  await detachUploads(deps, { ids: [photoId], from: attachment(memorial) });
  return memorialView(deps.connection, removed, true);
}
