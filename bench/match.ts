// npm run bench -- match [--distractors N] [--queries-per-photo K] [--seed S] [--compare] [--compare-verification] [--workers N]
//   [--estimator usac|ransac] [--matcher wasm|javascript|opencv] [--replicate K] [--windows K]
//   variants: [--query-regions N] [--query-keypoints K] [--min-gain G] [--verify K] [--min-shared K] [--shortlist K]
// Generated distractors' fingerprints are cached under the OS temp dir (see distractorCache).
// Evaluates the photo matcher (visual words + ORB/USAC) against a pHash baseline on one registry, in one run.
// --matcher and --estimator verify with the reference implementations in bench/reference/matchers.ts.
// Registry: one photo per jade object (../shared/data/photos/jadeNNN_00.jpg), the "before" photo of each pair, half
// of the real distractor photos, and N generated distractors. Query classes: other real views, synthetic
// re-photography, the classic pairs, and photos of things not in the registry.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp, { type OverlayOptions } from 'sharp';
import { CandidateIndex } from '../src/modules/matching/candidate-index.ts';
import type { LocalFeatures } from '../src/modules/matching/features.ts';
import {
  decodeFeatures,
  encodeFeatures,
  FINGERPRINT_VERSION,
  type Fingerprint,
  fingerprintImage,
  QUERY_KEYPOINTS,
  QUERY_REGIONS,
  REGION_MIN_GAIN,
} from '../src/modules/matching/fingerprint.ts';
import { opencv } from '../src/modules/matching/opencv.ts';
import { hammingDistance64, perceptualHash } from '../src/modules/matching/phash.ts';
import { createQueryPool } from '../src/modules/matching/pool.ts';
import {
  EARLY_STOP_INLIERS,
  MIN_SHARED_WORDS,
  rankByFingerprint,
  shortlistFor,
  VERIFY_AT_MOST,
  WINDOW_CANDIDATES,
} from '../src/modules/matching/rank.ts';
import { MAX_REGION_SHARE } from '../src/modules/matching/regions.ts';
import { POSSIBLE_INLIERS, STRONG_INLIERS, verdictFor } from '../src/modules/matching/verify.ts';
import { ESTIMATORS, type Estimator, MATCHERS, type Matcher, referenceVerifier } from './reference/matchers.ts';
import { percentile } from './support.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PHOTOS = path.join(ROOT, '../shared/data/photos');

