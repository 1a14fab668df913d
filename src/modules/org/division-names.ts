import { pinyin } from 'pinyin-pro';

/** Conventional English names where pinyin of the Chinese name is not what English text uses. */
const PROVINCE_EN: Record<string, string> = {
  '11': 'Beijing',
  '12': 'Tianjin',
  '13': 'Hebei',
  '14': 'Shanxi',
  '15': 'Inner Mongolia',
  '21': 'Liaoning',
  '22': 'Jilin',
  '23': 'Heilongjiang',
  '31': 'Shanghai',
  '32': 'Jiangsu',
  '33': 'Zhejiang',
  '34': 'Anhui',
  '35': 'Fujian',
  '36': 'Jiangxi',
  '37': 'Shandong',
  '41': 'Henan',
  '42': 'Hubei',
  '43': 'Hunan',
  '44': 'Guangdong',
  '45': 'Guangxi',
  '46': 'Hainan',
  '50': 'Chongqing',
  '51': 'Sichuan',
  '52': 'Guizhou',
  '53': 'Yunnan',
  '54': 'Tibet',
  '61': 'Shaanxi',
  '62': 'Gansu',
  '63': 'Qinghai',
  '64': 'Ningxia',
  '65': 'Xinjiang',
};

/** Province names as they open the name of a zone (河北唐山… → Hebei Tangshan …). */
const PROVINCE_PREFIX: Array<[string, string]> = [
  ['内蒙古', 'Inner Mongolia'],
  ['黑龙江', 'Heilongjiang'],
  ['河北', 'Hebei'],
  ['山西', 'Shanxi'],
  ['辽宁', 'Liaoning'],
  ['吉林', 'Jilin'],
  ['江苏', 'Jiangsu'],
  ['浙江', 'Zhejiang'],
  ['安徽', 'Anhui'],
  ['福建', 'Fujian'],
  ['江西', 'Jiangxi'],
  ['山东', 'Shandong'],
  ['河南', 'Henan'],
  ['湖北', 'Hubei'],
  ['湖南', 'Hunan'],
  ['广东', 'Guangdong'],
  ['广西', 'Guangxi'],
  ['海南', 'Hainan'],
  ['四川', 'Sichuan'],
  ['贵州', 'Guizhou'],
  ['云南', 'Yunnan'],
  ['西藏', 'Tibet'],
  ['陕西', 'Shaanxi'],
  ['甘肃', 'Gansu'],
  ['青海', 'Qinghai'],
  ['宁夏', 'Ningxia'],
  ['新疆', 'Xinjiang'],
];

/**
 * Established English names of places (the stem, without 市/盟/地区/自治州): those English text does not write as
 * plain pinyin — Mongolian, Tibetan and Uyghur names, and a few long-standing spellings.
 */
