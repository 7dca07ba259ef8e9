import { describe, expect, it } from 'vitest';
import { gridLayout } from '../../../plugins/reporting/src/dashboard-routes.ts';

describe('gridLayout', () => {
  it('flows widgets left to right and wraps by their widths, each row as tall as its tallest', () => {
    expect(gridLayout([{ report: 'a', w: 6 }, { report: 'b', w: 6, h: 5 }, { report: 'c', w: 4 }, { report: 'd', w: 12 }], 12)).toEqual([
      { x: 0, y: 0, w: 6, h: 4 },
      { x: 6, y: 0, w: 6, h: 5 },
      { x: 0, y: 5, w: 4, h: 4 },
      { x: 0, y: 9, w: 12, h: 4 },
    ]);
  });

  it('keeps placed widgets where they are and flows the others below them', () => {
    expect(gridLayout([{ report: 'a', x: 0, y: 0, w: 12, h: 3 }, { report: 'b' }, { report: 'c' }], 12)).toEqual([
      { x: 0, y: 0, w: 12, h: 3 },
      { x: 0, y: 3, w: 6, h: 4 },
      { x: 6, y: 3, w: 6, h: 4 },
    ]);
  });

  it('never lets a widget be wider than the grid or stick out of it', () => {
    expect(gridLayout([{ report: 'a', w: 20 }, { report: 'b', x: 10, y: 0, w: 6 }], 12)).toEqual([
      { x: 0, y: 4, w: 12, h: 4 },
      { x: 6, y: 0, w: 6, h: 4 },
    ]);
  });
});
