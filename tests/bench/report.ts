export interface ReportRow {
  scenario: string;
  tessera: string;
  floor: string;
  ratio: string;
  target: string;
  /** undefined when the scenario errored or did not run. */
  pass: boolean | undefined;
  note?: string;
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - text.length));

export function formatTable(rows: readonly ReportRow[]): string {
  const header = ['scenario', 'tessera', 'floor', 'ratio', 'target', 'result'];
  const cells = rows.map((r) => [r.scenario, r.tessera, r.floor, r.ratio, r.target, r.pass === undefined ? 'ERROR' : r.pass ? 'pass' : 'FAIL']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((v, i) => pad(v, widths[i])).join('  ').trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const [i, c] of cells.entries()) {
    out.push(line(c));
    if (rows[i].note) out.push(`    ${rows[i].note}`);
  }
  return out.join('\n');
}

export const fmt = {
  rps: (n: number) => `${Math.round(n).toLocaleString('en-US')} req/s`,
  ms: (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`,
  ratio: (n: number) => `${n.toFixed(2)}x`,
  rows: (n: number) => `${Math.round(n).toLocaleString('en-US')} rows/s`,
};
