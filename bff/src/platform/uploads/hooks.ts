import type { Deps } from '../deps';
import type { SessionUser } from '../session';
import type { Attachment } from './upload.model';

/**
 * Who may see an upload a feature has attached to one of its objects, besides its uploader. The
 * platform never imports a feature, so each feature declares this under its own name (the
 * `feature` it attaches with) and the app passes the registry in through `deps`. A feature
 * without the hook shows its attached uploads to their uploaders only.
 */
export interface UploadHooks {
  canView(deps: Deps, input: { viewer: SessionUser | null; attachedTo: Attachment }): Promise<boolean>;
}

export type UploadHookRegistry = Readonly<Record<string, UploadHooks>>;

/** Each feature's `uploads` hook from the module list, under the feature's name. */
export function uploadHookRegistry(
  features: readonly { readonly name: string; readonly uploads?: UploadHooks }[],
): UploadHookRegistry {
  return Object.fromEntries(features.flatMap(({ name, uploads }) => (uploads ? [[name, uploads]] : [])));
}
