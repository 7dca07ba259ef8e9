import { describe, expect, it } from 'vitest';
import { dashboardLayout } from '../../../plugins/reporting/ui/dashboard-layout.ts';

// A dashboard's widgets on its grid: given places are kept, widgets with a size only flow into rows.

describe('dashboardLayout', () => {
  it('flows widgets given only a width into rows, a new row when the next does not fit', () => {
    expect(dashboardLayout([{ w: 6 }, { w: 6 }, { w: 4 }, { w: 4 }, { w: 4 }, { w: 12 }], 12)).toEqual([
      { x: 0, y: 0, w: 6, h: 4 },
      { x: 6, y: 0, w: 6, h: 4 },
      { x: 0, y: 4, w: 4, h: 4 },
      { x: 4, y: 4, w: 4, h: 4 },
      { x: 8, y: 4, w: 4, h: 4 },
      { x: 0, y: 8, w: 12, h: 4 },
    ]);
  });

  it('keeps given places, inside the grid, and flows the others below them', () => {
    expect(dashboardLayout([{ x: 8, y: 0, w: 6, h: 3 }, { w: 12, h: 2 }], 12)).toEqual([
      { x: 6, y: 0, w: 6, h: 3 },
      { x: 0, y: 3, w: 12, h: 2 },
    ]);
  });

  it('starts a row below the tallest widget of the row before, and narrows a widget wider than the grid', () => {
    expect(dashboardLayout([{ w: 4, h: 6 }, { w: 4, h: 2 }, { w: 8 }, { w: 30 }], 12)).toEqual([
      { x: 0, y: 0, w: 4, h: 6 },
      { x: 4, y: 0, w: 4, h: 2 },
      { x: 0, y: 6, w: 8, h: 4 },
      { x: 0, y: 10, w: 12, h: 4 },
    ]);
  });
});
