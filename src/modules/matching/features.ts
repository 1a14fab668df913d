import type { GreyImage } from './decode.ts';
import { opencv } from './opencv.ts';

/** Longest side, in pixels, at which local features are extracted. */
export const FEATURE_SIDE = 640;
/** ORB keypoints kept per photo (strongest first). */
export const MAX_KEYPOINTS = 500;

export interface LocalFeatures {
  /** Size of the image the keypoints refer to (FEATURE_SIDE-scaled). */
  width: number;
  height: number;
  /** x0, y0, x1, y1, … in pixels of that image. */
  points: Float32Array;
  /** 32 bytes (256 bits) per keypoint, ORB. */
  descriptors: Uint8Array;
}

export const DESCRIPTOR_BYTES = 32;

export function keypointCount(features: LocalFeatures): number {
  return features.points.length / 2;
}

/** ORB keypoints and descriptors (OpenCV, WASM). Every Mat is freed before returning. */
export async function extractLocalFeatures(image: GreyImage, maxKeypoints = MAX_KEYPOINTS): Promise<LocalFeatures> {
  const { cv } = await opencv();
  const mat = new cv.Mat(image.height, image.width, cv.CV_8UC1);
  const keypoints = new cv.KeyPointVector();
  const descriptors = new cv.Mat();
  const mask = new cv.Mat();
  const orb = new cv.ORB(maxKeypoints, 1.2, 8, 19, 0, 2, cv.ORB_HARRIS_SCORE, 31, 12);
  try {
    mat.data.set(image.pixels);
    orb.detectAndCompute(mat, mask, keypoints, descriptors);
    const n = descriptors.rows as number;
    const points = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      const kp = keypoints.get(i);
      points[i * 2] = kp.pt.x;
      points[i * 2 + 1] = kp.pt.y;
    }
    const bytes = n > 0 ? new Uint8Array(descriptors.data as Uint8Array) : new Uint8Array(0);
    return { width: image.width, height: image.height, points, descriptors: bytes };
  } finally {
    orb.delete();
    mat.delete();
    keypoints.delete();
    descriptors.delete();
    mask.delete();
  }
}
