// How a free description ("一件青玉双耳碗，口径约15厘米，清代风格", "Qing celadon jade bowl, approx.
// 15 cm") becomes the significant terms a certificate search looks for: the words a dealer or a
// customs declaration adds around an object's name (quantities, measurements, hedges, "style") are
// dropped, the period is recognised in its many spellings (清代/清朝/大清/乾隆/Qing dynasty) and the
// rest is cut the way registry objects are indexed (cases/search-terms.ts): Chinese character pairs
// and single characters, Latin words lower-cased.
import { PERIODS } from './vocabulary.ts';

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;
const RUNS = /[\u3400-\u9fff\uf900-\ufaff]+|(?:(?![\u3400-\u9fff\uf900-\ufaff])[\p{L}\p{N}])+/gu;

/** Period codes by their Chinese names and variants (dynasty, 朝, 代, 大…, early/late, reigns). */
const PERIOD_ZH: Array<[string, RegExp]> = [
  ['neolithic', /新石器(?:时代)?/gu],
  ['warring_states', /战国(?:时期|时代)?/gu],
  ['six_dynasties', /魏晋南北朝|魏晋|南北朝|六朝/gu],
  ['modern', /近现代|近代|现代|民国(?:时期)?/gu],
  ['zhou', /(?:西|东)周|春秋|周(?:代|朝)/gu],
  ['han', /(?:西|东)汉|汉(?:代|朝)/gu],
  ['song', /(?:北|南)宋|宋(?:代|朝)/gu],
  ['qing', /大清|清(?=顺治|康熙|雍正|乾隆|嘉庆|道光|咸丰|同治|光绪|宣统)|顺治|康熙|雍正|乾隆|嘉庆|道光|咸丰|同治|光绪|宣统/gu],
  ['ming', /大明|明(?=洪武|永乐|宣德|成化|弘治|正德|嘉靖|隆庆|万历|天启|崇祯)|洪武|永乐|宣德|成化|弘治|正德|嘉靖|隆庆|万历|天启|崇祯/gu],
  ...(['shang', 'qin', 'tang', 'liao', 'jin', 'yuan', 'qing', 'ming'] as const).map((code): [string, RegExp] => {
    const zh = PERIODS.find((p) => p.code === code)!.zh;
    // 唐代, 元朝, 清早期, 明晚期, 明式, and a dynasty right before a reign (清乾隆).
    return [code, new RegExp(`${zh}(?:代|朝|早期|中期|晚期|初期|末期|初|末|中晚期|式)`, 'gu')];
  }),
];
/** Reign names are kept as text too: a record's inscription often carries them (乾隆年制). */
const REIGN = /顺治|康熙|雍正|乾隆|嘉庆|道光|咸丰|同治|光绪|宣统|洪武|永乐|宣德|成化|弘治|正德|嘉靖|隆庆|万历|天启|崇祯/u;

const PERIOD_EN: Record<string, string> = {
  qing: 'qing',
  ching: 'qing',
  ming: 'ming',
  yuan: 'yuan',
  song: 'song',
  sung: 'song',
  tang: 'tang',
  han: 'han',
  shang: 'shang',
  zhou: 'zhou',
  chou: 'zhou',
  liao: 'liao',
  qin: 'qin',
  neolithic: 'neolithic',
  jin: 'jin',
};

/** A few traditional characters common in object descriptions, to their simplified forms (the registry's). */
const SIMPLIFIED: Record<string, string> = Object.fromEntries(
  [
    ...'雙双紋纹銅铜畫画龍龙鳳凤壺壶盤盘藍蓝綠绿燒烧蓮莲纏缠獸兽鐘钟鏡镜環环飾饰馬马騎骑銀银幣币頭头薩萨硯砚筆笔書书製制寶宝爐炉觀观壽寿帶带鉢钵瓏珑瑪玛瑙瑙琺珐瑯琅彫雕磚砖罈坛樽樽鎏鎏貼贴犧牺瑤瑶玉玉盃杯椀碗',
  ].reduce<Array<[string, string]>>((pairs, c, i, all) => (i % 2 === 0 ? [...pairs, [c, all[i + 1]!]] : pairs), []),
);

/** Traditional forms of simplified characters (the inverse of SIMPLIFIED): a record may be written in either. */
export const TRADITIONAL_VARIANTS: Record<string, string[]> = {};
for (const [traditional, simplified] of Object.entries(SIMPLIFIED))
  if (traditional !== simplified) (TRADITIONAL_VARIANTS[simplified] ??= []).push(traditional);