const STEM_EN: Record<string, string> = {
  // Inner Mongolia
  呼和浩特: 'Hohhot',
  鄂尔多斯: 'Ordos',
  呼伦贝尔: 'Hulunbuir',
  巴彦淖尔: 'Bayannur',
  乌兰察布: 'Ulanqab',
  兴安: 'Hinggan',
  锡林郭勒: 'Xilingol',
  阿拉善: 'Alxa',
  科尔沁: 'Horqin',
  察哈尔: 'Qahar',
  喀喇沁: 'Harqin',
  达尔罕茂明安: 'Darhan Muminggan',
  鄂温克: 'Evenki',
  鄂伦春: 'Oroqen',
  莫力达瓦: 'Morin Dawa',
  额尔古纳: 'Ergun',
  满洲里: 'Manzhouli',
  二连浩特: 'Erenhot',
  锡林浩特: 'Xilinhot',
  乌兰浩特: 'Ulanhot',
  阿尔山: 'Arxan',
  准格尔: 'Jungar',
  达拉特: 'Dalad',
  乌审: 'Uxin',
  鄂托克: 'Otog',
  杭锦: 'Hanggin',
  伊金霍洛: 'Ejin Horo',
  额济纳: 'Ejin',
  阿拉善左: 'Alxa Left',
  阿拉善右: 'Alxa Right',
  四子王: 'Siziwang',
  土默特: 'Tumed',
  乌拉特: 'Urad',
  巴林: 'Bairin',
  阿鲁科尔沁: 'Ar Horqin',
  翁牛特: 'Ongniud',
  克什克腾: 'Hexigten',
  敖汉: 'Aohan',
  奈曼: 'Naiman',
  库伦: 'Hure',
  扎鲁特: 'Jarud',
  扎赉特: 'Jalaid',
  苏尼特: 'Sonid',
  阿巴嘎: 'Abag',
  东乌珠穆沁: 'East Ujimqin',
  西乌珠穆沁: 'West Ujimqin',
  镶黄: 'Xianghuang',
  正镶白: 'Zhengxiangbai',
  正蓝: 'Zhenglan',
  多伦: 'Dolon',
  太仆寺: 'Taibus',
  新巴尔虎: 'New Barag',
  陈巴尔虎: 'Old Barag',
  乌拉盖: 'Ulgai',
  乌海: 'Wuhai',
  // Heilongjiang, Jilin
  哈尔滨: 'Harbin',
  齐齐哈尔: 'Qiqihar',
  大兴安岭: 'Da Hinggan Ling',
  延边: 'Yanbian',
  珲春: 'Hunchun',
  // Xinjiang
  乌鲁木齐: 'Urumqi',
  克拉玛依: 'Karamay',
  吐鲁番: 'Turpan',
  哈密: 'Hami',
  昌吉: 'Changji',
  博尔塔拉: 'Bortala',
  巴音郭楞: 'Bayingolin',
  阿克苏: 'Aksu',
  克孜勒苏: 'Kizilsu',
  喀什: 'Kashgar',
  和田: 'Hotan',
  伊犁: 'Ili',
  塔城: 'Tacheng',
  阿勒泰: 'Altay',
  石河子: 'Shihezi',
  阿拉尔: 'Aral',
  图木舒克: 'Tumxuk',
  五家渠: 'Wujiaqu',
  北屯: 'Beitun',
  铁门关: 'Tiemenguan',
  双河: 'Shuanghe',
  可克达拉: 'Kokdala',
  昆玉: 'Kunyu',
  胡杨河: 'Huyanghe',
  新星: 'Xinxing',
  白杨: 'Baiyang',
  库尔勒: 'Korla',
  阿图什: 'Artux',
  伊宁: 'Yining',
  奎屯: 'Kuytun',
  博乐: 'Bole',
  阿拉山口: 'Alashankou',
  // Tibet, Qinghai, Gansu, Sichuan, Yunnan
  日喀则: 'Shigatse',
  昌都: 'Chamdo',
  林芝: 'Nyingchi',
  那曲: 'Nagqu',
  阿里: 'Ngari',
  山南: 'Shannan',
  拉萨: 'Lhasa',
  果洛: 'Golog',
  玉树: 'Yushu',
  海西: 'Haixi',
  格尔木: 'Golmud',
  德令哈: 'Delingha',
  甘孜: 'Garze',
  阿坝: 'Ngawa',
  中国新加坡: 'China-Singapore',
  循环化工: 'Circular Chemical',
  迪庆: 'Diqing',
  普洱: "Pu'er",
  西双版纳: 'Xishuangbanna',
  德宏: 'Dehong',
  香格里拉: 'Shangri-La',
};

/** The ethnic groups named in autonomous divisions, as their English names. */
const ETHNIC_EN: Array<[string, string]> = [
  ['维吾尔', 'Uyghur'],
  ['哈萨克', 'Kazakh'],
  ['柯尔克孜', 'Kirghiz'],
  ['塔吉克', 'Tajik'],
  ['锡伯', 'Xibe'],
  ['蒙古', 'Mongol'],
  ['达斡尔', 'Daur'],
  ['鄂温克', 'Evenk'],
  ['鄂伦春', 'Oroqen'],
  ['朝鲜', 'Korean'],
  ['土家', 'Tujia'],
  ['布依', 'Bouyei'],
  ['哈尼', 'Hani'],
  ['景颇', 'Jingpo'],
  ['傈僳', 'Lisu'],
  ['纳西', 'Naxi'],
  ['拉祜', 'Lahu'],
  ['普米', 'Pumi'],
  ['独龙', 'Derung'],
  ['仡佬', 'Gelao'],
  ['毛南', 'Maonan'],
  ['仫佬', 'Mulao'],
  ['撒拉', 'Salar'],
  ['东乡', 'Dongxiang'],
  ['保安', 'Bonan'],
  ['裕固', 'Yugur'],
  ['回', 'Hui'],
  ['藏', 'Tibetan'],
  ['壮', 'Zhuang'],
  ['苗', 'Miao'],
  ['彝', 'Yi'],
  ['侗', 'Dong'],
  ['瑶', 'Yao'],
  ['白', 'Bai'],
  ['傣', 'Dai'],
  ['黎', 'Li'],
  ['羌', 'Qiang'],
  ['畲', 'She'],
  ['满', 'Manchu'],
  ['佤', 'Va'],
  ['怒', 'Nu'],
  ['土', 'Tu'],
  ['水', 'Shui'],
  ['各', 'Various Ethnic Groups'],
];