/** pHash verdicts at the usual thresholds (Hamming distance of 64 bits). */
const PHASH_STRONG = 8;
const PHASH_POSSIBLE = 14;

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(args[i + 1]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} takes a number`);
  return value;
}

export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
}

const escapeXml = (s: string) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

// ---------- synthetic re-photography ----------

type Transform = (bytes: Buffer, random: () => number) => Promise<Buffer>;

async function size(bytes: Buffer): Promise<{ width: number; height: number }> {
  const meta = await sharp(bytes).rotate().metadata();
  return { width: meta.autoOrient?.width ?? meta.width!, height: meta.autoOrient?.height ?? meta.height! };
}

async function perspective(bytes: Buffer, random: () => number): Promise<Buffer> {
  const { cv } = await opencv();
  const { data, info } = await sharp(bytes)
    .rotate()
    .resize({ width: 1200, height: 1200, fit: 'inside', withoutEnlargement: true })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const w = info.width;
  const h = info.height;
  const src = cv.Mat.zeros(h, w, cv.CV_8UC3);
  src.data.set(data);
  const j = () => 0.05 + random() * 0.13;
  const from = cv.matFromArray(4, 1, cv.CV_32FC2, [0, 0, w, 0, w, h, 0, h]);
  const to = cv.matFromArray(4, 1, cv.CV_32FC2, [
    w * j(),
    h * j() * 0.5,
    w * (1 - j()),
    h * j(),
    w * (1 - j() * 0.5),
    h * (1 - j()),
    w * j() * 0.5,
    h * (1 - j() * 0.5),
  ]);
  const m = cv.getPerspectiveTransform(from, to);
  const out = new cv.Mat();
  cv.warpPerspective(src, out, m, new cv.Size(w, h), cv.INTER_LINEAR, cv.BORDER_CONSTANT, new cv.Scalar(235, 235, 235, 255));
  const result = Buffer.from(out.data as Uint8Array);
  for (const mat of [src, from, to, m, out]) mat.delete();
  return sharp(result, { raw: { width: w, height: h, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

export const TRANSFORMS: Record<string, Transform> = {
  crop: async (bytes, random) => {
    const { width, height } = await size(bytes);
    const keep = 0.6 + random() * 0.3; // crop 10–40 %
    const w = Math.round(width * keep);
    const h = Math.round(height * (0.6 + random() * 0.3));
    return sharp(bytes)
      .rotate()
      .extract({ left: Math.floor(random() * (width - w)), top: Math.floor(random() * (height - h)), width: w, height: h })
      .jpeg({ quality: 85 })
      .toBuffer();
  },
  rotate: (bytes, random) =>
    sharp(bytes)
      .rotate()
      .rotate((random() < 0.5 ? -1 : 1) * (5 + random() * 20), { background: '#f0f0f0' })
      .jpeg({ quality: 85 })
      .toBuffer(),
  perspective,
  scale25: async (bytes) => {
    const { width } = await size(bytes);
    return sharp(bytes)
      .rotate()
      .resize({ width: Math.round(width * 0.25) })
      .jpeg({ quality: 85 })
      .toBuffer();
  },
  brightness: (bytes, random) => {
    const contrast = 0.7 + random() * 0.6;
    const offset = (random() - 0.5) * 0.6 * 255;
    return sharp(bytes)
      .rotate()
      .linear(contrast, offset - 128 * (contrast - 1))
      .jpeg({ quality: 85 })
      .toBuffer();
  },
  blur: (bytes, random) =>
    sharp(bytes)
      .rotate()
      .resize({ width: 1000, withoutEnlargement: true })
      .blur(1.5 + random() * 1.5)
      .jpeg({ quality: 85 })
      .toBuffer(),
  jpeg30: (bytes) => sharp(bytes).rotate().jpeg({ quality: 30 }).toBuffer(),
  watermark: async (bytes, random) => {
    const base = await sharp(bytes).rotate().resize({ width: 1000, withoutEnlargement: true }).toBuffer();
    const { width, height } = await size(base);
    const text = escapeXml(['拍卖预展 LOT 128', 'SAMPLE 样品', '© antiques-market.example'][Math.floor(random() * 3)]!);
    const svg = `<svg width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><text x="50%" y="55%" text-anchor="middle" font-size="${Math.round(width / 12)}" font-family="WenQuanYi Micro Hei, sans-serif" fill="white" fill-opacity="0.55" stroke="black" stroke-opacity="0.35" transform="rotate(-20 ${width / 2} ${height / 2})">${text}</text></svg>`;
    const border = Math.round(width * (0.03 + random() * 0.07));
    return sharp(base)
      .composite([{ input: Buffer.from(svg) }])
      .extend({ top: border, bottom: border, left: border, right: border, background: random() < 0.5 ? '#ffffff' : '#202020' })
      .jpeg({ quality: 80 })
      .toBuffer();
  },
  screenshot: async (bytes, random) => {
    const photoWidth = 380 + Math.floor(random() * 200);
    const photo = await sharp(bytes).rotate().resize({ width: photoWidth }).toBuffer();
    const { height: photoHeight } = await size(photo);
    const pageHeight = Math.max(800, photoHeight + 260);
    const lines = [
      '清代玉器 精品 包邮 Qing jade, fine, free shipping',
      '¥ 38,000 · 卖家: 古玩阁 · 北京',
      '描述：传世老件，品相完好。Description: old piece, good condition.',
    ]
      .map(
        (line, i) =>
          `<text x="${photoWidth + 80}" y="${190 + i * 40}" font-size="20" font-family="WenQuanYi Micro Hei, sans-serif" fill="#333">${escapeXml(line)}</text>`,
      )
      .join('');
    const page = `<svg width="1280" height="${pageHeight}" xmlns="http://www.w3.org/2000/svg"><rect width="1280" height="${pageHeight}" fill="#f5f5f5"/><rect width="1280" height="64" fill="#c62f2f"/><text x="24" y="42" font-size="26" fill="white" font-family="WenQuanYi Micro Hei, sans-serif">古玩交易网 antiques-market.example</text><rect x="40" y="100" width="${photoWidth + 20}" height="${photoHeight + 20}" fill="white" stroke="#ddd"/>${lines}<rect x="${photoWidth + 80}" y="320" width="180" height="48" rx="6" fill="#ff7a00"/><text x="${photoWidth + 110}" y="352" font-size="20" fill="white" font-family="WenQuanYi Micro Hei, sans-serif">立即购买 Buy</text></svg>`;
    return sharp(Buffer.from(page))
      .composite([{ input: photo, left: 50, top: 110 }])
      .png()
      .toBuffer();
  },
  combined: async (bytes, random) => {
    const cropped = await TRANSFORMS.crop!(bytes, random);
    const rotated = await TRANSFORMS.rotate!(cropped, random);
    const lit = await TRANSFORMS.brightness!(rotated, random);
    return sharp(lit).resize({ width: 500 }).jpeg({ quality: 40 }).toBuffer();
  },
};

// ---------- generated distractors ----------

/** A plausible registry photo of something else: a crop mosaic of real photos, or a rendered object on a backdrop. */
export async function generateDistractor(sources: Buffer[], random: () => number): Promise<Buffer> {
  if (random() < 0.5 && sources.length > 0) {
    const tiles: OverlayOptions[] = [];
    for (let i = 0; i < 4; i++) {
      const source = sources[Math.floor(random() * sources.length)]!;
      const { width, height } = await size(source);
      const w = Math.max(64, Math.floor(width * (0.3 + random() * 0.4)));
      const h = Math.max(64, Math.floor(height * (0.3 + random() * 0.4)));
      let tile = sharp(source)
        .rotate()
        .extract({ left: Math.floor(random() * (width - w)), top: Math.floor(random() * (height - h)), width: w, height: h })
        .resize(320, 240, { fit: 'cover' })
        .modulate({ hue: Math.floor(random() * 360), saturation: 0.5 + random(), brightness: 0.7 + random() * 0.6 });
      if (random() < 0.5) tile = tile.flop();
      if (random() < 0.3) tile = tile.flip();
      tiles.push({ input: await tile.toBuffer(), left: (i % 2) * 320, top: Math.floor(i / 2) * 240 });
    }
    return sharp({ create: { width: 640, height: 480, channels: 3, background: '#808080' } })
      .composite(tiles)
      .jpeg({ quality: 85 })
      .toBuffer();
  }
  const hue = Math.floor(random() * 360);
  const shapes: string[] = [];
  const count = 3 + Math.floor(random() * 8);
  for (let i = 0; i < count; i++) {
    const x = 60 + random() * 520;
    const y = 60 + random() * 360;
    const r = 15 + random() * 110;
    const fill = `hsl(${(hue + random() * 120) % 360},${30 + random() * 60}%,${20 + random() * 60}%)`;
    const kind = random();
    if (kind < 0.4)
      shapes.push(
        `<ellipse cx="${x}" cy="${y}" rx="${r}" ry="${r * (0.4 + random())}" fill="${fill}" transform="rotate(${random() * 180} ${x} ${y})"/>`,
      );
    else if (kind < 0.75)
      shapes.push(
        `<polygon points="${Array.from({ length: 3 + Math.floor(random() * 5) }, () => `${x + (random() - 0.5) * 2 * r},${y + (random() - 0.5) * 2 * r}`).join(' ')}" fill="${fill}"/>`,
      );
    else
      shapes.push(
        `<text x="${x}" y="${y}" font-size="${Math.round(r / 2)}" fill="${fill}" font-family="WenQuanYi Micro Hei, sans-serif">${escapeXml(['玉', '瓷', '铜', 'Vase', 'Lot 42', '乾隆年制', 'Bowl'][Math.floor(random() * 7)]!)}</text>`,
      );
  }
  const svg = `<svg width="640" height="480" xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="g" x1="0" y1="0" x2="${random()}" y2="1"><stop offset="0" stop-color="hsl(${hue},20%,${60 + random() * 35}%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},25%,${20 + random() * 40}%)"/></linearGradient><filter id="n"><feTurbulence type="fractalNoise" baseFrequency="${0.01 + random() * 0.2}" numOctaves="3" seed="${Math.floor(random() * 1_000_000)}"/><feColorMatrix type="saturate" values="0"/><feBlend in="SourceGraphic" mode="multiply"/></filter></defs><rect width="640" height="480" fill="url(#g)"/><g filter="url(#n)">${shapes.join('')}</g></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

