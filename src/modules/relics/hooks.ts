/**
 * Where other modules plug into the registry without the registry knowing them. The `matching`
 * module registers here at start-up (e.g. in its own index or in server.ts):
 *
 *   onPhotoAdded(async (photo) => fingerprint(photo.sha256, await readPhotoBytes(store, photo.sha256)));
 *
 * Listeners run after the photo's transaction has committed; a listener's failure is reported to
 * the error callback and never undoes or fails the upload (fingerprints can be rebuilt from
 * listRegistryPhotos()).
 */
export interface AddedPhoto {
  sha256: string;
  objectId: string;
  objectRef: string;
  view: string;
}

type PhotoListener = (photo: AddedPhoto) => void | Promise<void>;
type PublicationListener = (objectId: string) => void | Promise<void>;

const photoListeners = new Set<PhotoListener>();
const publicationListeners = new Set<PublicationListener>();
let reportError: (error: unknown) => void = (error) =>
  process.emitWarning(`relics hook failed: ${error instanceof Error ? error.message : String(error)}`);

/** Called for every new photo (upload or import). Returns a function that removes the listener. */
export function onPhotoAdded(listener: PhotoListener): () => void {
  photoListeners.add(listener);
  return () => photoListeners.delete(listener);
}

/** Called when an object's status changes (published, withdrawn, recovered…), e.g. to update a public index. */
export function onPublicationChange(listener: PublicationListener): () => void {
  publicationListeners.add(listener);
  return () => publicationListeners.delete(listener);
}

export function setHookErrorReporter(reporter: (error: unknown) => void): void {
  reportError = reporter;
}

function run<T>(listeners: Set<(value: T) => void | Promise<void>>, value: T): void {
  for (const listener of listeners) {
    Promise.resolve()
      .then(() => listener(value))
      .catch(reportError);
  }
}

export const notifyPhotoAdded = (photo: AddedPhoto) => run(photoListeners, photo);
export const notifyPublicationChange = (objectId: string) => run(publicationListeners, objectId);
