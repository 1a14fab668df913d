import { describe, expect, it } from 'vitest';
import { divisionTree, NATIONAL_CODE } from './jurisdictions.ts';

describe('the GB/T 2260 division tree', () => {
  const tree = divisionTree();
  const byCode = new Map(tree.map((j) => [j.code, j]));

  it('holds every province, city and county once, under one national root', () => {
    expect(byCode.size).toBe(tree.length);
    expect(tree.filter((j) => j.level === 'national')).toEqual([expect.objectContaining({ code: NATIONAL_CODE, parentCode: null })]);
    expect(tree.filter((j) => j.level === 'province')).toHaveLength(31);
    expect(tree.filter((j) => j.level === 'city').length).toBeGreaterThan(330);
    expect(tree.filter((j) => j.level === 'county').length).toBeGreaterThan(2800);
  });

  it('links every node to an existing parent one level up', () => {
    const up = { province: 'national', city: 'province', county: 'city' } as const;
    for (const j of tree) {
      if (j.level === 'national') continue;
      expect(byCode.get(j.parentCode!)?.level, j.code).toBe(up[j.level]);
    }
  });

  it('names the demo jurisdictions in Chinese and English', () => {
    expect(byCode.get('150000')).toMatchObject({ nameZh: '内蒙古自治区', nameEn: 'Inner Mongolia' });
    expect(byCode.get('150100')).toMatchObject({ nameZh: '呼和浩特市', nameEn: 'Hohhot', parentCode: '150000' });
    expect(byCode.get('150200')).toMatchObject({ nameZh: '包头市', nameEn: 'Baotou' });
    expect(byCode.get('150400')).toMatchObject({ nameZh: '赤峰市', nameEn: 'Chifeng' });
    expect(byCode.get('610000')).toMatchObject({ nameEn: 'Shaanxi' });
    expect(byCode.get('150102')).toMatchObject({ nameEn: 'Xincheng District', parentCode: '150100' });
  });

  it('gives every node an English name in Latin script', () => {
    // Commas only between three peoples of one autonomous county ("Bonan, Dongxiang and Salar"); apostrophes as in Pu'er.
    for (const j of tree) expect(j.nameEn, j.code).toMatch(/^[A-Za-z][A-Za-z '()-]*(, [A-Za-z][A-Za-z '()-]*)*$/);
  });

  it('uses established English names and readable words: no English name has a word over 20 letters', () => {
    const tooLong = tree.filter((j) => j.nameEn.split(/[\s-]+/).some((word) => word.length > 20)).map((j) => `${j.code} ${j.nameZh} ${j.nameEn}`);
    expect(tooLong).toEqual([]);
    const en = (code: string) => byCode.get(code)?.nameEn;
    expect([en('150600'), en('150700'), en('150800'), en('150900'), en('152200'), en('152500'), en('152900')]).toEqual([
      'Ordos',
      'Hulunbuir',
      'Bayannur',
      'Ulanqab',
      'Hinggan League',
      'Xilingol League',
      'Alxa League',
    ]);
    expect(en('152971')).toBe('Inner Mongolia Alxa Hi-tech Industrial Development Zone');
    expect(en('150223')).toBe('Darhan Muminggan United Banner');
    expect(en('150521')).toBe('Horqin Left Wing Middle Banner');
    expect(en('422800')).toBe('Enshi Tujia and Miao Autonomous Prefecture');
    expect(en('653000')).toBe('Kizilsu Kirghiz Autonomous Prefecture');
    expect(en('230100')).toBe('Harbin');
  });
});
