import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { CandidateIndex } from '../../src/modules/matching/candidate-index.ts';
import { decodeGrey } from '../../src/modules/matching/decode.ts';
import { fingerprintImage } from '../../src/modules/matching/fingerprint.ts';
import { rankByFingerprint, shortlistFor, verifyShortlist } from '../../src/modules/matching/rank.ts';
import { photoRegions } from '../../src/modules/matching/regions.ts';
import { gridCells, STRONG_INLIERS, thickness, verdictFor, verifyPair } from '../../src/modules/matching/verify.ts';
import { scene } from './images.ts';

/** A market page (1400 px wide, flat background, a banner, lines of text) showing `photo` 420 px wide at (50, 110). */
async function marketPage(photo: Buffer): Promise<Buffer> {
  const inner = await sharp(photo).resize({ width: 420 }).toBuffer();
  const lines = ['清代玉器 精品 包邮 Qing jade, fine, free shipping', '¥ 38,000 · 卖家: 古玩阁 · 北京', '描述：传世老件，品相完好。']
    .map((line, i) => `<text x="520" y="${190 + i * 40}" font-size="22" font-family="WenQuanYi Micro Hei, sans-serif" fill="#333">${line}</text>`)
    .join('');
  const page = `<svg width="1400" height="860" xmlns="http://www.w3.org/2000/svg"><rect width="1400" height="860" fill="#f5f5f5"/><rect width="1400" height="64" fill="#c62f2f"/>${lines}</svg>`;
  return sharp(Buffer.from(page))
    .composite([{ input: inner, left: 50, top: 110 }])
    .png()
    .toBuffer();
}

/** A scene carrying a rendered reign mark (乾隆年制, 40 px, on a white label): the same words in two different photos. */
async function captioned(seed: number): Promise<Buffer> {
  const caption =
    '<svg width="640" height="480" xmlns="http://www.w3.org/2000/svg"><rect x="176" y="140" width="184" height="60" fill="white"/><text x="184" y="184" font-size="40" font-family="WenQuanYi Micro Hei, sans-serif" fill="black">乾隆年制</text></svg>';
  return sharp(await scene(seed))
    .composite([{ input: Buffer.from(caption) }])
    .jpeg({ quality: 90 })
    .toBuffer();
}

describe('photo-like regions of a query', () => {
  it('finds the photo in a screenshot of a market page, and no region in an ordinary photo', async () => {
    const page = await marketPage(await scene(60));
    const regions = photoRegions(await decodeGrey(page, 640));
    expect(regions).toHaveLength(1);
    const [r] = regions;
    // The photo spans x 50–470 of 1400 and y 110–425 of 860 (8-pixel blocks at 640 px: within 2 %).
    expect(r!.x).toBeCloseTo(50 / 1400, 1);
    expect(r!.x + r!.width).toBeCloseTo(470 / 1400, 1);
    expect(r!.y).toBeCloseTo(110 / 860, 1);
    expect(r!.y + r!.height).toBeCloseTo(425 / 860, 1);
    expect(photoRegions(await decodeGrey(await scene(61), 640))).toEqual([]);
  });

  it('a photo shown small in a page is found strong by reading its region again, where the whole page alone is not', async () => {
    const photo = await scene(62);
    const registry = await fingerprintImage(photo);
    const page = await marketPage(photo);
    const expanded = await fingerprintImage(page, 'query');
    const wholeOnly = await fingerprintImage(page, 'query', { regions: 0 });
    expect(expanded.features.points.length).toBeGreaterThan(wholeOnly.features.points.length);
    // Region keypoints are moved into the whole page's frame: every point lies inside it.
    for (let i = 0; i < expanded.features.points.length; i += 2) {
      expect(expanded.features.points[i]).toBeLessThanOrEqual(expanded.features.width);
      expect(expanded.features.points[i + 1]).toBeLessThanOrEqual(expanded.features.height);
    }
    const found = await verifyPair(expanded.features, registry.features);
    const before = await verifyPair(wholeOnly.features, registry.features);
    expect(found.verdict).toBe('strong');
    expect(before.verdict).not.toBe('strong');
    expect(found.inliers).toBeGreaterThan(before.inliers * 1.5);
    // The photo's frame projected into the page lands where the photo is (x 50–470 of 1400).
    const xs = found.regions.box!.map(([x]) => x);
    expect(Math.min(...xs)).toBeCloseTo(50 / 1400, 1);
    expect(Math.max(...xs)).toBeCloseTo(470 / 1400, 1);
  });
});