const WRITTEN_WITHOUT_ZU = ['蒙古', '哈萨克', '柯尔克孜', '维吾尔', '塔吉克'];

const PLACE_EN: Record<string, string> = {
  市辖区: 'Municipal Districts',
  县: 'Counties',
  省直辖县级行政区划: 'County-level divisions under the province',
  自治区直辖县级行政区划: 'County-level divisions under the autonomous region',
  西沙群岛: 'Xisha Islands',
  南沙群岛: 'Nansha Islands',
  中沙群岛的岛礁及其海域: 'Zhongsha Islands',
};

/** What a division is, longest first (高新技术产业开发区 before 开发区, 自治县 before 县). */
const KIND_EN: Array<[string, string]> = [
  ['高新技术产业开发区', 'Hi-tech Industrial Development Zone'],
  ['经济技术开发区', 'Economic and Technological Development Zone'],
  ['综合改革示范区', 'Comprehensive Reform Demonstration Zone'],
  ['风景名胜区', 'Scenic Area'],
  ['管理区管委会', 'Administrative Zone'],
  ['经济开发区', 'Economic Development Zone'],
  ['工业园区', 'Industrial Park'],
  ['高新区', 'Hi-tech Zone'],
  ['开发区', 'Development Zone'],
  ['管理区', 'Administrative Zone'],
  ['示范区', 'Demonstration Zone'],
  ['园区', 'Park'],
  ['食品区', 'Food Zone'],
  ['自治州', 'Autonomous Prefecture'],
  ['自治县', 'Autonomous County'],
  ['自治旗', 'Autonomous Banner'],
  ['联合旗', 'United Banner'],
  ['林区', 'Forest District'],
  ['矿区', 'Mining District'],
  ['新区', 'New Area'],
  ['特区', 'Special District'],
  ['新城', 'New Town'],
  ['地区', 'Prefecture'],
  ['市', ''],
  ['区', 'District'],
  ['县', 'County'],
  ['旗', 'Banner'],
  ['盟', 'League'],
];

/** Parts of banner names: 科尔沁左翼中旗 → Horqin Left Wing Middle Banner. */
const BANNER_PARTS: Array<[string, string]> = [
  ['左翼', 'Left Wing'],
  ['右翼', 'Right Wing'],
  ['前', 'Front'],
  ['中', 'Middle'],
  ['后', 'Rear'],
];

