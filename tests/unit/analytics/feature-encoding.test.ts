import { describe, expect, it } from 'vitest';
import { MISSING_CODE, binaryTarget, binOf, encodeRows, fitEncodings, quantileCuts, roundestBetween } from '../../../plugins/analytics/src/engine/index.ts';

describe('roundestBetween', () => {
  it('takes the number with the fewest digits above the lower value and up to the upper one', () => {
    expect(roundestBetween(25, 26)).toBe(26);
    expect(roundestBetween(1793.2, 1801.7)).toBe(1800);
    expect(roundestBetween(0.12, 0.19)).toBe(0.19);
    expect(roundestBetween(0.12, 0.31)).toBe(0.3);
    expect(roundestBetween(-5, 3)).toBe(0);
    expect(roundestBetween(-20.5, -20.25)).toBe(-20.3);
  });
});

describe('quantileCuts', () => {
  it('gives every distinct value its own bin when there are few', () => {
    expect(quantileCuts(Float64Array.from([1, 1, 2, 5, 5, 5, 9]), 255)).toEqual([2, 5, 9]);
  });

  it('makes at most maxBins bins of about equal size, in original units', () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => i + 0.5);
    const cuts = quantileCuts(values, 10);
    expect(cuts).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900]);
    expect(binOf(99.5, cuts)).toBe(0);
    expect(binOf(100.5, cuts)).toBe(1);
    expect(binOf(5000, cuts)).toBe(9);
  });

  it('never splits a run of equal values', () => {
    const values = Float64Array.from([...new Array(90).fill(0), ...Array.from({ length: 10 }, (_, i) => i + 1)]);
    const cuts = quantileCuts(values, 4);
    expect(cuts[0]).toBe(1);
    expect(cuts.length).toBeLessThanOrEqual(3);
    expect(binOf(0, cuts)).toBe(0);
  });
});

describe('fitEncodings and encodeRows', () => {
  const rows = [
    { age: 20, wap: true, region: 'north', spend: '120.5' },
    { age: 30, wap: false, region: 'south', spend: null },
    { age: 30, wap: null, region: 'north', spend: 80 },
    { age: null, wap: true, region: '', spend: 99 },
  ];
  const encodings = fitEncodings(rows, [
    { name: 'age', kind: 'numeric' },
    { name: 'wap', kind: 'boolean' },
    { name: 'region', kind: 'categorical' },
    { name: 'spend', kind: 'numeric' },
  ]);

  it('learns cuts for numbers, no/yes(/missing) for booleans, categories by frequency', () => {
    expect(encodings[0]).toMatchObject({ kind: 'numeric', cuts: [30], hadMissing: true });
    expect(encodings[1]).toMatchObject({ kind: 'boolean', categories: [false, true, null] });
    expect(encodings[2]).toMatchObject({ kind: 'categorical', categories: ['north', null, 'south'] });
    expect(encodings[3]).toMatchObject({ kind: 'numeric', cuts: [90, 100], hadMissing: true });
  });

  it('encodes rows column by column, missing numbers as the missing code, numeric strings as numbers', () => {
    const data = encodeRows(rows, encodings);
    expect(data.rowCount).toBe(4);
    expect([...data.columns[0].codes]).toEqual([0, 1, 1, MISSING_CODE]);
    expect([...data.columns[1].codes]).toEqual([1, 0, 2, 1]);
    expect([...data.columns[2].codes]).toEqual([0, 2, 0, 1]);
    expect([...data.columns[3].codes]).toEqual([2, MISSING_CODE, 0, 1]);
    expect([...data.columns[3].values!]).toEqual([120.5, NaN, 80, 99]);
  });

  it('gives a category never seen in training the code no split sends left', () => {
    const data = encodeRows([{ age: 99, wap: 'maybe', region: 'mars', spend: 1 }], encodings);
    expect(data.columns[0].codes[0]).toBe(1);
    expect(data.columns[1].codes[0]).toBe(2);
    expect(data.columns[2].codes[0]).toBe(MISSING_CODE);
  });

  it('keeps the most frequent categories and puts the rarest together as other', () => {
    // Cities c0..c252 twice, c253..c299 once.
    const many = Array.from({ length: 553 }, (_, i) => ({ city: `c${i < 300 ? i : i - 300}` }));
    const [city] = fitEncodings(many, [{ name: 'city', kind: 'categorical' }]);
    if (city.kind === 'numeric') throw new Error('expected a categorical encoding');
    expect(city.categories.length).toBe(254);
    expect(city.categories.at(-1)).toEqual({ other: true });
    expect(encodeRows([{ city: 'c299' }, { city: 'unknown' }], [city]).columns[0].codes).toEqual(Uint8Array.from([253, 253]));
  });
});

describe('binaryTarget', () => {
  it('is 1 where the field holds the positive value', () => {
    expect([...binaryTarget([{ churn: true }, { churn: false }, { churn: true }], 'churn')]).toEqual([1, 0, 1]);
    expect([...binaryTarget([{ status: 'lost' }, { status: 'won' }], 'status', 'lost')]).toEqual([1, 0]);
  });

  it('refuses a row without a target', () => {
    expect(() => binaryTarget([{ churn: true }, { churn: null }], 'churn')).toThrow(/row 1/);
  });
});
