import { stringify } from 'csv-stringify/sync';

/** What a cell may hold; null and undefined are an empty cell. */
export type CsvValue = string | number | boolean | null | undefined;

/** A spreadsheet runs a cell starting with one of these as a formula or a DDE call (OWASP, CSV injection). */
const formulaStart = /^[=+\-@\t\r\n]/;

/** A cell's text, neutralised: a leading apostrophe makes a would-be formula text, as spreadsheets show it. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  // A number or a boolean we wrote is never a formula (-5 stays a number); only text can be one.
  if (typeof value !== 'string') return String(value);
  return formulaStart.test(value) ? `'${value}` : value;
}

/**
 * The one CSV writer, for every export: a header row, then one row per record, every cell
 * neutralised and quoted where CSV needs it, with a byte-order mark so that a spreadsheet opens
 * the UTF-8 (organisations' accented names) as UTF-8.
 */
export function toCsv(columns: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return stringify([columns, ...rows].map((row) => row.map(csvCell)), { bom: true });
}

/** An export's answer: the CSV and the headers that make a browser save it as `{name}.csv`. */
export function csvFile(name: string, columns: readonly string[], rows: readonly (readonly CsvValue[])[]): { text: string; headers: Record<string, string> } {
  return {
    text: toCsv(columns, rows),
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name.replace(/[^\w.-]/g, '_')}.csv"` },
  };
}
