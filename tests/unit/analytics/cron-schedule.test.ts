import { describe, expect, it } from 'vitest';
import { cronMatches, parseCron, type CronSchedule } from '../../../plugins/analytics/src/schedule/cron-schedule.ts';

const schedule = (expression: string) => parseCron(expression) as CronSchedule;
const at = (iso: string) => new Date(iso);

describe('cron schedules', () => {
  it('match the UTC minutes they name', () => {
    expect(cronMatches(schedule('* * * * *'), at('2026-03-04T05:06:00Z'))).toBe(true);
    expect(cronMatches(schedule('30 7 * * *'), at('2026-03-04T07:30:59Z'))).toBe(true);
    expect(cronMatches(schedule('30 7 * * *'), at('2026-03-04T07:31:00Z'))).toBe(false);
    expect(cronMatches(schedule('*/15 8-10 * * *'), at('2026-03-04T09:45:00Z'))).toBe(true);
    expect(cronMatches(schedule('*/15 8-10 * * *'), at('2026-03-04T11:45:00Z'))).toBe(false);
    expect(cronMatches(schedule('0 0 1,15 * *'), at('2026-03-15T00:00:00Z'))).toBe(true);
    expect(cronMatches(schedule('0 0 * 2 *'), at('2026-03-15T00:00:00Z'))).toBe(false);
  });

  it('take Sunday as 0 or 7, and either day field when both are restricted', () => {
    // 2026-03-01 is a Sunday.
    expect(cronMatches(schedule('0 6 * * 7'), at('2026-03-01T06:00:00Z'))).toBe(true);
    expect(cronMatches(schedule('0 6 * * 1-5'), at('2026-03-01T06:00:00Z'))).toBe(false);
    expect(cronMatches(schedule('0 6 13 * 0'), at('2026-03-01T06:00:00Z'))).toBe(true);
    expect(cronMatches(schedule('0 6 13 * 0'), at('2026-03-13T06:00:00Z'))).toBe(true);
    expect(cronMatches(schedule('0 6 13 * 0'), at('2026-03-12T06:00:00Z'))).toBe(false);
  });

  it('name the field that is not valid', () => {
    expect(parseCron('every day')).toEqual({ invalid: 'fields' });
    expect(parseCron('60 * * * *')).toEqual({ invalid: 'minute' });
    expect(parseCron('0 7-3 * * *')).toEqual({ invalid: 'hour' });
    expect(parseCron('0 0 0 * *')).toEqual({ invalid: 'day of month' });
    expect(parseCron('0 0 * 1/0 *')).toEqual({ invalid: 'month' });
    expect(parseCron('0 0 * * MON')).toEqual({ invalid: 'day of week' });
  });
});
