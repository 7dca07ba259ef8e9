/** Dates of the demo data, written YYYY-MM-DD and counted in whole UTC days. */
export const DAY = 86_400_000;

export const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** Days from one date to another (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

/** 1 = Monday … 7 = Sunday (ISO). */
export const isoWeekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay() || 7;

/** A moment on a day, at a time of China's office hours (UTC+8), written as UTC. */
export const officeMoment = (date: string, hour: number, minute: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + ((hour - 8) * 60 + minute) * 60_000).toISOString();
