import { describe, expect, it } from 'vitest';
import { formatZoned, parseIsoDate, ZonedClock } from '../../src/modules/cases/import/dates.ts';
import { caseStatusOf, partyStatusOf, searchTermsSql } from '../../src/modules/cases/import/index.ts';
import { caseTermsSql, caseTermsVector, searchTermList, searchTermsVector } from '../../src/modules/cases/import/search-terms.ts';
import { Spool } from '../../src/modules/cases/import/spool.ts';
import { PROPERTY_KINDS, PROPERTY_UNITS } from '../../src/modules/cases/schema.ts';
import { caseSearchTerms, searchTerms } from '../../src/modules/cases/search-terms.ts';
import { UNITS_BY_KIND } from '../../src/modules/cases/vocabulary.ts';

describe('import dates', () => {
  const shanghai = new ZonedClock('Asia/Shanghai');
  const iso = (text: string, clock = shanghai) => {
    const at = parseIsoDate(text, clock);
    return at === undefined ? undefined : new Date(at).toISOString();
  };

  it('reads dates, date-times and offsets; no offset means the zone given (Shanghai by default)', () => {
    expect(iso('2020-06-03')).toBe('2020-06-02T16:00:00.000Z');
    expect(iso('2020-06-03T14:00')).toBe('2020-06-03T06:00:00.000Z');
    expect(iso('2020-06-03 14:00:05.250')).toBe('2020-06-03T06:00:05.250Z');
    expect(iso('2020-06-03T14:00Z')).toBe('2020-06-03T14:00:00.000Z');
    expect(iso('2020-06-03T14:00+0530')).toBe('2020-06-03T08:30:00.000Z');
    expect(iso('2020-06-03T14:00:00-05:00')).toBe('2020-06-03T19:00:00.000Z');
  });

  it('follows daylight saving in zones that have it', () => {
    const chicago = new ZonedClock('America/Chicago');
    expect(iso('2016-01-01T00:20', chicago)).toBe('2016-01-01T06:20:00.000Z');
    expect(iso('2016-07-01T00:20', chicago)).toBe('2016-07-01T05:20:00.000Z');
    // 13 March 2016: clocks went from 02:00 CST to 03:00 CDT.
    expect(iso('2016-03-13T01:30', chicago)).toBe('2016-03-13T07:30:00.000Z');
    expect(iso('2016-03-13T03:30', chicago)).toBe('2016-03-13T08:30:00.000Z');
    expect(formatZoned(Date.parse('2016-07-01T05:20:00Z'), chicago)).toBe('2016-07-01T00:20:00-05:00');
    expect(formatZoned(Date.parse('2020-06-03T06:00:00Z'), shanghai)).toBe('2020-06-03T14:00:00+08:00');
  });

  it('refuses what is not an ISO 8601 date or does not exist', () => {
    for (const bad of [
      '2020/06/03',
      '03.06.2020',
      '2020-6-3',
      '2020-02-30',
      '2021-02-29',
      '2020-13-01',
      '2020-06-03T24:00',
      '2020-06-03T14:00+19:00',
      'yesterday',
      '20200603',
    ]) {
      expect(iso(bad), bad).toBeUndefined();
    }
    expect(iso('2020-02-29')).toBe('2020-02-28T16:00:00.000Z');
  });
});

