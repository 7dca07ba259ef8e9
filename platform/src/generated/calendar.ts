/* Generated from metadata/schemas/calendar.schema.json by platform/scripts/generate-types.ts. Do not edit. */

export type Name = string;
/**
 * A time of day, HH:MM (24:00 ends a day).
 */
export type Time = string;
/**
 * Working periods [start, end]; an end before the start runs overnight into the next day.
 *
 * @maxItems 10
 */
export type Hours = Time[][];
/**
 * A calendar date, YYYY-MM-DD.
 */
export type Day = string;

/**
 * A business-hours calendar: the working hours of each weekday in one time zone, holidays, and make-up working days. Workflow timeouts and SLAs count working time on it.
 */
export interface CalendarDefinition {
  name: Name;
  label?: LocalizedText;
  description?: string;
  /**
   * An IANA time zone such as Asia/Shanghai or Europe/Paris; hours and dates are read in it.
   */
  timezone: string;
  /**
   * Working hours per weekday; a day left out or empty has none.
   */
  week: {
    mon?: Hours;
    tue?: Hours;
    wed?: Hours;
    thu?: Hours;
    fri?: Hours;
    sat?: Hours;
    sun?: Hours;
  };
  /**
   * Days without working hours: a date, or a range of dates (both ends included) with an optional name.
   *
   * @maxItems 1000
   */
  holidays?: (
    | Day
    | {
        from: Day;
        to: Day;
        /**
         * What the holiday is called, as the administrator wrote it.
         */
        name?: string;
      }
  )[];
  /**
   * Make-up working days (a weekend day worked instead of a holiday): they have Monday's hours.
   *
   * @maxItems 1000
   */
  workdays?: Day[];
}
export interface LocalizedText {
  en?: string;
  'zh-CN'?: string;
}