// ---------- the run ----------

interface Query {
  cls: 'other_views' | 'synthetic' | 'pairs' | 'not_in_registry';
  detail: string;
  bytes: Buffer;
  /** Key of the registry photo it should find; null when its object is not in the registry. */
  expected: string | null;
}

interface Outcome {
  cls: string;
  detail: string;
  expected?: string | null;
  rank: number;
  falseStrong: boolean;
  strongCorrect: boolean;
  ms: number;
  profile?: QueryProfile;
}
/** Where one query's time went (ms): decoding + ORB (+ regions), stage one, descriptor matching, RANSAC; candidates verified. */
interface QueryProfile {
  fingerprint: number;
  stageOne: number;
  match: number;
  geometry: number;
  verified: number;
}

function profileOf(profiles: QueryProfile[]) {
  const of = (pick: (p: QueryProfile) => number) => {
    const values = profiles.map(pick).sort((a, b) => a - b);
    return {
      p50: Number(percentile(values, 50).toFixed(1)),
      p95: Number(percentile(values, 95).toFixed(1)),
      mean: Number((values.reduce((a, b) => a + b, 0) / Math.max(1, values.length)).toFixed(1)),
    };
  };
  return {
    fingerprint_ms: of((p) => p.fingerprint),
    stage_one_ms: of((p) => p.stageOne),
    match_ms: of((p) => p.match),
    ransac_ms: of((p) => p.geometry),
    verified: of((p) => p.verified),
  };
}

function summarise(outcomes: Outcome[]) {
  const groups = new Map<string, Outcome[]>();
  for (const o of outcomes) {
    for (const key of [o.cls, ...(o.cls === 'synthetic' ? [`synthetic:${o.detail}`] : [])])
      (groups.get(key) ?? groups.set(key, []).get(key)!).push(o);
  }
  groups.set('all', outcomes);
  const table: Record<string, unknown> = {};
  for (const [key, list] of groups) {
    const inRegistry = list.filter((o) => o.rank !== -2);
    const ms = list.map((o) => o.ms).sort((a, b) => a - b);
    table[key] = {
      queries: list.length,
      recall_at_1: inRegistry.length ? Number((inRegistry.filter((o) => o.rank === 1).length / inRegistry.length).toFixed(3)) : null,
      recall_at_10: inRegistry.length ? Number((inRegistry.filter((o) => o.rank >= 1 && o.rank <= 10).length / inRegistry.length).toFixed(3)) : null,
      strong_correct: inRegistry.length ? Number((inRegistry.filter((o) => o.strongCorrect).length / inRegistry.length).toFixed(3)) : null,
      false_strong_rate: Number((list.filter((o) => o.falseStrong).length / list.length).toFixed(4)),
      p50_ms: Math.round(percentile(ms, 50)),
      p95_ms: Math.round(percentile(ms, 95)),
      ...(list[0]?.profile ? { profile: profileOf(list.map((o) => o.profile!)) } : {}),
    };
  }
  return table;
}

/**
 * Stage one at registry sizes we cannot fingerprint in minutes: N word sets made from real fingerprints (of generated
 * distractors) by remapping word ids within each table (a fixed xor per copy), so every copy has the same size and
 * per-table structure as a real photo. Measures the inverted-file search and its memory, not recall.
 */
async function scaleRun(n: number, random: () => number): Promise<Record<string, unknown>> {
  const sources: Buffer[] = fs.readdirSync(path.join(PHOTOS, 'distractors')).map((f) => fs.readFileSync(path.join(PHOTOS, 'distractors', f)));
  const seeds: Uint32Array[] = [];
  for (let i = 0; i < 50; i++) seeds.push((await fingerprintImage(await generateDistractor(sources, random))).words);
  const queries: Fingerprint[] = [];
  for (const file of fs.readdirSync(PHOTOS).filter((f) => /^jade\d+_00\.jpg$/.test(f)))
    queries.push(await fingerprintImage(await TRANSFORMS.combined!(fs.readFileSync(path.join(PHOTOS, file)), random), 'query'));
  const before = process.memoryUsage();
  const index = new CandidateIndex();
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const seed = seeds[i % seeds.length]!;
    const mask = Math.floor(random() * 65536);
    index.add(
      `scaled/${i}`,
      seed.map((w) => (w & ~0xffff) | ((w & 0xffff) ^ mask)),
    );
  }
  const buildS = (performance.now() - started) / 1000;
  const after = process.memoryUsage();
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const q of queries) {
      const t = performance.now();
      index.search(q.words, 20);
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  return {
    scale_registry: n,
    build_s: Number(buildS.toFixed(1)),
    heap_mb: Math.round((after.heapUsed - before.heapUsed) / 1048576),
    array_buffers_mb: Math.round((after.arrayBuffers - before.arrayBuffers) / 1048576),
    stage_one_ms: { p50: Number(percentile(times, 50).toFixed(1)), p95: Number(percentile(times, 95).toFixed(1)) },
  };
}