/** Pinyin of a run of characters as one word (Bayin, Xincheng); a long run is cut into words of two syllables. */
function romanise(text: string): string {
  if (!text) return '';
  const syllables = pinyin(text, { toneType: 'none', type: 'array', v: true }).map((s) => s.replace('ü', 'v'));
  const words: string[] = [];
  // Names of up to four characters are one word in English text; longer runs (no known boundary) read better cut.
  const size = syllables.length <= 4 ? syllables.length : 2;
  for (let i = 0; i < syllables.length; i += size) words.push(syllables.slice(i, i + size).join(''));
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

export function provinceNameEn(provinceCode2: string, nameZh: string): string {
  return PROVINCE_EN[provinceCode2] ?? romanise(nameZh.replace(/(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)$/, ''));
}

/**
 * English for a stem (what is left of a name once its kind is known): established names first, province and known
 * place names where they open it, banner parts, then pinyin, so 河北唐山芦台 reads "Hebei Tangshan Lutai".
 */
function stemEn(stem: string, knownStems: ReadonlySet<string>): string {
  const words: string[] = [];
  let rest = stem;
  while (rest) {
    const established = Object.keys(STEM_EN)
      .filter((k) => rest.startsWith(k))
      .sort((a, b) => b.length - a.length)[0];
    if (established) {
      words.push(STEM_EN[established]!);
      rest = rest.slice(established.length);
      continue;
    }
    const province = PROVINCE_PREFIX.find(([zh]) => rest.startsWith(zh) && rest.length > zh.length);
    if (province) {
      words.push(province[1]);
      rest = rest.slice(province[0].length);
      continue;
    }
    // 左翼/右翼 anywhere after a name; 前/中/后 only as the last character (科尔沁左翼中旗), never inside a name (中卫).
    const banner = words.length > 0 ? BANNER_PARTS.find(([zh]) => rest.startsWith(zh) && (zh.length === 2 || rest.length === 1)) : undefined;
    if (banner) {
      words.push(banner[1]);
      rest = rest.slice(banner[0].length);
      continue;
    }
    const known = [...knownStems].filter((k) => k.length >= 2 && rest.startsWith(k) && rest.length > k.length).sort((a, b) => b.length - a.length)[0];
    if (known) {
      words.push(stemEn(known, new Set()));
      rest = rest.slice(known.length).replace(/^市/, '');
      continue;
    }
    // The rest, up to a wing (左翼/右翼) if one follows, is one name.
    const wing = Math.min(...['左翼', '右翼'].map((w) => rest.indexOf(w, 1)).filter((i) => i > 0), rest.length);
    const end =
      wing === rest.length && words.length > 0 && BANNER_PARTS.some(([zh]) => zh.length === 1 && rest.endsWith(zh)) && rest.length > 1
        ? rest.length - 1
        : wing;
    words.push(romanise(rest.slice(0, end)));
    rest = rest.slice(end);
  }
  return words.join(' ');
}

/** The ethnic groups that end a stem (恩施土家族苗族 → Enshi, [Tujia, Miao]). */
function ethnicGroups(stem: string): { stem: string; groups: string[] } {
  const groups: string[] = [];
  let rest = stem;
  for (;;) {
    const withZu = rest.endsWith('族') ? rest.slice(0, -1) : rest;
    const match = ETHNIC_EN.filter(([zh]) => withZu.endsWith(zh) && withZu.length > zh.length).sort((a, b) => b[0].length - a[0].length)[0];
    // 族 marks a group, except for those whose name is written without it (巴音郭楞蒙古自治州); else 彭水 would end in 水 (Shui).
    if (!match || (withZu === rest && !WRITTEN_WITHOUT_ZU.includes(match[0]))) break;
    groups.unshift(match[1]);
    rest = withZu.slice(0, -match[0].length);
  }
  return { stem: rest, groups };
}

/** English name of a city or county: its established name, or pinyin of the stem with the English for its kind. */
export function placeNameEn(nameZh: string, knownStems: ReadonlySet<string> = new Set()): string {
  const known = PLACE_EN[nameZh];
  if (known) return known;
  for (const [suffix, english] of KIND_EN) {
    if (nameZh.endsWith(suffix) && nameZh.length > suffix.length) {
      let stem = nameZh.slice(0, -suffix.length);
      let groups: string[] = [];
      if (suffix.startsWith('自治')) ({ stem, groups } = ethnicGroups(stem));
      const people = groups.length ? ` ${groups.length > 1 ? `${groups.slice(0, -1).join(', ')} and ${groups.at(-1)}` : groups[0]}` : '';
      return `${stemEn(stem, knownStems)}${people}${english ? ` ${english}` : ''}`;
    }
  }
  return stemEn(nameZh, knownStems);
}

/** The stem of a prefecture-level name (包头市 → 包头), for recognising it at the start of a zone's name. */
export function placeStem(nameZh: string): string {
  for (const [suffix] of KIND_EN) if (nameZh.endsWith(suffix) && nameZh.length > suffix.length) return nameZh.slice(0, -suffix.length);
  return nameZh;
}
