import { createHash } from 'node:crypto';
import { api, type OperationResult } from '@warmcity/shared';
import type { Deps } from '../deps';
import { accountIdOf, oid } from '../ids';
import { implement } from '../implement';
import { problem } from '../problem';
import { consumeRateLimit, type RateLimit } from '../rate-limit';
import type { SessionUser } from '../session';
import { cleanImage } from './image';
import { readSingleFile } from './multipart';
import { bytesOf, Uploads, type Upload } from './upload.model';

// A memorial gallery is a few dozen photos; more than this an hour is a script.
const UPLOADS_PER_ACCOUNT: RateLimit = { name: 'uploads:account', limit: 60, windowSeconds: 3600 };

const EXTENSIONS = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;

const view = (upload: Upload): OperationResult<typeof api.uploads.create> => ({
  id: upload._id.toHexString(),
  mime: upload.mime,
  size: upload.size,
  width: upload.width,
  height: upload.height,
  createdAt: upload.createdAt.toISOString(),
});

/** The upload if the caller may see it: the uploader always, anyone else only as the feature it
 * is attached to decides. Everything else answers like a missing upload. */
async function viewable(deps: Deps, viewer: SessionUser | null, id: string): Promise<Upload> {
  const upload = await Uploads(deps.connection).findById(oid(id)).lean<Upload>();
  if (!upload) throw problem('NOT_FOUND');
  if (viewer && upload.owner.equals(viewer.id)) return upload;
  const hooks = upload.attachedTo ? deps.uploadHooks[upload.attachedTo.feature] : undefined;
  if (!upload.attachedTo || !hooks || !(await hooks.canView(deps, { viewer, attachedTo: upload.attachedTo }))) {
    throw problem('NOT_FOUND');
  }
  return upload;
}

export const uploadsRoutes = implement(api.uploads, {
  async create({ user, ctx, deps }) {
    const owner = accountIdOf(user);
    await consumeRateLimit(deps.connection, UPLOADS_PER_ACCOUNT, user.id, deps.clock.now());
    const image = await cleanImage(await readSingleFile(ctx, api.uploads.create.multipart));
    const upload = await Uploads(deps.connection).create({
      owner,
      ...image,
      size: image.data.length,
      sha256: createHash('sha256').update(image.data).digest('hex'),
      attachedTo: null,
      createdAt: deps.clock.now(),
    });
    return view(upload.toObject());
  },
  async get({ params, user, ctx, deps }) {
    const upload = await viewable(deps, user, params.id);
    ctx.type = upload.mime;
    // Our own name, never the uploader's: nothing they chose ends up in a header.
    ctx.set('Content-Disposition', `inline; filename="${params.id}.${EXTENSIONS[upload.mime]}"`);
    // An id's bytes never change; `private` because who may see them is decided per caller.
    ctx.set('Cache-Control', 'private, max-age=86400, immutable');
    ctx.set('ETag', `"${upload.sha256}"`);
    return bytesOf(upload.data);
  },
});