/** Chinese words that say nothing about which object it is: quantities, hedges, condition, trade. */
const ZH_NOISE = new RegExp(
  [
    // "口径约15厘米", "高 31cm", "15.4×11.6厘米", "重26.7克", "约十五公分": a measurement with its dimension word.
    '(?:口径|直径|底径|足径|腹径|通高|高度|宽度|长度|厚度|重量|尺寸|长宽高|高|宽|长|厚|重|径)?\\s*[:：]?\\s*(?:约|大约|大概|近)?\\s*' +
      '(?:[0-9]+(?:\\.[0-9]+)?(?:\\s*[-~–至x×*]\\s*[0-9]+(?:\\.[0-9]+)?)*|[零一二两三四五六七八九十百点]+)\\s*(?:厘米|公分|毫米|千克|公斤|英寸|米|克|寸|cm|mm|kg|g|in)',
    '[0-9一二两三四五六七八九十]+\\s*[件只个对套组枚把幅尊块张座串副片]',
    '风格|时期|年代|左右|大约|大概|约|品相(?:完好|极佳|一流|好)?|完好无损|保存完好|完好|完整|无磕碰|精美|精品|包老|保真|老货|古玩|古董|私人收藏|收藏|藏家|传世|出售|转让|拍卖|拍品|藏品|器物|物品|工艺品|一些|带有|的|之',
  ].join('|'),
  'giu',
);

const EN_STOP = new Set([
  'a',
  'an',
  'the',
  'of',
  'with',
  'and',
  'or',
  'in',
  'on',
  'for',
  'from',
  'to',
  'by',
  'at',
  'as',
  'its',
  'his',
  'her',
  'their',
  'this',
  'that',
  'one',
  'approx',
  'approximately',
  'about',
  'around',
  'circa',
  'ca',
  'c',
  'style',
  'styled',
  'type',
  'manner',
  'after',
  'antique',
  'antiques',
  'old',
  'vintage',
  'fine',
  'rare',
  'piece',
  'pieces',
  'item',
  'items',
  'object',
  'objects',
  'lot',
  'set',
  'cm',
  'mm',
  'inch',
  'inches',
  'height',
  'high',
  'tall',
  'width',
  'wide',
  'diameter',
  'dia',
  'length',
  'long',
  'weight',
  'h',
  'w',
  'd',
  'l',
  'g',
  'kg',
  'size',
  'dynasty',
  'period',
  'good',
  'condition',
  'excellent',
  'original',
  'genuine',
  'authentic',
  'estate',
  'collection',
  'private',
  'nice',
  'beautiful',
  'decorative',
  'declared',
  'declaration',
  'handmade',
  'art',
  'work',
  'works',
  'used',
  'century',
  'centuries',
  'th',
  'st',
  'nd',
  'rd',
  'early',
  'late',
  'mid',
]);

export interface DescriptionTerms {
  /** Chinese character pairs of the significant text, in order, without repeats. */
  pairs: string[];
  /** Its Chinese characters (each also stands for itself: 玉碗 finds 青玉双耳碗). */
  chars: string[];
  /** Lower-cased Latin words and their stems (handles → handle). */
  words: string[];
  /** Period codes the description names (清代, 乾隆, Qing dynasty…). */
  periods: string[];
  /** Runs of significant Chinese text, for an all-characters match of each run. */
  runs: string[];
}

const stem = (w: string) =>
  w.length > 4 && w.endsWith('es') && /(?:ch|sh|x|ss)es$/.test(w)
    ? w.slice(0, -2)
    : w.length > 3 && w.endsWith('s') && !w.endsWith('ss')
      ? w.slice(0, -1)
      : w;

/** A description's significant terms (see the file comment). Deterministic, no database. */
export function descriptionTerms(text: string): DescriptionTerms {
  let t = text.normalize('NFKC').toLowerCase();
  t = [...t].map((c) => SIMPLIFIED[c] ?? c).join('');
  const periods = new Set<string>();
  for (const [code, re] of PERIOD_ZH) {
    t = t.replace(re, (m) => {
      periods.add(code);
      // A reign stays in the text (inscriptions carry it); the dynasty words go.
      return REIGN.test(m) ? ` ${m} ` : ' ';
    });
  }
  t = t.replace(ZH_NOISE, ' ');
  const pairs: string[] = [];
  const chars: string[] = [];
  const words: string[] = [];
  const runs: string[] = [];
  t = t.replace(/\bch[’']ing\b/g, 'qing').replace(/\bt[’']ang\b/g, 'tang');
  for (const run of t.match(RUNS) ?? []) {
    if (CJK.test(run[0]!)) {
      const cs = [...run];
      runs.push(run);
      cs.forEach((c, i) => {
        chars.push(c);
        if (i + 1 < cs.length) pairs.push(c + cs[i + 1]);
      });
    } else if (/^[0-9]/.test(run)) {
      continue; // numbers are measurements, dates or lot numbers, not what the object is
    } else if (PERIOD_EN[run] !== undefined) {
      periods.add(PERIOD_EN[run]!);
    } else if (!EN_STOP.has(run) && run.length >= 2) {
      words.push(stem(run));
    }
  }
  const unique = <T>(list: T[]) => [...new Set(list)];
  return { pairs: unique(pairs), chars: unique(chars), words: unique(words).slice(0, 24), periods: [...periods], runs: unique(runs) };
}

/** Title units of a record: its Chinese pairs and characters, and its significant Latin words. */
export function titleUnits(titleZh: string, titleEn: string): { pairs: string[]; chars: string[]; words: string[] } {
  const zh = descriptionTerms(titleZh);
  const en = descriptionTerms(titleEn);
  return { pairs: zh.pairs, chars: zh.chars, words: en.words };
}
