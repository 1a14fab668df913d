// Chinese titles and summaries (with modus operandi) of synthetic cases, per category.
import * as D from './cases-generator-data.ts';

export interface Random {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

export interface TextContext {
  code: string;
  provinceCode: string;
  /** City and county, e.g. 赤峰市红山区. */
  place: string;
  /** Occurrence (or report) time, epoch seconds. */
  occurred: number;
  /** Masked names (王某某), or null when unknown. */
  victim: string | null;
  suspect: string | null;
  suspects: number;
  loss: number | null;
  gangName: string | null;
  leader: string | null;
  /** Picked once per case so that title, summary and property agree. */
  detail: CaseDetailPick;
}

/** Details shared by the text and the property items of one case. */
export interface CaseDetailPick {
  site: string;
  dynasty: string;
  object: string;
  river: string;
  item: string;
  drug: string;
  weapon: string;
  offence: string;
  subtype: string;
  how: string;
  count: number;
}

const SHANGHAI = 8 * 3600;

export function localDate(sec: number): { y: number; m: number; d: number } {
  const date = new Date((sec + SHANGHAI) * 1000);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

export function cnDate(sec: number): string {
  const { y, m, d } = localDate(sec);
  return `${y}年${m}月${d}日`;
}

/** The month·day code by which serious cases are named: “7·17”. */
export function mdCode(sec: number): string {
  const { m, d } = localDate(sec);
  return `“${m}·${d}”`;
}

const money = (n: number | null) => (n === null ? '' : String(Math.round(n)));

const FRAUD_SUBTYPE_TOTAL = D.FRAUD_SUBTYPES.reduce((s, [, , w]) => s + w, 0);

export function pickDetail(rng: Random, code: string, provinceCode: string): CaseDetailPick {
  const [site, dynasty] = rng.pick(D.RELIC_SITES[provinceCode] ?? D.RELIC_SITES['150000']!);
  let subtype = '';
  let how = '';
  if (code === 'fraud.telecom') {
    let r = rng.next() * FRAUD_SUBTYPE_TOTAL;
    for (const [name, text, w] of D.FRAUD_SUBTYPES) {
      subtype = name;
      how = text;
      if ((r -= w) < 0) break;
    }
  }
  return {
    site,
    dynasty,
    object: rng.pick(D.RELIC_OBJECTS),
    river: rng.pick(D.RIVERS[provinceCode] ?? D.RIVERS['150000']!),
    item: rng.pick(D.THEFT_ITEMS)[0],
    drug: rng.pick(D.DRUGS),
    weapon: rng.pick(D.WEAPONS),
    offence: rng.pick(D.OTHER_OFFENCES),
    subtype,
    how,
    count: rng.int(1, 6),
  };
}

/** Title and summary of a case; the summary tells what happened and how. */
export function caseText(rng: Random, c: TextContext): { title: string; summary: string } {
  const { place, detail: x } = c;
  const date = cnDate(c.occurred);
  const md = mdCode(c.occurred);
  const victim = c.victim ?? '某群众';
  const suspect = c.suspect ?? '不明身份人员';
  const group = c.suspects > 1 ? `${suspect}等${c.suspects}人` : suspect;
  const loss = money(c.loss);
  let title: string;
  let summary: string;
  switch (c.code) {
    case 'relic.excavation':
      title = rng.pick([`${place}${x.site}被盗掘案`, `${place}${md}盗掘古墓葬案`, `${place}盗掘古文化遗址案`]);
      summary = `${date}，${place}文物保护单位巡查人员发现，辖区内${x.site}（${x.dynasty}）被人为盗掘，现场遗留盗洞${x.count}处，深约${rng.int(2, 9)}米，周边散落${x.object}残片，疑似使用${rng.pick(D.TOOLS)}作案。`;
      break;
    case 'relic.theft.cave_temple': {
      const cave = rng.pick(D.CAVE_TEMPLES);
      title = `${place}${cave}石刻造像被盗案`;
      summary = `${date}，${place}${cave}文物管理员发现，窟内${x.count}尊${x.dynasty}石刻造像头部被人为切割盗走，现场遗留切割工具痕迹，监控设施未覆盖。`;
      break;
    }
    case 'relic.theft.ancient_building': {
      const building = rng.pick(D.ANCIENT_BUILDINGS);
      title = `${place}${building}古建筑构件被盗案`;
      summary = `${date}，${place}一处${building}的木雕门窗、石狮、柱础等构件${x.count + 2}件被盗，犯罪嫌疑人趁夜间无人值守拆卸后用车辆运走。`;
      break;
    }
    case 'relic.theft.museum': {
      const museum = rng.pick(D.MUSEUMS);
      title = `${place}${museum}馆藏文物被盗案`;
      summary = `${date}，${place}${museum}报案称，展柜内${x.dynasty}${x.object}等馆藏文物${x.count}件被盗，犯罪嫌疑人夜间破窗入室作案。`;
      break;
    }
    case 'relic.trafficking':
      title = rng.pick([`${place}${md}倒卖文物案`, `${place}${suspect}倒卖文物案`]);
      summary = `${date}，${place}公安机关在工作中发现，犯罪嫌疑人${group}通过网络平台和古玩市场兜售${x.dynasty}${x.object}等出土文物，交易金额${rng.int(2, 300) * 1000}元。`;
      break;
    case 'relic.smuggling':
      title = `${place}走私文物案`;
      summary = `${date}，海关在${place}口岸查验时发现，${suspect}携带的行李中夹带${x.object}等疑似文物${x.count}件，未向海关申报，经鉴定为禁止出境文物。`;
      break;
    case 'relic.damage':
      title = `${place}${x.site}文物被损毁案`;
      summary = `${date}，${place}${x.site}（${x.dynasty}）保护范围内发生违规取土、施工，造成文物本体严重损毁。`;
      break;
    case 'fraud.telecom':
      title = rng.pick([`${victim}被${x.subtype}诈骗案`, `${place}${victim}被电信网络诈骗案`]);
      summary = `${date}，受害人${victim}报案称，犯罪嫌疑人${x.how}，其通过${rng.pick(D.PAYMENT_CHANNELS)}先后${x.count}次向对方提供的银行账户转账共计${loss}元。`;
      break;
    case 'fraud.asset_unfreezing':
      title = `${place}“民族资产解冻”诈骗案`;
      summary = `${date}，${place}群众${victim}报案称，犯罪嫌疑人以“民族资产解冻”“扶贫基金”为名在微信群内发展会员，收取“入会费”“手续费”共计${loss}元。`;
      break;
    case 'fraud.other':
      title = `${place}${victim}被诈骗案`;
      summary = `${date}，受害人${victim}报案称，犯罪嫌疑人以${rng.pick(['帮助办理入学', '介绍工作', '代办驾驶证', '投资入股', '出售低价物品'])}为由，骗取其人民币${loss}元。`;
      break;
    case 'property.fraud':
      title = rng.pick([`${place}${victim}被合同诈骗案`, `${place}“套路贷”诈骗案`]);
      summary = `${date}，${place}${victim}报案称，犯罪嫌疑人以${rng.pick(['签订虚假购销合同', '“套路贷”虚增借款', '虚构工程项目', '冒用他人名义签订合同'])}的方式，骗取其财物共计${loss}元。`;
      break;
    case 'property.theft':
      if (['现金', '金银首饰', '笔记本电脑', '财物'].includes(x.item)) {
        title = `${place}${victim}家中被盗案`;
        summary = `${date}，${victim}报案称，其位于${place}的住宅被撬门入室，室内${x.item}被盗，损失约${loss}元。`;
      } else {
        title = `${place}${victim}${x.item}被盗案`;
        summary = `${date}，${victim}报案称，其停放在${place}${rng.pick(['小区楼下', '路边', '商场门口', '村委会附近', '工地'])}的${x.item}被盗，损失价值约${loss}元。`;
      }
      break;
    case 'property.snatching':
      title = `${place}${victim}被抢夺案`;
      summary = `${date}，${victim}报案称，其在${place}街头行走时，被驾驶摩托车的男子抢走${rng.pick(['手机', '挎包', '金项链'])}，损失约${loss}元。`;
      break;
    case 'violent.robbery':
      title = `${place}${victim}被抢劫案`;
      summary = `${date}，${victim}报案称，其在${place}被${x.count > 3 ? 2 : 1}名持${x.weapon}男子拦截，被抢走现金及手机，损失约${loss}元。`;
      break;
    case 'violent.injury':
      title = `${place}${victim}被故意伤害案`;
      summary = `${date}，${place}某${rng.pick(['烧烤店', 'KTV', '村口', '工地', '饭店'])}内发生纠纷，${victim}被他人持${x.weapon}殴打致${rng.pick(['轻伤一级', '轻伤二级', '重伤二级'])}。`;
      break;
    case 'violent.homicide':
      title = `${place}${md}故意杀人案`;
      summary = `${date}，${place}发生一起命案，被害人${victim}在${rng.pick(['家中', '出租屋内', '路边', '农田'])}被人杀害，现场提取到血迹、足迹等痕迹物证。`;
      break;
    case 'violent.rape':
      title = `${place}${md}强奸案`;
      summary = `${date}，${place}一女子报案称，其在${rng.pick(['回家途中', '出租屋内', '醉酒后'])}遭到犯罪嫌疑人强奸。`;
      break;
    case 'violent.arson':
      title = `${place}${md}放火案`;
      summary = `${date}，${place}一处${rng.pick(['民房', '商铺', '仓库', '车辆'])}起火，经勘查系人为纵火，造成直接经济损失约${loss}元。`;
      break;
    case 'violent.explosion':
      title = `${place}${md}爆炸案`;
      summary = `${date}，${place}一处${rng.pick(['民房', '工地', '商铺'])}发生爆炸，经勘查系人为引爆自制爆炸装置。`;
      break;
    case 'violent.hijacking':
      title = `${place}${md}劫持案`;
      summary = `${date}，${place}一名男子持${x.weapon}劫持${rng.pick(['出租车司机', '路人', '公交车司机'])}，后被处置民警制服。`;
      break;
    case 'violent.kidnapping':
      title = `${place}${md}绑架案`;
      summary = `${date}，${victim}家属报案称，${victim}被人绑架，对方索要赎金${rng.int(5, 200) * 10000}元。`;
      break;
    case 'gang.organised':
      title = `${place}${c.leader ?? suspect}等人组织、领导黑社会性质组织案`;
      summary = `以${c.leader ?? suspect}为首的犯罪组织长期盘踞${place}，通过${rng.pick(['垄断砂石运输', '强揽工程', '开设赌场', '发放高利贷'])}等手段攫取非法利益，多次实施寻衅滋事、故意伤害、敲诈勒索等违法犯罪活动，严重破坏当地经济社会秩序。`;
      break;
    case 'gang.evil_force':
      title = `${place}${c.leader ?? suspect}等人寻衅滋事、敲诈勒索案`;
      summary = `犯罪嫌疑人${c.leader ?? suspect}等人纠集在一起，在${place}${rng.pick(['农贸市场', '客运站', '建筑工地', '娱乐场所'])}以${rng.pick(['收取“保护费”', '强迫交易', '暴力讨债', '滋扰商户'])}等方式多次实施违法犯罪活动。`;
      break;
    case 'drugs.trafficking':
      title = `${place}${md}贩卖毒品案`;
      summary = `${date}，${place}公安机关根据线索，在${rng.pick(['宾馆', '出租屋', '高速公路收费站', '物流站点'])}抓获贩毒嫌疑人${suspect}，现场查获${x.drug}一批。`;
      break;
    case 'drugs.other': {
      const offence = rng.pick(['容留他人吸毒案', '非法持有毒品案', '非法种植毒品原植物案']);
      title = `${place}${suspect}${offence}`;
      summary = `${date}，${place}公安机关在清查中发现，${suspect}${offence === '非法种植毒品原植物案' ? '在自家院内种植罂粟' : `持有${x.drug}并提供场所供他人吸食`}。`;
      break;
    }
    case 'firearms': {
      const offence = rng.pick(['非法持有枪支案', '非法制造、买卖枪支案', '非法储存爆炸物案']);
      title = `${place}${offence}`;
      summary = `${date}，${place}公安机关在${rng.pick(['排查', '清查', '走访'])}中发现，${suspect}非法${rng.pick(['持有自制火药枪', '私藏猎枪', '储存雷管、炸药'])}。`;
      break;
    }
    case 'environment.pollution':
      title = `${place}非法倾倒危险废物污染环境案`;
      summary = `${date}，${place}生态环境部门移送线索，犯罪嫌疑人${group}将${rng.pick(D.POLLUTANTS)}约${x.count * 7}吨非法倾倒于${rng.pick(['废弃砂坑', '河道旁', '农田'])}，造成周边土壤和水体污染。`;
      break;
    case 'environment.fishing':
      title = `${place}${x.river}非法捕捞水产品案`;
      summary = `${date}，${place}公安机关会同渔政部门在${x.river}禁渔区查获${group}使用${rng.pick(['电鱼器具', '地笼网', '绝户网', '拖网'])}非法捕捞。`;
      break;
    case 'environment.sand_mining':
      title = `${place}${x.river}非法采砂案`;
      summary = `${date}，${place}公安机关联合水利部门在${x.river}河道查获${rng.pick(['采砂船', '挖掘机', '运砂车辆'])}，${group}未取得采砂许可证，非法开采河砂约${x.count * 800}吨。`;
      break;
    default:
      title = rng.next() < 0.5 ? `${place}${x.offence}案` : `${place}${victim}被${x.offence}案`;
      summary = `${date}，${place}发生一起${x.offence}案件，${rng.pick(['经群众报警后民警到场处置', '经工作发现', '经相关部门移送线索'])}。`;
  }
  if (c.gangName) summary += `该案系${c.gangName}系列案件之一。`;
  return { title, summary };
}

export function coldCaseText(rng: Random, c: TextContext, solved: number, yearsAtLarge: number): { title: string; summary: string } {
  const md = mdCode(c.occurred);
  const victim = c.victim ?? '某群众';
  return {
    title: `${c.place}${md}故意杀人案`,
    summary:
      `${cnDate(c.occurred)}，${c.place}发生一起命案，被害人${victim}在${rng.pick(['家中', '路边', '农田', '旅店'])}被人杀害，犯罪嫌疑人作案后潜逃。` +
      `命案积案攻坚中，专案组重新梳理案件，运用${rng.pick(['DNA比对', '指纹比对', '大数据研判'])}锁定犯罪嫌疑人${c.suspect ?? ''}，于${cnDate(solved)}将其抓获，潜逃${yearsAtLarge}年。`,
  };
}
