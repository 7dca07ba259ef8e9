import { describe, expect, it } from 'vitest';
import { trackRecord } from '../../../plugins/analytics/src/predictions/track-record.ts';
import { runChanges } from '../../../plugins/analytics/src/runs/run-changes.ts';
import { inPieces } from '../../../plugins/analytics/src/runs/pieces.ts';

describe('runChanges', () => {
  it('lists the records that moved group, and counts those that came and went', () => {
    const previous = new Map([['1', 'loyal'], ['2', 'lost'], ['3', 'new']]);
    const records = [{ id: '1', title: 'A', group: 'at_risk' }, { id: '2', title: 'B', group: 'lost' }, { id: '4', title: null, group: 'new' }];
    expect(runChanges(previous, records, '9')).toEqual({ previousRun: '9', moved: [{ id: '1', title: 'A', from: 'loyal', to: 'at_risk' }], movedCount: 1, entered: 1, left: 1 });
    expect(runChanges(undefined, records, null)).toBeNull();
  });
});

describe('inPieces', () => {
  it('cuts a list into pieces whose JSON stays under the limit, in order, never splitting an item', () => {
    const items = Array.from({ length: 10 }, (_, i) => `item-${i}`);
    const pieces = [...inPieces(items, 40)];
    expect(pieces.flat()).toEqual(items);
    for (const piece of pieces) expect(JSON.stringify(piece).length).toBeLessThanOrEqual(40);
    expect([...inPieces([], 40)]).toEqual([]);
  });
});

describe('trackRecord', () => {
  it('judges the earlier predictions of records not yet yes when scored, whose outcome is known now', () => {
    const scoring = { modelVersion: 1, items: [['1', 0.9, 0], ['2', 0.8, 0], ['3', 0.1, 0], ['4', 0.2, null], ['5', 0.7, 1], ['6', 0.5, 0]] as [string, number, 0 | 1 | null][] };
    // 5 was yes already; 6 is no longer in scope (no outcome now).
    const now = new Map<string, 0 | 1 | null>([['1', 1], ['2', 0], ['3', 0], ['4', 1], ['5', 1]]);
    const [record] = trackRecord([scoring], now);
    expect(record).toMatchObject({ modelVersion: 1, predictions: 6, judged: 4, becameYes: 2, precisionTopDecile: 1 });
    expect(record.calibration.map((b) => [b.from, b.rows, b.observedRate])).toEqual([[0.1, 1, 0], [0.2, 1, 1], [0.8, 1, 0], [0.9, 1, 1]]);
  });
});
