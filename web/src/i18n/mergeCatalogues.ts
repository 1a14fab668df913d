type Catalogue = Record<string, unknown>;

function isCatalogue(value: unknown): value is Catalogue {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Deep-merges message catalogues; a later catalogue's strings win. */
export function mergeCatalogues(...catalogues: Catalogue[]): Catalogue {
  const out: Catalogue = {};
  for (const catalogue of catalogues) {
    for (const [key, value] of Object.entries(catalogue)) {
      const current = out[key];
      out[key] = isCatalogue(current) && isCatalogue(value) ? mergeCatalogues(current, value) : value;
    }
  }
  return out;
}
