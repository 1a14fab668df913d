import { createRequire } from 'node:module';

// OpenCV 4.12 compiled to WASM. The module object is a thenable: awaiting it never resolves, so we wait for
// onRuntimeInitialized instead (STACK.md). Loaded once per process on first use (~0.35 s).
export type CV = any;

// Boxed, because resolving a promise with the module itself would "await" the thenable and hang.
let ready: Promise<{ cv: CV }> | undefined;

/** `const { cv } = await opencv()`: never return the module itself from an async function. */
export function opencv(): Promise<{ cv: CV }> {
  ready ??= (async () => {
    const require = createRequire(import.meta.url);
    const cv = require('@techstark/opencv-js') as CV;
    if (!cv.Mat) await new Promise<void>((resolve) => (cv.onRuntimeInitialized = resolve));
    return { cv };
  })();
  return ready;
}
