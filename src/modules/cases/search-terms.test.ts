import { describe, expect, it } from 'vitest';
import { queryTerms, searchTerms } from './search-terms.ts';

describe('search terms for Chinese and Latin text', () => {
  it('indexes every CJK character and overlapping pair, and Latin words lower-cased', () => {
    expect(searchTerms('青玉双耳碗 Jade BOWL').split(' ').sort()).toEqual(['双', '双耳', '玉', '玉双', '碗', '耳', '耳碗', '青', '青玉', 'bowl', 'jade'].sort());
  });

  it('splits digits and Latin letters from the Chinese that follows them', () => {
    const terms = searchTerms('2019年10月9日盗走3处').split(' ');
    expect(terms).toEqual(expect.arrayContaining(['2019', '年', '10', '月', '9', '日盗', '处']));
    expect(queryTerms('10月')).toEqual(['10', '月']);
  });

  it('cuts a query the same way: a lone character stands for itself, longer runs become pairs', () => {
    expect(queryTerms('玉')).toEqual(['玉']);
    expect(queryTerms('双耳碗')).toEqual(['双耳', '耳碗']);
  });
});
