/** The 生平 limits, apart from the contract so the mini-program's pages take them without zod. */

export const MAX_BIOGRAPHY = 5000;
export const MAX_GALLERY_PHOTOS = 12;
/** A draft longer than this is cut at the last sentence end before it. */
export const MAX_STORY_DRAFT = 1200;
