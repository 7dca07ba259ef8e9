import { describe, expect, it } from 'vitest';
import { ticksOfStat } from '../../bench/cpu-meter.ts';
import { markdownTable, spreadConnections } from '../../bench/processes-scenario.ts';

// The `processes` bench (issue 18 item 8): how it spreads its clients and reads the CPU it reports.

describe('the processes bench', () => {
  it('spreads the clients round-robin over the processes, none lost', () => {
    expect(spreadConnections(16, 1)).toEqual([16]);
    expect(spreadConnections(16, 2)).toEqual([8, 8]);
    expect(spreadConnections(16, 3)).toEqual([6, 5, 5]);
  });

  it('reads utime + stime from /proc/<pid>/stat, also when the command name holds spaces and parentheses', () => {
    const rest = 'S 1 2 3 0 -1 4194304 125 0 0 0 1234 56 0 0 20 0 1 0 227493 3133440 381';
    expect(ticksOfStat(`4242 (node) ${rest}`)).toBe(1290);
    expect(ticksOfStat(`4242 (postgres: a (b) c) ${rest}`)).toBe(1290);
  });

  it('prints a markdown table with the CPU each request cost in Tessera and PostgreSQL', () => {
    const load = { requests: 3000, rps: 200, p50: 12.3, p99: 45.6, non2xx: 1, errors: 2, timeouts: 0 };
    const cpu = { tessera: 0.5, postgres: 0.25, client: 0.1, machineBusy: 1.5, cores: 2, commitsPerSecond: 199.6 };
    const table = markdownTable([{ processes: 2, workload: 'list', load, cpu }], 2).split('\n');
    expect(table).toHaveLength(3);
    const header = table[0].split('|').map((c) => c.trim()).filter(Boolean);
    const row = table[2].split('|').map((c) => c.trim()).filter(Boolean);
    expect(row).toHaveLength(header.length);
    const cell = (name: string) => row[header.indexOf(name)];
    expect(cell('processes')).toBe('2');
    expect(cell('req/s')).toBe('200');
    expect(cell('failed')).toBe('3');
    expect(cell('other work\'s CPU')).toBe('0.65');
    expect(cell('machine busy (of 2)')).toBe('1.50');
    expect(cell('commits/s')).toBe('200');
    expect(cell('CPU ms per request (Tessera + PostgreSQL)')).toBe('2.50 + 1.25');
  });
});
