import { z } from 'zod';
import { idParams, isoDateTime, objectId } from '../contract/common';
import { defineOperation } from '../contract/operation';
import { defineProblems } from '../contract/problem';

/** 照片上传: one platform endpoint for every feature's photos (a charging hazard, a memorial
 * portrait, a proof photo). An upload is its uploader's alone until a feature attaches it to one
 * of its objects; from then on that feature decides who may see it. */

/** Enough for a phone photo after `chooseImage({ sizeType: ['compressed'] })`. */
export const UPLOAD_MAX_BYTES = 5 * 1024 * 1024;

export const uploadMediaType = z.enum(['image/jpeg', 'image/png', 'image/webp']);
export type UploadMediaType = z.infer<typeof uploadMediaType>;

export const uploadView = z.strictObject({
  id: objectId,
  mime: uploadMediaType,
  /** Bytes as stored: re-encoded, metadata stripped. */
  size: z.int().positive(),
  width: z.int().positive(),
  height: z.int().positive(),
  createdAt: isoDateTime,
});
export type UploadView = z.infer<typeof uploadView>;

/** What a feature's body takes to refer to uploads: ids from `uploads.create`, at most `max`. */
export const uploadIds = (max: number) => z.array(objectId).max(max);

export const uploadsApi = {
  create: defineOperation({
    id: 'uploads.create',
    method: 'POST',
    path: '/api/uploads',
    summary: 'Upload one photo (JPEG, PNG or WebP); its metadata, GPS included, is stripped before it is stored',
    access: 'resident',
    multipart: { file: 'file', maxBytes: UPLOAD_MAX_BYTES, accept: uploadMediaType.options },
    response: uploadView,
    status: 201,
    problems: ['UPLOAD_FILE_MISSING', 'UPLOAD_TOO_LARGE', 'UPLOAD_NOT_AN_IMAGE', 'RATE_LIMITED'],
  }),
  get: defineOperation({
    id: 'uploads.get',
    method: 'GET',
    path: '/api/uploads/:id',
    summary: "An upload's bytes: the uploader's own, or one the owning feature lets the caller see",
    access: 'optional',
    params: idParams,
    response: z.custom<Uint8Array>((value) => value instanceof Uint8Array),
    produces: 'image/*',
  }),
} as const;

export const uploadsProblems = defineProblems({
  UPLOAD_FILE_MISSING: {
    status: 400,
    title: 'Send exactly one file in the form field "file"',
    zh: '没有收到照片，请重新选择',
  },
  UPLOAD_TOO_LARGE: { status: 413, title: 'The file is larger than 5 MB', zh: '照片不能超过 5 MB' },
  UPLOAD_NOT_AN_IMAGE: {
    status: 415,
    title: 'The file is not a JPEG, PNG or WebP image',
    zh: '只能上传 JPG、PNG 或 WebP 格式的照片',
  },
  UPLOAD_NOT_FOUND: {
    status: 404,
    title: 'An upload is missing, expired, someone else’s or already used',
    zh: '照片已失效，请重新上传',
  },
});
