/**
 * The image formats we accept anywhere (registry photos, tips, searches by photo, screening), as sharp
 * names them ('heif' covers HEIC and AVIF). Never SVG: it is a document, rendered with fonts and
 * external references, not a photograph.
 */
export const ACCEPTED_IMAGE_FORMATS: ReadonlySet<string> = new Set(['jpeg', 'png', 'webp', 'tiff', 'gif', 'heif']);
