import cronParser from 'cron-parser';

/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week, UTC), read by
 * `cron-parser`, the parser the job queue (pg-boss) uses for its own schedules: numbers, names
 * (`MON`, `JAN`), `*`, ranges, steps and lists; day-of-week 0–7 with 0 and 7 both Sunday.
 */
const FIELD_NAMES = ['minute', 'hour', 'day of month', 'month', 'day of week'] as const;

const fieldsOf = (expression: string) => expression.trim().split(/\s+/);

function parses(expression: string): boolean {
  try {
    cronParser.parseExpression(expression, { utc: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Null for a valid schedule; else what to check: `fields` when there are not five, or the name of
 * the first field that is not valid on its own (a day of month no month has, such as `31 2`, is
 * the day of month's).
 */
export function cronProblem(expression: string): string | null {
  const fields = fieldsOf(expression);
  if (fields.length !== 5) return 'fields';
  if (parses(fields.join(' '))) return null;
  const wrong = fields.findIndex((field, i) => !parses(fields.map((other, j) => (j === i ? field : '*')).join(' ')));
  return FIELD_NAMES[wrong === -1 ? 2 : wrong];
}

/**
 * Whether a valid schedule runs in the UTC minute of `at`: its latest occurrence before the next
 * minute starts falls in this one.
 */
export function cronDue(expression: string, at: Date): boolean {
  if (cronProblem(expression) !== null) return false;
  const minute = Math.floor(at.getTime() / 60_000) * 60_000;
  const previous = cronParser.parseExpression(fieldsOf(expression).join(' '), { utc: true, currentDate: new Date(minute + 60_000) }).prev();
  return previous.getTime() === minute;
}
