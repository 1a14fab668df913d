import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ratioTestPairsJavaScript, ratioTestPairsOpenCv, referenceVerifier } from '../../bench/reference/matchers.ts';
import { DomainError } from '../../src/core/errors.ts';
import { fingerprintImage, MAX_INPUT_PIXELS } from '../../src/modules/matching/index.ts';
import { opencv } from '../../src/modules/matching/opencv.ts';
import { ratioTestPairs, verifyPair } from '../../src/modules/matching/verify.ts';
import { pngClaiming, rephotographed, scene } from './images.ts';

const PHOTOS = path.resolve(import.meta.dirname, '../../../shared/data/photos');

async function rejection(bytes: Uint8Array): Promise<string> {
  try {
    await fingerprintImage(bytes);
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('reading hostile and unusual images', () => {
  it('refuses what is not an image, an empty file and a truncated JPEG with their own codes', async () => {
    expect(await rejection(Buffer.from('name,price\njade bowl,100\n'))).toBe('matching.not_an_image');
    expect(await rejection(new Uint8Array(0))).toBe('matching.image_empty');
    const jpeg = await scene(1);
    expect(await rejection(jpeg.subarray(0, Math.floor(jpeg.length * 0.6)))).toBe('matching.image_truncated');
  });

  it('refuses a 20,000 × 20,000 decompression bomb from its header without decoding it', async () => {
    const error = await fingerprintImage(await pngClaiming(20_000, 20_000)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('matching.image_too_large');
    // The header's figures: the refusal came from reading the header. A refusal by the decoder (its pixel limit, once
    // decoding had begun) knows no size and says '?' (decodeFailure in decode.ts).
    expect((error as DomainError).params).toEqual({ width: 20_000, height: 20_000, limit: MAX_INPUT_PIXELS });
  });

  it('reads CMYK, 16-bit and animated images (first frame) and finds the same picture in each', async () => {
    const original = await scene(2);
    const cmyk = await sharp(original).toColourspace('cmyk').jpeg().toBuffer();
    const sixteen = await sharp(original).toColourspace('rgb16').png().toBuffer();
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk');
    expect((await sharp(sixteen).metadata()).depth).toBe('ushort');
    const animated = await sharp([original, await scene(3)], { join: { animated: true } })
      .gif()
      .toBuffer();
    expect((await sharp(animated).metadata()).pages).toBe(2);
    const reference = await fingerprintImage(original);
    for (const variant of [cmyk, sixteen, animated]) {
      const fp = await fingerprintImage(variant, 'query');
      expect((await verifyPair(fp.features, reference.features)).verdict).toBe('strong');
    }
  });
});

describe('matching', () => {
  // The references live in bench/reference/matchers.ts: the method keeps only the WebAssembly matcher.
  it("descriptor matching in WebAssembly gives exactly the pairs of OpenCV's brute-force matcher and of the JavaScript reference", async () => {
    const registry = [await fingerprintImage(await scene(20)), await fingerprintImage(await scene(21))];
    const queries = [await fingerprintImage(await rephotographed(await scene(20)), 'query'), await fingerprintImage(await scene(22), 'query')];
    let compared = 0;
    for (const query of queries) {
      for (const candidate of registry) {
        // Unaligned descriptor bytes (as read from a database row) must give the same pairs.
        const shifted = new Uint8Array(candidate.features.descriptors.length + 1).subarray(1);
        shifted.set(candidate.features.descriptors);
        const expected = ratioTestPairsOpenCv((await opencv()).cv, query.features, candidate.features);
        expect(ratioTestPairsJavaScript(query.features, candidate.features)).toEqual(expected);
        expect(ratioTestPairsJavaScript(query.features, { ...candidate.features, descriptors: shifted })).toEqual(expected);
        expect(ratioTestPairs(query.features, candidate.features)).toEqual(expected);
        expect(ratioTestPairs(query.features, { ...candidate.features, descriptors: shifted })).toEqual(expected);
        compared += expected.length;
      }
    }
    // The same scene gives many pairs, so the comparison covers real correspondences, not only empty lists.
    expect(compared).toBeGreaterThan(50);
  });

  it('gives a strong verdict and the matched region for a re-photographed scene, none for another scene', async () => {
    const original = await scene(10);
    const registry = await fingerprintImage(original);
    const again = await fingerprintImage(await rephotographed(original), 'query');
    const other = await fingerprintImage(await scene(11), 'query');
    const same = await verifyPair(again.features, registry.features);
    expect(same.verdict).toBe('strong');
    expect(same.regions.box).toHaveLength(4);
    expect(same.regions.query.length).toBe(same.inliers);
    for (const [x, y] of same.regions.query) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(1);
    }
    expect((await verifyPair(other.features, registry.features)).verdict).toBe('none');
  });

  it('USAC (the method) and classic RANSAC (the reference) give the same verdicts: strong for the same scene, none for another', async () => {
    const registry = await fingerprintImage(await scene(12));
    const again = await fingerprintImage(await rephotographed(await scene(12)), 'query');
    const other = await fingerprintImage(await scene(13), 'query');
    for (const verify of [verifyPair, referenceVerifier('wasm', 'ransac')]) {
      const same = await verify(again.features, registry.features);
      expect(same.verdict).toBe('strong');
      expect(same.inliers).toBeGreaterThanOrEqual(60);
      expect((await verify(other.features, registry.features)).verdict).toBe('none');
    }
    expect(referenceVerifier('wasm', 'usac')).toBe(verifyPair);
  });

  // The box fills a small part of a cluttered 512 × 384 scene: 12–29 inliers, "possible" (docs/matching.md).
  it.runIf(fs.existsSync(PHOTOS))('finds the box in the cluttered scene and nothing in an unrelated photo', async () => {
    const box = await fingerprintImage(fs.readFileSync(path.join(PHOTOS, 'pairs/box.png')));
    const inScene = await fingerprintImage(fs.readFileSync(path.join(PHOTOS, 'pairs/box_in_scene.png')), 'query');
    const unrelated = await fingerprintImage(fs.readFileSync(path.join(PHOTOS, 'distractors/fruits.jpg')), 'query');
    const found = await verifyPair(inScene.features, box.features);
    expect(found.verdict).not.toBe('none');
    expect(found.regions.box).toHaveLength(4);
    expect((await verifyPair(unrelated.features, box.features)).verdict).toBe('none');
  });
  if (!fs.existsSync(PHOTOS)) console.log(`skipping the real-photo pair: ${PHOTOS} is absent`);
});
