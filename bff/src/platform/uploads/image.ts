import sharp from 'sharp';
import type { UploadMediaType } from '@warmcity/shared/api/uploads';
import { problem } from '../problem';

// Magic numbers, checked before any decoder sees the bytes: whatever the filename or the declared
// type says, only these three formats ever reach libvips (which would also read SVG, PDF, TIFF...).
const SIGNATURES: readonly {
  mime: UploadMediaType;
  format: 'jpeg' | 'png' | 'webp';
  matches: (b: Buffer) => boolean;
}[] = [
  { mime: 'image/jpeg', format: 'jpeg', matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    mime: 'image/png',
    format: 'png',
    matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  {
    mime: 'image/webp',
    format: 'webp',
    matches: (b) => b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP',
  },
];

// A 5 MB file can still claim billions of pixels; refuse before decoding them.
const MAX_INPUT_PIXELS = 50_000_000;
// Phone screens show nothing finer; larger photos only cost residents' mobile data.
const MAX_EDGE = 2560;

export interface CleanImage {
  mime: UploadMediaType;
  data: Buffer;
  width: number;
  height: number;
}

/**
 * The image re-encoded from its pixels alone, so nothing of the original file survives but the
 * picture: no EXIF (GPS position, camera serial), XMP, ICC comments or trailing bytes. The EXIF
 * orientation is applied first, since the tag that carried it goes with the rest.
 */
export async function cleanImage(bytes: Buffer): Promise<CleanImage> {
  const signature = SIGNATURES.find(({ matches }) => matches(bytes));
  if (!signature) throw problem('UPLOAD_NOT_AN_IMAGE');
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true })
      .toFormat(signature.format, { quality: 85 })
      .toBuffer({ resolveWithObject: true });
    return { mime: signature.mime, data, width: info.width, height: info.height };
  } catch {
    // The right magic number over bytes that do not decode: not an image we can keep.
    throw problem('UPLOAD_NOT_AN_IMAGE');
  }
}
