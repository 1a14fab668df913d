import { describe, expect, it } from 'vitest';
import { caseSearchTerms, caseTsQuery, queryTerms, searchTerms } from './search-terms.ts';

describe('search terms for Chinese and Latin text', () => {
  it('indexes every CJK character and overlapping pair, and Latin words lower-cased', () => {
    expect(searchTerms('青玉双耳碗 Jade BOWL').split(' ').sort()).toEqual(
      ['双', '双耳', '玉', '玉双', '碗', '耳', '耳碗', '青', '青玉', 'bowl', 'jade'].sort(),
    );
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

  it('indexes a case under pairs, and a character alone only where it begins no pair', () => {
    expect(caseSearchTerms('青玉双耳碗 Jade BOWL').split(' ')).toEqual(['青玉', '玉双', '双耳', '耳碗', '碗', 'jade', 'bowl']);
    // 玉 ends the first run but begins 玉碗 in the second: the pair stands for it.
    expect(caseSearchTerms('青玉，玉碗').split(' ')).toEqual(['青玉', '玉碗', '碗']);
    expect(caseSearchTerms('玉')).toBe('玉');
    expect(caseSearchTerms('')).toBe('');
  });

  it('asks for a lone character as a prefix, so it finds the pairs it begins', () => {
    expect(caseTsQuery(queryTerms('玉 jade'))).toBe("'玉':* & 'jade'");
    expect(caseTsQuery(queryTerms('双耳碗'))).toBe("'双耳' & '耳碗'");
  });
});
