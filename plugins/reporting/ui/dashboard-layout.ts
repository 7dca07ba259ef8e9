// Where each widget of a dashboard sits on its grid. A widget may give its place (x, y) or only its
// size; those without a place flow left to right after the placed ones, a new row when the next one
// does not fit, so that a dashboard written with widths alone reads as it was meant to.

export interface WidgetPlace {
  x?: number;
  y?: number;
  w?: number;
  h?: number;
}

export interface Cell {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function dashboardLayout(widgets: WidgetPlace[], columns: number): Cell[] {
  const width = (w: WidgetPlace) => Math.max(1, Math.min(w.w ?? Math.floor(columns / 2), columns));
  const height = (w: WidgetPlace) => Math.max(1, w.h ?? 4);
  const placed = widgets.map((w) => (w.x !== undefined && w.y !== undefined ? { x: Math.min(w.x, columns - width(w)), y: w.y, w: width(w), h: height(w) } : null));
  let y = placed.reduce((bottom, c) => (c ? Math.max(bottom, c.y + c.h) : bottom), 0);
  let x = 0;
  let rowHeight = 0;
  return widgets.map((w, i) => {
    const own = placed[i];
    if (own) return own;
    const cell = { x, y, w: width(w), h: height(w) };
    if (x + cell.w > columns) {
      y += rowHeight;
      x = 0;
      rowHeight = 0;
      cell.x = 0;
      cell.y = y;
    }
    x = cell.x + cell.w;
    rowHeight = Math.max(rowHeight, cell.h);
    return cell;
  });
}
