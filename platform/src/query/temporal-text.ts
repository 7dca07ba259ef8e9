const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2})(?::?(\d{2})(?::?(\d{2}))?)?)?$/i;

function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(2000, month, 0)).getUTCDate();
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 ? (leap ? 29 : 28) : days);
}

/** 'YYYY-MM-DD' naming a day that exists. */
export function isDateText(value: string): boolean {
  const m = DATE.exec(value);
  return !!m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * An ISO-8601 date-time ('2024-05-01T09:30:00Z', offsets and fractions allowed); PostgreSQL's own
 * output ('2024-05-01 09:30:00.123456+00') fits too.
 */
export function isDateTimeText(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59) return false;
  return Number(m[8] ?? 0) <= 15 && Number(m[9] ?? 0) <= 59 && Number(m[10] ?? 0) <= 59;
}
