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
    for (const j of tree) expect(j.nameEn, j.code).toMatch(/^[A-Za-z][A-Za-z '()-]*$/);
  });
});