// ---------- what verification saw: the calibration data for the thresholds ----------

interface VerifiedPair {
  position: number;
  correct: boolean;
  inliers: number;
  cells: number;
  area: number;
  thickness: number;
  shared: number;
  cls: string;
  detail: string;
  key: string;
}

/**
 * Inliers of unrelated pairs (any verified candidate that is not the expected photo) against those of true pairs,
 * the grid cells their inliers cover, and how many shared visual words each had at stage one: what the strong and
 * possible thresholds, the strong spread rule and the shared-word gate are set from.
 */
function pairStatistics(pairs: VerifiedPair[]) {
  const describe = (list: VerifiedPair[]) => {
    const inliers = list.map((p) => p.inliers).sort((a, b) => a - b);
    return {
      pairs: list.length,
      inliers: { p50: percentile(inliers, 50), p99: percentile(inliers, 99), max: inliers.at(-1) ?? null },
      at_least_possible: list.filter((p) => p.inliers >= POSSIBLE_INLIERS).length,
      at_least_strong_inliers: list.filter((p) => p.inliers >= STRONG_INLIERS).length,
      strong: list.filter((p) => verdictFor(p.inliers, p.cells, p.area) === 'strong').length,
      area_when_strong_inliers: (() => {
        const t = list
          .filter((p) => p.inliers >= STRONG_INLIERS)
          .map((p) => p.area)
          .sort((a, b) => a - b);
        return { min: t[0] ?? null, p1: percentile(t, 1), p5: percentile(t, 5), p50: percentile(t, 50) };
      })(),
      thickness_when_strong_inliers: (() => {
        const t = list
          .filter((p) => p.inliers >= STRONG_INLIERS)
          .map((p) => p.thickness)
          .sort((a, b) => a - b);
        return { min: t[0] ?? null, p5: percentile(t, 5), p50: percentile(t, 50) };
      })(),
      cells_when_strong_inliers: Object.fromEntries(
        Array.from({ length: 17 }, (_, c) => [c, list.filter((p) => p.inliers >= STRONG_INLIERS && p.cells === c).length]).filter(([, n]) => n),
      ),
    };
  };
  const unrelated = pairs.filter((p) => !p.correct);
  const correct = pairs.filter((p) => p.correct);
  const gates = [2, 4, 6, 8, 10, 15, 20, 30].map((k) => ({
    min_shared: k,
    unrelated_skipped: Number((unrelated.filter((p) => p.shared < k).length / Math.max(1, unrelated.length)).toFixed(3)),
    true_possible_lost: correct.filter((p) => p.shared < k && p.inliers >= POSSIBLE_INLIERS).length,
    unrelated_possible_lost: unrelated.filter((p) => p.shared < k && p.inliers >= POSSIBLE_INLIERS).length,
  }));
  return {
    unrelated: describe(unrelated),
    correct: describe(correct),
    true_strong_inliers_smallest_area: correct
      .filter((p) => p.inliers >= STRONG_INLIERS)
      .sort((a, b) => a.area - b.area)
      .slice(0, 6)
      .map((p) => `${p.cls}:${p.detail}→${p.key}:${p.inliers}in/${p.cells}cells/${p.area.toFixed(3)}area/${p.thickness.toFixed(3)}thick`),
    unrelated_possible_or_more: unrelated
      .filter((p) => p.inliers >= POSSIBLE_INLIERS)
      .map((p) => `${p.cls}:${p.detail}→${p.key}:${p.inliers}in/${p.cells}cells/${p.area.toFixed(3)}area/${p.thickness.toFixed(3)}thick`),
    true_shared_words_of_possible: (() => {
      const s = correct
        .filter((p) => p.inliers >= POSSIBLE_INLIERS)
        .map((p) => p.shared)
        .sort((a, b) => a - b);
      return { min: s[0] ?? null, p5: percentile(s, 5), p50: percentile(s, 50) };
    })(),
    shared_word_gate: gates,
    unrelated_shared_words: (() => {
      const s = unrelated.map((p) => p.shared).sort((a, b) => a - b);
      return { p5: percentile(s, 5), p50: percentile(s, 50), p95: percentile(s, 95) };
    })(),
    // Where true matches sit in the shortlist (stage-one position, 1 = first verified): how short it could be.
    true_possible_at_position: Object.fromEntries(
      [1, 2, 3, 5, 8, 10, 12, 15, 20].map((k) => [k, correct.filter((p) => p.inliers >= POSSIBLE_INLIERS && p.position <= k).length]),
    ),
  };
}

// ---------- generated distractors' fingerprints, cached on disk ----------

/**
 * Bump when generateDistractor changes what it draws (the cache is also keyed by FINGERPRINT_VERSION and seed).
 * 3: the noise texture's seed is drawn from 1,000,000 values instead of 1,000; with 1,000 two rendered images often
 * shared the very same background texture, and the matcher rightly called them the same picture (a false strong
 * match of the harness, not of the method).
 */
const GENERATOR_VERSION = 3;