describe('strong verdicts need inliers spread over the photo', () => {
  it('the same reign mark in two different photos is not a strong match; the same photo is', async () => {
    const registry = await fingerprintImage(await captioned(70));
    const other = await fingerprintImage(await captioned(71), 'query');
    const shared = await verifyPair(other.features, registry.features);
    // The caption alone gives a consistent homography with enough inliers for "strong" by count…
    expect(shared.inliers).toBeGreaterThanOrEqual(STRONG_INLIERS);
    // …packed in one line of text, a few cells of the grid: "possible" at most.
    expect(shared.cells).toBeLessThan(4);
    expect(shared.verdict).not.toBe('strong');
    const same = await verifyPair((await fingerprintImage(await captioned(70), 'query')).features, registry.features);
    expect(same.verdict).toBe('strong');
  });

  it('counts grid cells and thickness of inlier sets', () => {
    const line: Array<[number, number]> = Array.from({ length: 40 }, (_, i) => [0.05 + i * 0.022, 0.5 + (i % 3) * 0.01]);
    const spreadOut: Array<[number, number]> = Array.from({ length: 40 }, (_, i) => [(i % 8) / 8 + 0.05, Math.floor(i / 8) / 5 + 0.05]);
    expect(gridCells(line)).toBeLessThanOrEqual(4);
    expect(gridCells(spreadOut)).toBe(16);
    expect(thickness(line)).toBeLessThan(0.01);
    expect(thickness(spreadOut)).toBeGreaterThan(0.2);
    expect(verdictFor(STRONG_INLIERS, 2)).toBe('possible');
    expect(verdictFor(STRONG_INLIERS, 16)).toBe('strong');
    expect(verdictFor(STRONG_INLIERS)).toBe('strong');
  });
});

describe('verification gate on shared visual words', () => {
  it('verifies only candidates sharing enough words with the query, and still ranks the true photo first', async () => {
    const photos = await Promise.all([80, 81, 82, 83].map((seed) => scene(seed)));
    const index = new CandidateIndex();
    const features = new Map<string, Awaited<ReturnType<typeof fingerprintImage>>['features']>();
    for (const [i, bytes] of photos.entries()) {
      const fp = await fingerprintImage(bytes);
      index.add(`p${i}`, fp.words);
      features.set(`p${i}`, fp.features);
    }
    const query = await fingerprintImage(await sharp(photos[1]!).rotate(10, { background: '#fff' }).jpeg({ quality: 60 }).toBuffer(), 'query');
    const candidates = index.search(query.words, 4);
    expect(candidates[0]).toMatchObject({ key: 'p1' });
    expect(candidates[0]!.shared).toBeGreaterThan(candidates[1]?.shared ?? 0);
    const verifiedKeys: string[] = [];
    const threshold = candidates[0]!.shared;
    const ranked = await rankByFingerprint(query, index, async (keys) => new Map(keys.map((k) => [k, features.get(k)!])), {
      top: 4,
      minSharedWords: threshold,
      onVerified: (candidate) => verifiedKeys.push(candidate.key),
    });
    expect(verifiedKeys).toEqual(['p1']);
    expect(ranked[0]).toMatchObject({ key: 'p1', verdict: 'strong' });
    expect(ranked.slice(1).every((r) => r.verdict === 'none' && r.inliers === 0)).toBe(true);
  });
});

describe('query windows searched on their own', () => {
  it('a query holding four registry photos, one per quarter, brings each into the shortlist through its window', async () => {
    const seeds = [100, 101, 102, 103];
    const index = new CandidateIndex();
    const features = new Map();
    for (const seed of [...seeds, 104, 105]) {
      const fp = await fingerprintImage(await scene(seed));
      index.add(`scene-${seed}`, fp.words);
      features.set(`scene-${seed}`, fp.features);
    }
    const tiles = await Promise.all(
      seeds.map(async (seed, i) => ({
        input: await sharp(await scene(seed))
          .resize(320, 240)
          .toBuffer(),
        left: (i % 2) * 320,
        top: Math.floor(i / 2) * 240,
      })),
    );
    const mosaic = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#808080' } })
      .composite(tiles)
      .jpeg({ quality: 90 })
      .toBuffer();
    const query = await fingerprintImage(mosaic, 'query');
    const loadFeatures = async (keys: string[]) => new Map(keys.map((k) => [k, features.get(k)!] as const));

    // The whole query's best candidate only: one of the four.
    const without = await shortlistFor(query, index, loadFeatures, { top: 1, shortlist: 1, windows: 0 });
    expect(without.candidates).toHaveLength(1);
    // Each quarter's window adds its own photo: all four are shortlisted, verified (no early stop) and found.
    const shortlist = await shortlistFor(query, index, loadFeatures, { top: 1, shortlist: 1, windows: 1 });
    // (A window whose own photo is already in adds its next best, an unrelated scene, which verification rejects.)
    const keys = shortlist.candidates.map((c) => c.key);
    for (const seed of seeds) expect(keys).toContain(`scene-${seed}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(shortlist.candidates.slice(1).every((c) => c.window !== undefined)).toBe(true);
    const ranked = await verifyShortlist(query, shortlist, { top: 10, earlyStopInliers: Infinity });
    expect(new Set(ranked.slice(0, 4).map((r) => r.key))).toEqual(new Set(seeds.map((s) => `scene-${s}`)));
    expect(ranked.slice(0, 4).every((r) => r.verdict !== 'none')).toBe(true);
    expect(ranked.slice(4).every((r) => r.verdict === 'none')).toBe(true);
  });
});
