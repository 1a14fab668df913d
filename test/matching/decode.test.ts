// Why a photo could not be read: a file cut short is "incomplete", whatever message the decoder left. libvips keeps
// one error buffer for the whole process, so with decodes in worker threads at the same time a failure can arrive
// with another thread's message or none; the pool then called a truncated JPEG "not an image".
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeFailure, decodeGrey, endsEarly } from '../../src/modules/matching/decode.ts';

const noisy = async (format: 'jpeg' | 'png' | 'webp' | 'gif') => {
  const side = 96;
  const raw = Buffer.alloc(side * side * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 7919) % 251;
  return sharp(raw, { raw: { width: side, height: side, channels: 3 } })
    .toFormat(format)
    .toBuffer();
};

describe('decode failures', () => {
  it('calls a file that ends before its format end marker truncated, even when the decoder said nothing useful', async () => {
    for (const format of ['jpeg', 'png', 'webp', 'gif'] as const) {
      const whole = await noisy(format);
      const cut = whole.subarray(0, Math.floor(whole.length * 0.6));
      expect(endsEarly(whole), `${format} whole`).toBe(false);
      expect(endsEarly(cut), `${format} cut`).toBe(true);
      expect(decodeFailure(new Error(''), cut).code, format).toBe('matching.image_truncated');
      expect(decodeFailure(new Error("some other thread's message"), cut).code, format).toBe('matching.image_truncated');
      expect(decodeFailure(new Error(''), whole).code, format).toBe('matching.not_an_image');
    }
    expect(decodeFailure(new Error(''), Buffer.from('not an image at all')).code).toBe('matching.not_an_image');
  });

  it('refuses truncated JPEG and PNG files as incomplete', async () => {
    for (const format of ['jpeg', 'png'] as const) {
      const whole = await noisy(format);
      await expect(decodeGrey(whole.subarray(0, Math.floor(whole.length * 0.6)), 256), format).rejects.toMatchObject({
        code: 'matching.image_truncated',
      });
      await expect(decodeGrey(whole, 256), format).resolves.toMatchObject({ width: 96, height: 96 });
    }
  });
});
