import { describe, expect, it } from 'vitest';
import { descriptionTerms } from './description-terms.ts';

describe('descriptionTerms', () => {
  it('keeps the object and drops quantities, measurements, hedges and the period words (recognising the period)', () => {
    expect(descriptionTerms('青玉双耳碗，口径约15厘米，清代风格')).toMatchObject({
      pairs: ['青玉', '玉双', '双耳', '耳碗'],
      words: [],
      periods: ['qing'],
      runs: ['青玉双耳碗'],
    });
    expect(descriptionTerms('一件青玉双耳碗')).toMatchObject({ pairs: ['青玉', '玉双', '双耳', '耳碗'], periods: [] });
    expect(descriptionTerms('清代青玉碗')).toMatchObject({ pairs: ['青玉', '玉碗'], chars: ['青', '玉', '碗'], periods: ['qing'] });
    expect(descriptionTerms('饕餮纹青铜鼎 商代 约高24厘米').periods).toEqual(['shang']);
    expect(descriptionTerms('明式黄花梨圈椅一对，高约98厘米')).toMatchObject({ runs: ['黄花梨圈椅'], periods: ['ming'] });
  });

  it('keeps a reign as text (inscriptions carry it) and reads it as its dynasty', () => {
    expect(descriptionTerms('清乾隆白玉碗')).toMatchObject({ pairs: ['乾隆', '白玉', '玉碗'], periods: ['qing'] });
  });

  it('reads traditional characters as simplified ones', () => {
    expect(descriptionTerms('青玉雙耳碗一只').pairs).toEqual(['青玉', '玉双', '双耳', '耳碗']);
  });

  it('takes English words without stop words, numbers or units, singular, and the period in any spelling', () => {
    expect(descriptionTerms('Qing dynasty celadon jade bowl with two handles, approx. 15 cm')).toMatchObject({
      words: ['celadon', 'jade', 'bowl', 'two', 'handle'],
      periods: ['qing'],
    });
    expect(descriptionTerms("1 PC CH'ING PORCELAIN VASES, H: 25 cm (9 7/8 in.)")).toMatchObject({
      words: ['pc', 'porcelain', 'vase'],
      periods: ['qing'],
    });
  });
});
