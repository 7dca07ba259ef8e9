import { describe, expect, it } from 'vitest';
import { escapeLike, searchLength, searchTerms } from '../../../platform/src/records/search-terms.ts';

describe('the global search query normaliser', () => {
  it('trims, collapses inner whitespace and folds full-width forms', () => {
    expect(searchTerms('  Acme   Trading ').text).toBe('Acme Trading');
    expect(searchTerms('ＡＣＭＥ　１３８').text).toBe('ACME 138');
  });

  it('escapes LIKE wildcards and the escape character', () => {
    expect(escapeLike('100%_a\\b')).toBe('100\\%\\_a\\\\b');
    expect(searchTerms('50%').pattern).toBe('%50\\%%');
  });

  it('keeps the digits of a phone-like query, and none of other text', () => {
    expect(searchTerms('+86 138-0013').digits).toBe('861380013');
    expect(searchTerms('(021) 5555').digitsPattern).toBe('%0215555%');
    expect(searchTerms('1380013').digits).toBe('1380013');
    expect(searchTerms('room 138').digits).toBeNull();
    expect(searchTerms('+ 1').digits).toBeNull();
    expect(searchTerms('渝通').digits).toBeNull();
  });

  it('counts characters, not UTF-16 units', () => {
    expect(searchLength('渝通')).toBe(2);
    expect(searchLength('𠀀a')).toBe(2);
  });
});
