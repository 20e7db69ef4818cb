import { z } from 'zod';
import { idParams, isoDateTime, multiLineText, objectId } from '../contract/common';
import { defineOperation } from '../contract/operation';
import { defineProblems } from '../contract/problem';
import { memorialView } from './memorial';
import { MAX_BIOGRAPHY, MAX_GALLERY_PHOTOS, MAX_STORY_DRAFT } from '../memorial/story-limits';
import { uploadIds } from './uploads';

/** 生平: the owner's edits of a memorial (biography, portrait, gallery, way-finding note) and the
 * life-story draft composed from the family's facts, private to the owner until approved. */

export { MAX_BIOGRAPHY, MAX_GALLERY_PHOTOS, MAX_STORY_DRAFT };

// The facts go to an outside model service: no run of 11 or more digits (an ID number, a phone
// number), however it is spaced, ever gets that far.
const LONG_NUMBER = /\d{11,}|\d{14,}[Xx]/;
/** Whether the text holds no ID or phone number, however spaced or dashed. */
export const noLongNumber = (value: string) => !LONG_NUMBER.test(value.replace(/[\s\-–—.·]/g, ''));
const fact = (max: number) =>
  multiLineText(max).refine(noLongNumber, 'must not contain an ID or phone number').optional();

/** What the family tells about the deceased; birth and death come from the memorial itself. */
export const storyFacts = z.strictObject({
  hometown: fact(40),
  work: fact(200),
  family: fact(200),
  knownFor: fact(300),
  saying: fact(100),
});
export type StoryFacts = z.infer<typeof storyFacts>;

export const storySource = z.enum(['model', 'template']);

export const storyDraftView = z.strictObject({
  facts: storyFacts,
  text: z.string(),
  /** `model` when the language model wrote it; `template` when composed from the facts. */
  source: storySource,
  updatedAt: isoDateTime,
});
export type StoryDraftView = z.infer<typeof storyDraftView>;

const photoParams = z.strictObject({ id: objectId, photoId: objectId });
const base = '/api/memorial/memorials/:id';

export const memorialStoriesApi = {
  editMemorial: defineOperation({
    id: 'memorial.editMemorial',
    method: 'PATCH',
    path: base,
    summary: 'The owner edits the biography, the portrait (an upload, or null to remove) or the way-finding note',
    access: 'resident',
    params: idParams,
    body: z
      .strictObject({
        biography: z.union([z.literal(''), multiLineText(MAX_BIOGRAPHY)]).optional(),
        portrait: objectId.nullable().optional(),
        wayfinding: z.union([z.literal(''), multiLineText(200)]).optional(),
      })
      .refine((body) => Object.keys(body).length > 0, 'nothing to change'),
    response: memorialView,
    problems: ['UPLOAD_NOT_FOUND'],
  }),
  addGalleryPhotos: defineOperation({
    id: 'memorial.addGalleryPhotos',
    method: 'POST',
    path: `${base}/gallery`,
    summary: `The owner adds uploaded photos to the gallery, at most ${MAX_GALLERY_PHOTOS} in all`,
    access: 'resident',
    params: idParams,
    body: z.strictObject({ photos: uploadIds(MAX_GALLERY_PHOTOS).min(1) }),
    response: memorialView,
    problems: ['GALLERY_FULL', 'UPLOAD_NOT_FOUND'],
  }),
  removeGalleryPhoto: defineOperation({
    id: 'memorial.removeGalleryPhoto',
    method: 'DELETE',
    path: `${base}/gallery/:photoId`,
    summary: 'The owner takes a photo out of the gallery',
    access: 'resident',
    params: photoParams,
    response: memorialView,
  }),
  getStoryDraft: defineOperation({
    id: 'memorial.getStoryDraft',
    method: 'GET',
    path: `${base}/story-draft`,
    summary: 'The owner’s life-story draft, if one is waiting; nobody else ever sees it',
    access: 'resident',
    params: idParams,
    response: z.strictObject({ draft: storyDraftView.nullable() }),
  }),
  requestStoryDraft: defineOperation({
    id: 'memorial.requestStoryDraft',
    method: 'POST',
    path: `${base}/story-draft`,
    summary: 'Compose a life-story draft from the facts (a language model if configured, else a template)',
    access: 'resident',
    params: idParams,
    body: z.strictObject({ facts: storyFacts }),
    response: z.strictObject({ draft: storyDraftView }),
    problems: ['RATE_LIMITED'],
  }),
  saveStoryDraft: defineOperation({
    id: 'memorial.saveStoryDraft',
    method: 'PUT',
    path: `${base}/story-draft/text`,
    summary: 'The owner saves their edits of the draft text',
    access: 'resident',
    params: idParams,
    body: z.strictObject({ text: multiLineText(MAX_BIOGRAPHY) }),
    response: z.strictObject({ draft: storyDraftView }),
    problems: ['STORY_DRAFT_MISSING'],
  }),
  approveStoryDraft: defineOperation({
    id: 'memorial.approveStoryDraft',
    method: 'POST',
    path: `${base}/story-draft/approve`,
    summary: 'The owner approves the text they read; it becomes the public biography and the draft is gone',
    access: 'resident',
    params: idParams,
    body: z.strictObject({ text: multiLineText(MAX_BIOGRAPHY) }),
    response: memorialView,
    problems: ['STORY_DRAFT_MISSING'],
  }),
} as const;

export const memorialStoriesProblems = defineProblems({
  GALLERY_FULL: {
    status: 409,
    title: `A gallery holds at most ${MAX_GALLERY_PHOTOS} photos`,
    zh: `相册最多 ${MAX_GALLERY_PHOTOS} 张照片，请先删除几张`,
  },
  STORY_DRAFT_MISSING: { status: 409, title: 'There is no draft to save or approve', zh: '草稿已不存在，请重新生成' },
});
