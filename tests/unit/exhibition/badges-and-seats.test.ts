import { describe, expect, it } from 'vitest';
import { BADGE_CODE, newBadgeCode, normaliseBadgeCode } from '../../../plugins/exhibition/src/badge-code.ts';
import { freeSeats, pickSeat, rankInLine } from '../../../plugins/exhibition/src/forum-seats.ts';
import { badgeQrMatrix } from '../../../plugins/exhibition/src/badge-qr.ts';

describe('badge codes', () => {
  it('are 16 characters of Crockford base 32, 5 random bits each', () => {
    expect(newBadgeCode(() => new Uint8Array(16).fill(0))).toBe('0000000000000000');
    expect(newBadgeCode(() => Uint8Array.from({ length: 16 }, (_, i) => i * 2 + 1))).toBe('13579BDFHKNQSVXZ');
    expect(newBadgeCode(() => new Uint8Array(16).fill(255))).toBe('ZZZZZZZZZZZZZZZZ');
    const codes = new Set(Array.from({ length: 2000 }, () => newBadgeCode()));
    expect(codes.size).toBe(2000);
    expect([...codes].every((c) => BADGE_CODE.test(c))).toBe(true);
  });

  it('read back what a person types: case, spaces and dashes do not matter', () => {
    expect(normaliseBadgeCode(' 7k3m-9qx2 ab4c-de5f \n')).toBe('7K3M9QX2AB4CDE5F');
    expect(BADGE_CODE.test('ILOU000000000000')).toBe(false);
  });

  it('draw as a square QR matrix with the three finder patterns', () => {
    const matrix = badgeQrMatrix('7K3M9QX2AB4CDE5F');
    expect(matrix.length).toBe(21);
    expect(matrix.every((row) => row.length === 21)).toBe(true);
    const finder = (r: number, c: number) => matrix.slice(r, r + 7).map((row) => row.slice(c, c + 7).map(Number).join('')).join('/');
    const expected = '1111111/1000001/1011101/1011101/1011101/1000001/1111111';
    expect([finder(0, 0), finder(0, 14), finder(14, 0)]).toEqual([expected, expected, expected]);
  });
});

describe('forum seats', () => {
  it('lists the seats nobody holds and picks one of them', () => {
    expect(freeSeats(5, [2, 4])).toEqual([1, 3, 5]);
    expect(freeSeats(3, [1, 2, 3])).toEqual([]);
    expect(pickSeat([1, 3, 5], () => 0)).toBe(1);
    expect(pickSeat([1, 3, 5], () => 0.99)).toBe(5);
    expect(pickSeat([1, 3, 5], () => 1)).toBe(5);
    expect(pickSeat([], () => 0.5)).toBeNull();
  });

  it('counts a waiting registration\'s place among those still waiting', () => {
    expect(rankInLine(7, [3, 7, 9])).toBe(2);
    expect(rankInLine(3, [3, 7, 9])).toBe(1);
    expect(rankInLine(9, [9])).toBe(1);
  });
});
