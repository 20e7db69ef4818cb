import { memorialStoriesApi } from '@warmcity/shared/api/memorial-stories';
import { implement } from '../../platform/implement';
import { approveStoryDraft, getStoryDraft, requestStoryDraft, saveStoryDraft } from './life-story.service';
import { addGalleryPhotos, editMemorial, removeGalleryPhoto } from './owner-edit.service';

export const memorialStoryRoutes = implement(memorialStoriesApi, {
  editMemorial: ({ user, params, body, deps }) => editMemorial(deps, user, params.id, body),
  addGalleryPhotos: ({ user, params, body, deps }) => addGalleryPhotos(deps, user, params.id, body),
  removeGalleryPhoto: ({ user, params, deps }) => removeGalleryPhoto(deps, user, params.id, params.photoId),
  getStoryDraft: ({ user, params, deps }) => getStoryDraft(deps, user, params.id),
  requestStoryDraft: ({ user, params, body, deps }) => requestStoryDraft(deps, user, params.id, body),
  saveStoryDraft: ({ user, params, body, deps }) => saveStoryDraft(deps, user, params.id, body),
  approveStoryDraft: ({ user, params, body, deps }) => approveStoryDraft(deps, user, params.id, body),
});
