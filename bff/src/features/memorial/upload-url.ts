import { buildPath } from '@warmcity/shared';
import { uploadsApi } from '@warmcity/shared/api/uploads';

/** Where the client fetches an upload the memorial feature holds. */
export const uploadUrl = (id: string) => buildPath(uploadsApi.get.path, { id });
