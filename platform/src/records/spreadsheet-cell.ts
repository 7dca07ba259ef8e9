/** Text a spreadsheet program would run as a formula (or a DDE command) when the cell is opened. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises spreadsheet formula injection in an exported cell (OWASP "CSV injection"): a string
 * that starts with = + - @, a tab or a carriage return gets a leading single quote, so CSV and XLSX
 * readers show it as text. Numbers, booleans and null pass unchanged (a negative number stays a number).
 */
export function spreadsheetCell<T>(value: T): T | string {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}
