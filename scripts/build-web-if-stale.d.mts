/** True when dist/web is missing or older than any file under web/. */
export function webBuildIsStale(): boolean;
/** Builds the web app into dist/web when stale; true when it built. */
export function buildWebIfStale(): boolean;
