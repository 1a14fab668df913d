import { useEffect, useState } from 'react';

/**
 * The state of one search by photo: the picked file, its preview, the candidates and any error.
 * A new pick (or new `deps`) cancels the search in flight and frees the previous preview.
 */
export function usePhotoSearch<T>(search: (file: File, signal: AbortSignal) => Promise<T[]>, deps: unknown[] = []) {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!file) return undefined;
    const url = URL.createObjectURL(file);
    setPreview(url);
    const controller = new AbortController();
    setBusy(true);
    setError(null);
    setItems(null);
    search(file, controller.signal)
      .then(setItems)
      .catch((e: unknown) => {
        if (!(e instanceof DOMException)) setError(e instanceof Error ? e.message : String(e));
      })
      .finally(() => setBusy(false));
    return () => {
      controller.abort();
      URL.revokeObjectURL(url);
    };
    // `search` is a new function each render; what it depends on is passed in `deps`.
  }, [file, ...deps]);

  return { setFile, preview, busy, items, error };
}
