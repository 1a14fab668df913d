import { pinyin } from 'pinyin-pro';

/** Conventional English names where pinyin of the Chinese name is not what English text uses. */
const PROVINCE_EN: Record<string, string> = {
  '11': 'Beijing', '12': 'Tianjin', '13': 'Hebei', '14': 'Shanxi', '15': 'Inner Mongolia',
  '21': 'Liaoning', '22': 'Jilin', '23': 'Heilongjiang', '31': 'Shanghai', '32': 'Jiangsu',
  '33': 'Zhejiang', '34': 'Anhui', '35': 'Fujian', '36': 'Jiangxi', '37': 'Shandong',
  '41': 'Henan', '42': 'Hubei', '43': 'Hunan', '44': 'Guangdong', '45': 'Guangxi',
  '46': 'Hainan', '50': 'Chongqing', '51': 'Sichuan', '52': 'Guizhou', '53': 'Yunnan',
  '54': 'Tibet', '61': 'Shaanxi', '62': 'Gansu', '63': 'Qinghai', '64': 'Ningxia', '65': 'Xinjiang',
};

const PLACE_EN: Record<string, string> = {
  '呼和浩特市': 'Hohhot', '乌鲁木齐市': 'Urumqi', '拉萨市': 'Lhasa', '市辖区': 'Municipal Districts',
  '县': 'Counties', '省直辖县级行政区划': 'County-level divisions under the province',
  '自治区直辖县级行政区划': 'County-level divisions under the autonomous region',
  '西沙群岛': 'Xisha Islands', '南沙群岛': 'Nansha Islands', '中沙群岛的岛礁及其海域': 'Zhongsha Islands',
};

/** Longest suffix first, so 自治县 wins over 县. */
const SUFFIX_EN: Array<[string, string]> = [
  ['自治州', ' Autonomous Prefecture'], ['自治县', ' Autonomous County'], ['自治旗', ' Autonomous Banner'],
  ['林区', ' Forest District'], ['矿区', ' Mining District'], ['新区', ' New Area'], ['特区', ' Special District'],
  ['地区', ' Prefecture'], ['市', ''], ['区', ' District'], ['县', ' County'], ['旗', ' Banner'], ['盟', ' League'],
];

function romanise(text: string): string {
  const syllables = pinyin(text, { toneType: 'none', type: 'array', v: true }).map((s) => s.replace('ü', 'v'));
  const joined = syllables.join('');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

export function provinceNameEn(provinceCode2: string, nameZh: string): string {
  return PROVINCE_EN[provinceCode2] ?? romanise(nameZh.replace(/(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)$/, ''));
}

/** English name of a city or county: pinyin of the stem and the English word for its kind. */
export function placeNameEn(nameZh: string): string {
  const known = PLACE_EN[nameZh];
  if (known) return known;
  for (const [suffix, english] of SUFFIX_EN) {
    if (nameZh.endsWith(suffix) && nameZh.length > suffix.length) {
      return romanise(nameZh.slice(0, -suffix.length)) + english;
    }
  }
  return romanise(nameZh);
}