describe('derived statuses, units and search terms', () => {
  it('derives a case status from its dates', () => {
    expect(caseStatusOf({ filed: null, solved: null, prosecuted: null, closed: null })).toBe('reported');
    expect(caseStatusOf({ filed: 1, solved: null, prosecuted: null, closed: null })).toBe('filed');
    expect(caseStatusOf({ filed: 1, solved: 2, prosecuted: null, closed: null })).toBe('solved');
    expect(caseStatusOf({ filed: 1, solved: 2, prosecuted: 3, closed: null })).toBe('prosecuted');
    expect(caseStatusOf({ filed: 1, solved: 2, prosecuted: 3, closed: 4 })).toBe('closed');
    expect(caseStatusOf({ filed: 1, solved: null, prosecuted: null, closed: null, dismissed: 2 })).toBe('dismissed');
  });

  it('derives a party status: prosecuted, arrested (or captured), other suspects at large, victims and witnesses none', () => {
    expect(partyStatusOf('suspect', { arrested: 1, prosecuted: 2, captured: null })).toBe('prosecuted');
    expect(partyStatusOf('suspect', { arrested: 1, prosecuted: null, captured: null })).toBe('arrested');
    expect(partyStatusOf('suspect', { arrested: null, prosecuted: null, captured: 1 })).toBe('arrested');
    expect(partyStatusOf('suspect', { arrested: null, prosecuted: null, captured: null })).toBe('at_large');
    expect(partyStatusOf('victim', { arrested: null, prosecuted: null, captured: null })).toBe('none');
    expect(partyStatusOf('witness', { arrested: null, prosecuted: null, captured: null })).toBe('none');
  });

  it('has units for every kind, each a known unit, and any unit for other', () => {
    expect(Object.keys(UNITS_BY_KIND).sort()).toEqual([...PROPERTY_KINDS].sort());
    for (const units of Object.values(UNITS_BY_KIND)) for (const unit of units) expect(PROPERTY_UNITS).toContain(unit);
    expect([...UNITS_BY_KIND.other].sort()).toEqual([...PROPERTY_UNITS].sort());
    expect(UNITS_BY_KIND.cultural_relic).toEqual(['piece', 'set']);
  });

  it('indexes Latin words lower-cased and CJK characters and bigrams, as hand-entered cases are', () => {
    expect(searchTermsSql('青玉双耳碗 Stolen BOWL 2020')).toBe('青 青玉 玉 玉双 双 双耳 耳 耳碗 碗 stolen bowl 2020');
    expect(searchTermsVector('青玉 Bowl')).toBe('青:1 青玉:2 玉:3 bowl:4');
    expect(searchTermsVector('Café')).toBeNull();
    // A case's terms: pairs, and a character only where it begins no pair (碗 ends the run; 玉 begins 玉双).
    expect(caseTermsSql('青玉双耳碗 Stolen BOWL 2020')).toBe('青玉 玉双 双耳 耳碗 碗 stolen bowl 2020');
    expect(caseTermsVector('青玉 Bowl 玉')).toBe('青玉 玉 bowl');
    expect(caseTermsVector('玉青玉 Bowl')).toBe('玉青 青玉 bowl');
    expect(caseTermsVector('Café')).toBeNull();
    // The one-pass term list agrees with the cases module's rule on any text.
    const alphabet = ['a', 'B', '1', ' ', '中', '文', '，', '\u{20000}', 'é', '-', '\n', 'ア', '가', '\uD800', '①', 'Z'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const samples = ['盗掘古墓葬案，涉案文物 12 件', 'abc中文 中文abc HZ103159', '', ' 𠀀𠀁 中𠀀文 ', 'ＡＢＣ１２３ 全角'];
    for (let k = 0; k < 3000; k++)
      samples.push(Array.from({ length: Math.floor(next() * 24) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''));
    // Long texts (a summary): many distinct pairs, repeats far apart.
    const hanzi = '盗掘古墓葬案涉文物青玉双耳碗铜器';
    for (let k = 0; k < 20; k++)
      samples.push(
        Array.from({ length: 200 + Math.floor(next() * 400) }, () =>
          next() < 0.9 ? hanzi[Math.floor(next() * hanzi.length)] : alphabet[Math.floor(next() * alphabet.length)],
        ).join(''),
      );
    for (const text of samples) {
      expect(searchTermsSql(text), text).toBe(searchTerms(text));
      expect(searchTermList(text).terms.join(' '), text).toBe(searchTerms(text));
      expect(caseTermsSql(text), text).toBe(caseSearchTerms(text));
      expect(searchTermList(text, true).terms.join(' '), text).toBe(caseSearchTerms(text));
    }
  });
});

describe('spool of validated chunks', () => {
  it('keeps chunks in memory up to its limit, then in a temporary file, and gives them back in order', async () => {
    const spool = new Spool(50);
    const chunks = Array.from({ length: 6 }, (_, i) => JSON.stringify([{ n: i, text: '中文\n"quoted"'.repeat(i * 300) }]));
    for (const [i, json] of chunks.entries()) await spool.add(json, i + 1);
    const back = [];
    for await (const chunk of spool.read()) back.push(chunk);
    expect(back).toEqual(chunks.map((json, i) => ({ json, rows: i + 1 })));
    spool.close();
  });
});
