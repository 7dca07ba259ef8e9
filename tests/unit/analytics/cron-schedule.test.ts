import { describe, expect, it } from 'vitest';
import { cronDue, cronProblem } from '../../../plugins/analytics/src/schedule/cron-schedule.ts';

const at = (iso: string) => new Date(iso);

describe('the one-minute tick', () => {
  it('finds a schedule due in the UTC minutes it names, at any second of them', () => {
    expect(cronDue('* * * * *', at('2026-03-04T05:06:00Z'))).toBe(true);
    expect(cronDue('30 7 * * *', at('2026-03-04T07:30:00Z'))).toBe(true);
    expect(cronDue('30 7 * * *', at('2026-03-04T07:30:59.999Z'))).toBe(true);
    expect(cronDue('30 7 * * *', at('2026-03-04T07:29:59Z'))).toBe(false);
    expect(cronDue('30 7 * * *', at('2026-03-04T07:31:00Z'))).toBe(false);
    expect(cronDue('*/15 8-10 * * *', at('2026-03-04T09:45:00Z'))).toBe(true);
    expect(cronDue('*/15 8-10 * * *', at('2026-03-04T11:45:00Z'))).toBe(false);
    expect(cronDue('0 0 1,15 * *', at('2026-03-15T00:00:00Z'))).toBe(true);
    expect(cronDue('0 0 * 2 *', at('2026-03-15T00:00:00Z'))).toBe(false);
  });

  it('takes Sunday as 0 or 7, and either day field when both are restricted', () => {
    // 2026-03-01 is a Sunday.
    expect(cronDue('0 6 * * 7', at('2026-03-01T06:00:00Z'))).toBe(true);
    expect(cronDue('0 6 * * SUN', at('2026-03-01T06:00:00Z'))).toBe(true);
    expect(cronDue('0 6 * * 1-5', at('2026-03-01T06:00:00Z'))).toBe(false);
    expect(cronDue('0 6 13 * 0', at('2026-03-01T06:00:00Z'))).toBe(true);
    expect(cronDue('0 6 13 * 0', at('2026-03-13T06:00:00Z'))).toBe(true);
    expect(cronDue('0 6 13 * 0', at('2026-03-12T06:00:00Z'))).toBe(false);
  });

  it('runs no schedule that is not valid', () => {
    expect(cronDue('0 * * * * *', at('2026-03-04T05:00:00Z'))).toBe(false);
    expect(cronDue('60 * * * *', at('2026-03-04T05:00:00Z'))).toBe(false);
  });
});

describe('the schedule check', () => {
  it('accepts five fields the job queue reads', () => {
    for (const valid of ['* * * * *', ' 30 7 * * 1-5 ', '*/15 8-10 1,15 * *', '0 6 * JAN-MAR MON']) expect(cronProblem(valid), valid).toBeNull();
  });

  it('names the field that is not valid', () => {
    expect(cronProblem('every day')).toBe('fields');
    expect(cronProblem('0 0 * * * *')).toBe('fields');
    expect(cronProblem('60 * * * *')).toBe('minute');
    expect(cronProblem('0 7-3 * * *')).toBe('hour');
    expect(cronProblem('0 0 0 * *')).toBe('day of month');
    expect(cronProblem('0 0 * 1/0 *')).toBe('month');
    expect(cronProblem('0 0 * * 8')).toBe('day of week');
    expect(cronProblem('0 0 31 2 *')).toBe('day of month');
  });
});