export function distractorSeed(seed: number, i: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (i + 1), 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0 || 1;
}

/**
 * Fingerprints (words, local features) and pHash of generated distractor i, one file each under the OS temp dir
 * keyed by generator version, FINGERPRINT_VERSION and seed: fingerprinting 10,000 takes minutes here, and a second
 * run reads them back in seconds. File: u32 word count, words, u32 feature bytes, features, u64 pHash.
 */
function distractorCache(seed: number) {
  const dir = path.join(os.tmpdir(), 'lianfang-match-distractors', `g${GENERATOR_VERSION}-fp${FINGERPRINT_VERSION}-seed${seed}`);
  fs.mkdirSync(dir, { recursive: true });
  return {
    dir,
    read(i: number): { words: Uint32Array; features: LocalFeatures; hash: bigint } | null {
      let buffer: Buffer;
      try {
        buffer = fs.readFileSync(path.join(dir, `${i}.bin`));
      } catch {
        return null;
      }
      const nWords = buffer.readUInt32LE(0);
      const words = new Uint32Array(nWords);
      new Uint8Array(words.buffer).set(buffer.subarray(4, 4 + nWords * 4));
      const at = 4 + nWords * 4;
      const nFeatures = buffer.readUInt32LE(at);
      const features = decodeFeatures(buffer.subarray(at + 4, at + 4 + nFeatures));
      return { words, features, hash: buffer.readBigUInt64LE(at + 4 + nFeatures) };
    },
    write(i: number, fp: Fingerprint, hash: bigint): void {
      const features = encodeFeatures(fp.features);
      const out = Buffer.alloc(4 + fp.words.length * 4 + 4 + features.length + 8);
      out.writeUInt32LE(fp.words.length, 0);
      Buffer.from(fp.words.buffer, fp.words.byteOffset, fp.words.byteLength).copy(out, 4);
      const at = 4 + fp.words.length * 4;
      out.writeUInt32LE(features.length, at);
      features.copy(out, at + 4);
      out.writeBigUInt64LE(BigInt.asUintN(64, hash), at + 4 + features.length);
      // Written whole then renamed: a run stopped mid-write leaves no half file.
      const file = path.join(dir, `${i}.bin`);
      // Per-process temporary name: two processes filling the same cache may write the same distractor.
      const temporary = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, out);
      fs.renameSync(temporary, file);
    },
  };
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  if (!fs.existsSync(PHOTOS)) return { skipped: `../shared/data/photos is absent (looked in ${path.relative(ROOT, PHOTOS)})` };
  if (args.includes('--scale')) return scaleRun(option(args, 'scale', 100_000), rng(option(args, 'seed', 20261129)));
  const distractorCount = option(args, 'distractors', 1000);
  const shortlist = option(args, 'shortlist', 20);
  // --no-early-stop verifies the whole shortlist (the method before early stopping), for comparison.
  const earlyStopInliers = args.includes('--no-early-stop') ? Infinity : EARLY_STOP_INLIERS;
  const perPhoto = option(args, 'queries-per-photo', 1);
  // Variants of the query reading and of the verification gate (defaults: the method's).
  const reading = {
    keypoints: option(args, 'query-keypoints', QUERY_KEYPOINTS),
    regions: option(args, 'query-regions', QUERY_REGIONS),
    minGain: option(args, 'min-gain', REGION_MIN_GAIN),
    maxShare: option(args, 'max-share', MAX_REGION_SHARE),
  };
  const minSharedWords = option(args, 'min-shared', MIN_SHARED_WORDS);
  const verifyAtMost = option(args, 'verify', VERIFY_AT_MOST);
  // --windows K: each query window adds its K best candidates to the shortlist (rank.ts, shortlistFor).
  const windows = option(args, 'windows', WINDOW_CANDIDATES);
  const seed = option(args, 'seed', 20261129);
  const random = rng(seed);
  const read = (...parts: string[]) => fs.readFileSync(path.join(PHOTOS, ...parts));

  const registry = new Map<string, Buffer>();
  const queries: Query[] = [];
  const jadeFiles = fs
    .readdirSync(PHOTOS)
    .filter((f) => /^jade\d+_\d+\.jpg$/.test(f))
    .sort();
  for (const file of jadeFiles) {
    const [object, view] = file.replace('.jpg', '').split('_');
    if (view === '00') registry.set(`${object}`, read(file));
  }
  for (const file of jadeFiles) {
    const [object, view] = file.replace('.jpg', '').split('_');
    if (view !== '00' && registry.has(object!)) queries.push({ cls: 'other_views', detail: file, bytes: read(file), expected: object! });
  }
  const pairs: Array<[string, string]> = [
    ['box.png', 'box_in_scene.png'],
    ['graf1.png', 'graf3.png'],
    ['leuvenA.jpg', 'leuvenB.jpg'],
    ['ela_original.jpg', 'ela_modified.jpg'],
  ];
  for (const [before, after] of pairs) {
    registry.set(before, read('pairs', before));
    queries.push({ cls: 'pairs', detail: after, bytes: read('pairs', after), expected: before });
  }
  const realDistractors = fs.readdirSync(path.join(PHOTOS, 'distractors')).sort();
  const inRegistry = realDistractors.filter((_, i) => i % 2 === 0);
  const heldOut = realDistractors.filter((_, i) => i % 2 === 1);
  for (const file of inRegistry) registry.set(`distractors/${file}`, read('distractors', file));

  // Synthetic re-photography of every registry jade and pair photo (and of held-out photos: not in registry).
  const transformNames = Object.keys(TRANSFORMS);
  const sources = [...registry.entries()].filter(([key]) => !key.startsWith('distractors/'));
  for (const [key, bytes] of sources) {
    for (const name of transformNames) {
      for (let k = 0; k < perPhoto; k++)
        queries.push({ cls: 'synthetic', detail: name, bytes: await TRANSFORMS[name]!(bytes, random), expected: key });
    }
  }
  for (const file of heldOut) {
    const bytes = read('distractors', file);
    queries.push({ cls: 'not_in_registry', detail: file, bytes, expected: null });
    for (const name of ['crop', 'rotate', 'screenshot', 'jpeg30'])
      queries.push({ cls: 'not_in_registry', detail: `${file}:${name}`, bytes: await TRANSFORMS[name]!(bytes, random), expected: null });
  }
  // Decoded once at working size: generating 10k distractors must not re-decode full-size photos each time.
  const distractorSources = await Promise.all(
    inRegistry.map((f) =>
      sharp(read('distractors', f))
        .rotate()
        .resize({ width: 800, height: 800, fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 92 })
        .toBuffer(),
    ),
  );
  for (let i = 0; i < 20; i++)
    queries.push({
      cls: 'not_in_registry',
      detail: `generated-${i}`,
      bytes: await generateDistractor(
        heldOut.map((f) => read('distractors', f)),
        random,
      ),
      expected: null,
    });
  // LIANFANG_MATCH_DUMP=DIR: writes every query there (to look at a miss or a false strong).
  const dump = process.env.LIANFANG_MATCH_DUMP;
  if (dump) {
    fs.mkdirSync(dump, { recursive: true });
    queries.forEach((q, i) => fs.writeFileSync(path.join(dump, `${i}-${q.cls}-${q.detail.replace(/[^\w.-]+/g, '_')}.img`), q.bytes));
  }

  // Registry: fingerprints and pHashes.
  const index = new CandidateIndex();
  const features = new Map<string, LocalFeatures>();
  const hashes = new Map<string, bigint>();
  let fingerprintMs = 0;
  let fingerprinted = 0;
  const addToRegistry = async (key: string, bytes: Buffer) => {
    const started = performance.now();
    const fp = await fingerprintImage(bytes);
    fingerprintMs += performance.now() - started;
    fingerprinted++;
    index.add(key, fp.words);
    features.set(key, fp.features);
    hashes.set(key, await perceptualHash(bytes));
  };
  for (const [key, bytes] of registry) await addToRegistry(key, bytes);
  const cache = distractorCache(seed);
  // --fill-cache FROM: only fingerprints (and caches) distractors FROM..N-1 and stops, so a second process can fill
  // the upper half of a large cache while the run itself fills the lower half.
  if (args.includes('--fill-cache')) {
    let filled = 0;
    for (let i = option(args, 'fill-cache', 0); i < distractorCount; i++) {
      if (cache.read(i)) continue;
      const bytes = await generateDistractor(distractorSources, rng(distractorSeed(seed, i)));
      cache.write(i, await fingerprintImage(bytes), await perceptualHash(bytes));
      if (++filled % 250 === 0) process.stderr.write(`  filled ${filled} (at ${i + 1})\n`);
    }
    return { filled, distractor_cache: cache.dir };
  }
  const generationStarted = performance.now();
  let cached = 0;
  const generatedWords: Uint32Array[] = [];
  for (let i = 0; i < distractorCount; i++) {
    const key = `generated/${i}`;
    const hit = cache.read(i);
    if (hit) {
      cached++;
      generatedWords[i] = hit.words;
      index.add(key, hit.words);
      features.set(key, hit.features);
      hashes.set(key, hit.hash);
    } else {
      // Each distractor has its own random stream (seed, index), so cached and fresh ones are the same photos.
      const bytes = await generateDistractor(distractorSources, rng(distractorSeed(seed, i)));
      const started = performance.now();
      const fp = await fingerprintImage(bytes);
      fingerprintMs += performance.now() - started;
      fingerprinted++;
      const hash = await perceptualHash(bytes);
      generatedWords[i] = fp.words;
      index.add(key, fp.words);
      features.set(key, fp.features);
      hashes.set(key, hash);
      cache.write(i, fp, hash);
    }
    if ((i + 1) % 250 === 0) process.stderr.write(`  ${i + 1} / ${distractorCount} distractors (${cached} from the cache)\n`);
  }
  // --replicate K: every generated distractor also enters the index K - 1 more times under other keys, with the same
  // words and features. Posting lists become K times as long, as in a registry K times larger drawn from the same
  // generator (a word's document frequency grows with the registry), and every shortlisted copy costs a full
  // verification as a distinct unrelated photo would: a latency measurement at K × N distractors without
  // fingerprinting them. Recall is not meaningful there (ten copies of one distractor crowd a top 10).
  const replicate = option(args, 'replicate', 1);
  for (let k = 1; k < replicate; k++) {
    for (let i = 0; i < distractorCount; i++) {
      const key = `generated/${i}`;
      index.add(`${key}~${k}`, generatedWords[i]!);
      features.set(`${key}~${k}`, features.get(key)!);
      hashes.set(`${key}~${k}`, hashes.get(key)!);
    }
    process.stderr.write(`  replicated ${(k + 1) * distractorCount}\n`);
  }
  const registrySize = registry.size + distractorCount * replicate;
  const buildSeconds = (performance.now() - generationStarted) / 1000;
  const loadFeatures = async (keys: string[]) => new Map(keys.map((k) => [k, features.get(k)!] as const));

  const ours: Outcome[] = [];
  // --compare: every query also ranked by the method before issue 6, in the same run: the whole query only (no
  // regions), all 20 shortlisted candidates verifiable, strong = 30 inliers wherever they lie, OpenCV's matcher and RANSAC.
  const compare = args.includes('--compare');
  // --compare-verification: every query also ranked by the verification before the latency work (OpenCV's brute-force
  // matcher and classic RANSAC), same fingerprint, same run: its latency, recall and false strong, and which rankings
  // differ (the matcher gives the same pairs; USAC may find a few inliers more or fewer than RANSAC).
  const compareMatcher = args.includes('--compare-verification');
  // --matcher / --estimator: verify with a reference implementation (bench/reference/matchers.ts) instead of the
  // method's WebAssembly matcher and USAC. In process only: the pooled path (--workers) always verifies the method's
  // way, so pooled_differing_rankings then compares the reference with the method (none for --matcher javascript|opencv).
  const estimator = args.includes('--estimator') ? (args[args.indexOf('--estimator') + 1] as Estimator) : 'usac';
  if (!ESTIMATORS.includes(estimator)) throw new Error(`--estimator takes ${ESTIMATORS.join(' or ')}`);
  const matcher = args.includes('--matcher') ? (args[args.indexOf('--matcher') + 1] as Matcher) : 'wasm';
  if (!MATCHERS.includes(matcher)) throw new Error(`--matcher takes ${MATCHERS.join(', ')}`);
  const verify = referenceVerifier(matcher, estimator);
  const previousVerification = referenceVerifier('opencv', 'ransac');
  const openCvMatcher: Outcome[] = [];
  // --workers N: every query also run the way the server runs it, in the same run: decoding + features in a worker of a
  // pool of N, stage one here, the shortlist's verification split across the pool's workers (pool.ts). Its ranking
  // must be the in-process one (default query reading only: the pool reads queries the method's way).
  const workers = option(args, 'workers', 0);
  const pool = workers > 0 ? createQueryPool(workers) : undefined;
  const pooled: Outcome[] = [];
  const pooledDiffering: string[] = [];
  if (pool) for (const q of queries.slice(0, 4)) await pool.fingerprint(q.bytes); // load OpenCV in each worker first
  const differingRankings: string[] = [];
  const expectedInliers: string[] = [];
  const verifiedPrevious: VerifiedPair[] = [];
  const full: Outcome[] = [];
  const baseline: Outcome[] = [];
  const stageOneMs: number[] = [];
  const verified: VerifiedPair[] = [];
  for (const query of queries) {
    let started = performance.now();
    let fp: Fingerprint;
    try {
      fp = await fingerprintImage(query.bytes, 'query', reading);
    } catch (error) {
      throw new Error(`query ${query.detail}: ${(error as Error).message}`);
    }
    const fingerprintMs = performance.now() - started;
    let verifiedAt = 1;
    const timing = { matchMs: 0, geometryMs: 0 };
    const ranked = await rankByFingerprint(fp, index, loadFeatures, {
      top: 10,
      shortlist,
      earlyStopInliers,
      minSharedWords,
      verifyAtMost,
      windows,
      timing,
      verify,
      onVerified: (candidate, v) =>
        verified.push({
          position: verifiedAt++,
          correct: candidate.key === query.expected,
          inliers: v.inliers,
          cells: v.cells,
          area: v.area,
          thickness: v.thickness,
          shared: candidate.shared,
          cls: query.cls,
          detail: query.detail,
          key: candidate.key,
        }),
    });
    const ms = performance.now() - started;
    // Stage one timed on its own, outside the query's time (it ran once inside rankByFingerprint).
    const s1 = performance.now();
    index.search(fp.words, 20);
    stageOneMs.push(performance.now() - s1);
    const position = query.expected ? ranked.findIndex((r) => r.key === query.expected) : -1;
    ours.push({
      cls: query.cls,
      detail: query.detail,
      expected: query.expected,
      ms,
      profile: {
        fingerprint: fingerprintMs,
        stageOne: stageOneMs.at(-1)!,
        match: timing.matchMs,
        geometry: timing.geometryMs,
        verified: verifiedAt - 1,
      },
      rank: query.expected ? position + 1 : -2,
      falseStrong: ranked.some((r) => r.verdict === 'strong' && r.key !== query.expected),
      strongCorrect: position >= 0 && ranked[position]!.verdict === 'strong',
    });

    if (pool) {
      const t0 = performance.now();
      const fpPooled = await pool.fingerprint(query.bytes);
      const t1 = performance.now();
      const list = await shortlistFor(fpPooled, index, loadFeatures, { top: 10, shortlist, windows });
      const t2 = performance.now();
      const again = await pool.verify(fpPooled, list, { top: 10, shortlist, earlyStopInliers, minSharedWords, verifyAtMost, windows });
      const pms = performance.now() - t0;
      if (JSON.stringify(again) !== JSON.stringify(ranked)) pooledDiffering.push(`${query.cls}:${query.detail}`);
      const at = query.expected ? again.findIndex((r) => r.key === query.expected) : -1;
      pooled.push({
        cls: query.cls,
        detail: query.detail,
        ms: pms,
        rank: query.expected ? at + 1 : -2,
        falseStrong: again.some((r) => r.verdict === 'strong' && r.key !== query.expected),
        strongCorrect: at >= 0 && again[at]!.verdict === 'strong',
        // match = the whole verification here (split across workers), ransac not separated.
        profile: { fingerprint: t1 - t0, stageOne: t2 - t1, match: performance.now() - t2, geometry: 0, verified: 0 },
      });
    }

    if (compareMatcher) {
      const t0 = performance.now();
      const fpAgain = await fingerprintImage(query.bytes, 'query', reading);
      const s1b = performance.now();
      const timingB = { matchMs: 0, geometryMs: 0 };
      let count = 0;
      const again = await rankByFingerprint(fpAgain, index, loadFeatures, {
        top: 10,
        shortlist,
        earlyStopInliers,
        minSharedWords,
        verifyAtMost,
        windows: 0,
        timing: timingB,
        verify: previousVerification,
        onVerified: () => count++,
      });
      const oms = performance.now() - t0;
      // Differences that matter: the top 10's photos and verdicts; inlier counts of the expected photo.
      const shape = (list: typeof ranked) => list.map((r) => `${r.key}:${r.verdict}`).join(',');
      if (shape(again) !== shape(ranked)) {
        const show = (list: typeof ranked) =>
          list
            .slice(0, 3)
            .map((r) => `${r.key}:${r.inliers}:${r.verdict}`)
            .join(',');
        differingRankings.push(`${query.cls}:${query.detail} now [${show(ranked)}] before [${show(again)}]`);
      }
      const inliersOf = (list: typeof ranked) => list.find((r) => r.key === query.expected)?.inliers ?? 0;
      if (query.expected && inliersOf(again) !== inliersOf(ranked))
        expectedInliers.push(`${query.cls}:${query.detail}(${query.expected}):${inliersOf(again)}→${inliersOf(ranked)}`);
      const at = query.expected ? again.findIndex((r) => r.key === query.expected) : -1;
      openCvMatcher.push({
        cls: query.cls,
        detail: query.detail,
        ms: oms,
        rank: query.expected ? at + 1 : -2,
        falseStrong: again.some((r) => r.verdict === 'strong' && r.key !== query.expected),
        strongCorrect: at >= 0 && again[at]!.verdict === 'strong',
        profile: { fingerprint: s1b - t0, stageOne: 0, match: timingB.matchMs, geometry: timingB.geometryMs, verified: count },
      });
    }

    if (compare) {
      const t0 = performance.now();
      const fpAgain = await fingerprintImage(query.bytes, 'query', { ...reading, regions: 0 });
      let at0 = 1;
      const all = await rankByFingerprint(fpAgain, index, loadFeatures, {
        top: 10,
        shortlist: 20,
        earlyStopInliers: EARLY_STOP_INLIERS,
        minSharedWords: 0,
        verifyAtMost: 20,
        verify: previousVerification,
        onVerified: (candidate, v) =>
          verifiedPrevious.push({
            position: at0++,
            correct: candidate.key === query.expected,
            inliers: v.inliers,
            cells: v.cells,
            area: v.area,
            thickness: v.thickness,
            shared: candidate.shared,
            cls: query.cls,
            detail: query.detail,
            key: candidate.key,
          }),
      });
      const fms = performance.now() - t0;
      const at = query.expected ? all.findIndex((r) => r.key === query.expected) : -1;
      full.push({
        cls: query.cls,
        detail: query.detail,
        ms: fms,
        rank: query.expected ? at + 1 : -2,
        falseStrong: all.some((r) => r.inliers >= STRONG_INLIERS && r.key !== query.expected),
        strongCorrect: at >= 0 && all[at]!.inliers >= STRONG_INLIERS,
      });
    }

    started = performance.now();
    const hash = await perceptualHash(query.bytes);
    const scored: Array<[string, number]> = [];
    for (const [key, h] of hashes) scored.push([key, hammingDistance64(hash, h)]);
    scored.sort((a, b) => a[1] - b[1]);
    const top = scored.slice(0, 10);
    const pms = performance.now() - started;
    const p = query.expected ? top.findIndex(([k]) => k === query.expected) : -1;
    baseline.push({
      cls: query.cls,
      detail: query.detail,
      ms: pms,
      rank: query.expected ? p + 1 : -2,
      falseStrong: top.some(([k, d]) => d <= PHASH_STRONG && k !== query.expected),
      strongCorrect: p >= 0 && top[p]![1] <= PHASH_STRONG,
    });
  }
  stageOneMs.sort((a, b) => a - b);
  await pool?.close();
  return {
    registry_photos: registrySize,
    shortlist,
    early_stop_inliers: Number.isFinite(earlyStopInliers) ? earlyStopInliers : null,
    generated_distractors: distractorCount,
    replicated: replicate,
    queries: queries.length,
    registry_build_s: Number(buildSeconds.toFixed(1)),
    fingerprint_ms_mean: fingerprinted ? Number((fingerprintMs / fingerprinted).toFixed(1)) : null,
    distractors_from_cache: cached,
    distractor_cache: cache.dir,
    stage_one_ms: { p50: Number(percentile(stageOneMs, 50).toFixed(2)), p95: Number(percentile(stageOneMs, 95).toFixed(2)) },
    method: summarise(ours),
    ...(pool ? { pooled_workers: workers, pooled: summarise(pooled), pooled_differing_rankings: pooledDiffering } : {}),
    ...(compareMatcher
      ? {
          previous_verification: summarise(openCvMatcher),
          previous_verification_differing_top10: differingRankings,
          previous_verification_expected_inliers: expectedInliers,
        }
      : {}),
    ...(compare
      ? {
          previous_method: summarise(full),
          previous_verified_pairs: pairStatistics(verifiedPrevious),
          previous_false_strong: full.filter((o) => o.falseStrong).map((o) => `${o.cls}:${o.detail}`),
        }
      : {}),
    phash: summarise(baseline),
    phash_thresholds: { strong: PHASH_STRONG, possible: PHASH_POSSIBLE },
    query_reading: reading,
    min_shared_words: minSharedWords,
    estimator,
    matcher,
    windows,
    verified_pairs: pairStatistics(verified),
    misses: ours
      .filter((o) => o.rank !== 1 && o.rank !== -2)
      .map((o) => `${o.cls}:${o.detail}${o.cls === 'synthetic' ? `(${o.expected})` : ''}:rank${o.rank}`),
    false_strong: ours.filter((o) => o.falseStrong).map((o) => `${o.cls}:${o.detail}`),
  };
}
