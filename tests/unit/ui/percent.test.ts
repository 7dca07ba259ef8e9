import { describe, expect, it } from 'vitest';
import { formatPercent, fromPercent, percentBound, percentDigits, percentOrSame, toPercent } from '../../../ui/src/utils/percent.ts';
import { checkValue } from '../../../ui/src/utils/field-types.ts';

describe('percent fields in percent units', () => {
  it('turns stored fractions into percents and typed percents back into fractions, without binary noise', () => {
    expect(toPercent(0.3)).toBe(30);
    expect(toPercent(0.07)).toBe(7);
    expect(toPercent(0.125)).toBe(12.5);
    expect(toPercent(1)).toBe(100);
    expect(fromPercent(30)).toBe(0.3);
    expect(fromPercent(7)).toBe(0.07);
    expect(fromPercent(12.5)).toBe(0.125);
    expect(fromPercent(0.01)).toBe(0.0001);
    for (const p of [0, 1, 3, 14.29, 33.33, 57, 99.99, 100]) expect(toPercent(fromPercent(p))).toBe(p);
    expect(percentOrSame(0.2)).toBe(20);
    expect(percentOrSame('x')).toBe('x');
    expect(percentOrSame(null)).toBeNull();
  });

  it('shows two decimals of the percent unless the field\'s scale says otherwise', () => {
    expect(percentDigits({})).toBe(2);
    expect(percentDigits({ scale: 4 })).toBe(2);
    expect(percentDigits({ scale: 2 })).toBe(0);
    expect(formatPercent(0.3, 'en')).toBe('30 %');
    expect(formatPercent(0.12345, 'en')).toBe('12.35 %');
    expect(formatPercent(0.12345, 'en', 0)).toBe('12 %');
    expect(formatPercent(12.5, 'en')).toBe('1,250 %');
    expect(formatPercent(0.5, 'zh-CN')).toBe('50 %');
  });

  it('checks a percent against its bounds, which it names in percent', () => {
    const discount = { name: 'discount', type: 'percent' as const, min: 0, max: 1 };
    expect(checkValue(discount, 0.3)).toBeNull();
    expect(checkValue(discount, 1)).toBeNull();
    expect(checkValue(discount, 30)).toEqual({ key: 'validation.max', params: { n: '100 %' } });
    expect(checkValue(discount, -0.1)).toEqual({ key: 'validation.min', params: { n: '0 %' } });
    expect(checkValue({ name: 'amount', type: 'number', max: 5 }, 6)).toEqual({ key: 'validation.max', params: { n: 5 } });
  });

  it('says the server\'s bounds of a percent field in percent', () => {
    expect(percentBound('discount must be at most 1')).toBe('discount must be at most 100 %');
    expect(percentBound('discount must be at least 0.05')).toBe('discount must be at least 5 %');
    expect(percentBound('折扣：不能大于 1')).toBe('折扣：不能大于 100 %');
    expect(percentBound('discount must be a number')).toBe('discount must be a number');
  });
});
