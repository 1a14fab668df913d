import sharp, { type Region as PixelRegion } from 'sharp';
import { DomainError } from '../../core/errors.ts';
import { ACCEPTED_IMAGE_FORMATS } from '../../core/images.ts';
import type { Region } from './regions.ts';

/** The largest image we decode: 40 megapixels (a 20,000 × 20,000 "bomb" is 400 MP and is refused from its header). */
export const MAX_INPUT_PIXELS = 40_000_000;
export const MIN_SIDE = 32;

export interface GreyImage {
  /** 8-bit grey pixels, row-major, width × height bytes. */
  pixels: Uint8Array;
  width: number;
  height: number;
  /** Size of the decoded source (after EXIF orientation). */
  sourceWidth: number;
  sourceHeight: number;
}

/**
 * Whether a file that failed to decode ends before its format's end marker: a JPEG without its EOI (FF D9) in the
 * last bytes, a PNG without its IEND chunk, a GIF without its trailer, a WebP shorter than its RIFF header says.
 */
export function endsEarly(bytes: Uint8Array): boolean {
  const n = bytes.length;
  const tail = (count: number) => bytes.subarray(Math.max(0, n - count));
  if (n >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    const end = tail(64);
    for (let i = end.length - 2; i >= 0; i--) if (end[i] === 0xff && end[i + 1] === 0xd9) return false;
    return true;
  }
  if (n >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
    return Buffer.from(tail(12)).indexOf('IEND') < 0;
  }
  if (n >= 6 && bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46) return bytes[n - 1] !== 0x3b;
  if (
    n >= 12 &&
    Buffer.from(bytes.subarray(0, 4)).toString('latin1') === 'RIFF' &&
    Buffer.from(bytes.subarray(8, 12)).toString('latin1') === 'WEBP'
  ) {
    const declared = (bytes[4]! | (bytes[5]! << 8) | (bytes[6]! << 16) | (bytes[7]! << 24)) >>> 0;
    return declared + 8 > n;
  }
  return false;
}

/**
 * The user's reason for a failed decode. libvips's message is the first clue, but its error buffer is shared by
 * the whole process: with decodes running in worker threads at the same time, a failure can come back with another
 * thread's message or none (seen: a truncated JPEG reported as "not an image" only when screened in the pool), so a
 * file that ends before its format's end marker is called truncated whatever the message says.
 */
export function decodeFailure(error: unknown, bytes: Uint8Array): DomainError {
  if (error instanceof DomainError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message))
    return new DomainError('validation', 'matching.image_too_large', undefined, { width: '?', height: '?', limit: MAX_INPUT_PIXELS });
  if (/premature end|truncated|unexpected end|end of (jpeg|file)|Read error|incomplete/i.test(message) || endsEarly(bytes)) {
    return new DomainError('validation', 'matching.image_truncated');
  }
  return new DomainError('validation', 'matching.not_an_image');
}

/**
 * Reads the header first and refuses oversized or degenerate images before any pixel is decoded, then decodes the
 * first frame (animated GIF/WebP), applies EXIF orientation, converts any colour space (CMYK, 16-bit, alpha) to
 * 8-bit grey and shrinks it to fit `maxSide`. Truncated files fail (sharp's default would pad them with grey).
 */
export async function decodeGrey(bytes: Uint8Array, maxSide: number): Promise<GreyImage> {
  if (bytes.length === 0) throw new DomainError('validation', 'matching.image_empty');
  let width: number;
  let height: number;
  try {
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    if (!meta.width || !meta.height || !meta.format || !ACCEPTED_IMAGE_FORMATS.has(meta.format))
      throw new DomainError('validation', 'matching.not_an_image');
    const rotated = (meta.orientation ?? 1) >= 5;
    width = rotated ? meta.height : meta.width;
    height = rotated ? meta.width : meta.height;
    // pageHeight: an animated image's height is all frames stacked; one frame is what we look at.
    if (meta.pages && meta.pages > 1 && meta.pageHeight) height = rotated ? height : meta.pageHeight;
  } catch (error) {
    throw decodeFailure(error, bytes);
  }
  if (width * height > MAX_INPUT_PIXELS) {
    throw new DomainError('validation', 'matching.image_too_large', undefined, { width, height, limit: MAX_INPUT_PIXELS });
  }
  if (width < MIN_SIDE || height < MIN_SIDE) {
    throw new DomainError('validation', 'matching.image_too_small', undefined, { width, height, min: MIN_SIDE });
  }
  return greyFrom(bytes, null, maxSide, { width, height });
}

/** The oriented image (or `extract`, a rectangle of it in source pixels) on white, shrunk to fit `maxSide`, in grey. */
async function greyFrom(
  bytes: Uint8Array,
  extract: PixelRegion | null,
  maxSide: number,
  source: { width: number; height: number },
): Promise<GreyImage> {
  try {
    let image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'truncated', animated: false, pages: 1 }).rotate();
    if (extract) image = image.extract(extract);
    const { data, info } = await image
      .flatten({ background: '#ffffff' })
      .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
      .toColourspace('b-w')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 1) throw new Error(`expected one channel, got ${info.channels}`);
    return {
      pixels: new Uint8Array(data.buffer, data.byteOffset, data.length),
      width: info.width,
      height: info.height,
      sourceWidth: source.width,
      sourceHeight: source.height,
    };
  } catch (error) {
    throw decodeFailure(error, bytes);
  }
}

/**
 * One rectangle of an image already read by `decodeGrey` (so its size is known and checked), given as fractions of
 * the oriented source, decoded from the source pixels and shrunk to fit `maxSide` in grey: a photo inside a
 * screenshot is read at its own resolution instead of the page's.
 */
export async function decodeGreyRegion(
  bytes: Uint8Array,
  source: { width: number; height: number },
  region: Region,
  maxSide: number,
): Promise<GreyImage> {
  const left = Math.max(0, Math.floor(region.x * source.width));
  const top = Math.max(0, Math.floor(region.y * source.height));
  const width = Math.min(source.width - left, Math.ceil(region.width * source.width));
  const height = Math.min(source.height - top, Math.ceil(region.height * source.height));
  if (width < MIN_SIDE || height < MIN_SIDE)
    throw new DomainError('validation', 'matching.image_too_small', undefined, { width, height, min: MIN_SIDE });
  return greyFrom(bytes, { left, top, width, height }, maxSide, { width, height });
}

/** Small RGB thumbnail (for the colour part of the global descriptor). */
export async function decodeColourThumb(bytes: Uint8Array, side: number): Promise<{ pixels: Uint8Array; width: number; height: number }> {
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'truncated', animated: false, pages: 1 })
      .rotate()
      .flatten({ background: '#ffffff' })
      .resize({ width: side, height: side, fit: 'inside' })
      .toColourspace('srgb')
      .removeAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    return { pixels: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
  } catch (error) {
    throw decodeFailure(error, bytes);
  }
}
