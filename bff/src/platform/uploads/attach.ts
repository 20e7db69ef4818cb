import type { Types } from 'mongoose';
import type { Deps } from '../deps';
import { problem } from '../problem';
import { Uploads, type Attachment } from './upload.model';

const HEX_ID = /^[0-9a-f]{24}$/;

/**
 * Claims the owner's unattached uploads for one feature object. Each id is one conditioned
 * update (its owner's, still unattached), so an id cannot be attached twice or by anyone else.
 * If any id is refused, those this call attached are given back before 404 UPLOAD_NOT_FOUND,
 * so a refusal leaves nothing changed. Attach before writing the object (with an id chosen
 * up front) and `detachUploads` if that write then fails.
 */
export async function attachUploads(
  deps: Deps,
  input: { owner: Types.ObjectId; ids: readonly string[]; to: Attachment },
): Promise<void> {
  const { owner, ids, to } = input;
  if (new Set(ids).size !== ids.length || !ids.every((id) => HEX_ID.test(id))) throw problem('UPLOAD_NOT_FOUND');
  const uploads = Uploads(deps.connection);
  const attached: string[] = [];
  for (const id of ids) {
    const { modifiedCount } = await uploads.updateOne(
      { _id: id, owner, attachedTo: null },
      { $set: { attachedTo: to } },
    );
    if (modifiedCount !== 1) {
      await detachUploads(deps, { ids: attached, from: to });
      throw problem('UPLOAD_NOT_FOUND');
    }
    attached.push(id);
  }
}

/** Gives uploads back to their uploaders (unattached again, so swept in a day unless reused). */
export async function detachUploads(deps: Deps, input: { ids: readonly string[]; from: Attachment }): Promise<void> {
  if (input.ids.length === 0) return;
  await Uploads(deps.connection).updateMany(
    { _id: { $in: input.ids }, 'attachedTo.feature': input.from.feature, 'attachedTo.id': input.from.id },
    { $set: { attachedTo: null } },
  );
}
