import type { GreyImage } from './decode.ts';

/** A rectangle as fractions (0–1) of the image's width and height. */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Side of the square blocks the image is judged by, in pixels of the (≤ 640 px) grey image. */
const BLOCK = 8;
/** A grey level counts as background when within this of the page's most common level. */
const BACKGROUND_TOLERANCE = 10;
/** The most common level (± 4) must cover this share of the image for it to have a page background at all. */
const MIN_BACKGROUND_SHARE = 0.15;
/**
 * Largest share of the image a photo-like rectangle may cover. Larger ones (a studio photo's lit table, a photo on a
 * border) are mostly the whole image again: reading them again doubles the keypoints to match for no recall (the
 * same at 0.4 and 0.7 at 1,000 distractors; docs/matching.md, choices measured).
 */
export const MAX_REGION_SHARE = 0.4;
/** A block belongs to a photo when at least this share of its pixels is not background (text strokes cover less). */
const MIN_BLOCK_FILL = 0.6;

/**
 * Photo-like rectangles in a query: a screenshot of a market page, a catalogue page, a photo on a border. Where the
 * image has a flat page background (its most common grey level covers ≥ 15 % of it), blocks of 8 × 8 pixels that are
 * mostly not background are grouped into 4-connected components; a component is photo-like when its bounding box
 * covers 4–40 % of the image, is at most 4:1, and is at least half filled (a line of text is thin and sparse, a
 * banner is long, a button is small). Largest first, at most `max`. Pure pixel arithmetic, no OpenCV.
 */
export function photoRegions(image: GreyImage, max = 2, maxShare = MAX_REGION_SHARE): Region[] {
  const { pixels, width, height } = image;
  if (width < BLOCK * 8 || height < BLOCK * 8) return [];
  const histogram = new Uint32Array(256);
  for (let i = 0; i < pixels.length; i++) histogram[pixels[i]!]!++;
  let peak = 0;
  let peakCount = -1;
  for (let v = 0; v < 256; v++) {
    let count = 0;
    for (let d = -4; d <= 4; d++) count += histogram[v + d] ?? 0;
    if (count > peakCount) {
      peak = v;
      peakCount = count;
    }
  }
  if (peakCount < pixels.length * MIN_BACKGROUND_SHARE) return [];

  const columns = Math.floor(width / BLOCK);
  const rows = Math.floor(height / BLOCK);
  const busy = new Uint8Array(columns * rows);
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < columns; bx++) {
      let foreground = 0;
      for (let y = by * BLOCK; y < (by + 1) * BLOCK; y++) {
        const row = y * width;
        for (let x = bx * BLOCK; x < (bx + 1) * BLOCK; x++) if (Math.abs(pixels[row + x]! - peak) > BACKGROUND_TOLERANCE) foreground++;
      }
      busy[by * columns + bx] = foreground >= BLOCK * BLOCK * MIN_BLOCK_FILL ? 1 : 0;
    }
  }

  const label = new Int32Array(columns * rows).fill(-1);
  const found: Array<Region & { area: number }> = [];
  const stack: number[] = [];
  for (let start = 0; start < busy.length; start++) {
    if (!busy[start] || label[start] !== -1) continue;
    label[start] = start;
    stack.push(start);
    let count = 0;
    let x0 = columns,
      y0 = rows,
      x1 = -1,
      y1 = -1;
    while (stack.length) {
      const cell = stack.pop()!;
      count++;
      const cx = cell % columns;
      const cy = (cell - cx) / columns;
      if (cx < x0) x0 = cx;
      if (cx > x1) x1 = cx;
      if (cy < y0) y0 = cy;
      if (cy > y1) y1 = cy;
      const neighbours = [
        cx > 0 ? cell - 1 : -1,
        cx < columns - 1 ? cell + 1 : -1,
        cy > 0 ? cell - columns : -1,
        cy < rows - 1 ? cell + columns : -1,
      ];
      for (const n of neighbours) {
        if (n >= 0 && busy[n] && label[n] === -1) {
          label[n] = start;
          stack.push(n);
        }
      }
    }
    const w = x1 - x0 + 1;
    const h = y1 - y0 + 1;
    const share = (w * h) / (columns * rows);
    if (share < 0.04 || share > maxShare || Math.max(w / h, h / w) > 4 || count < w * h * 0.5) continue;
    found.push({ x: (x0 * BLOCK) / width, y: (y0 * BLOCK) / height, width: (w * BLOCK) / width, height: (h * BLOCK) / height, area: w * h });
  }
  found.sort((a, b) => b.area - a.area);
  return found.slice(0, max).map(({ x, y, width: w, height: h }) => ({ x, y, width: w, height: h }));
}
