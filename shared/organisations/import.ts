import { CsvError, parse } from 'csv-parse/sync';
import * as z from 'zod';
import type { Actor } from '#shared/audit/audit.ts';
import { PayloadTooLargeError, ValidationError, type FieldProblem } from '#shared/errors.ts';
import { CountryCode } from '#shared/member-states/schemas.ts';
import { notInRegistryMessage, registryCodesAmong } from '#shared/member-states/store.ts';
import { Accreditation, NewOrganisation, OrganisationList, organisationMatchKey, type ImportReport, type RejectedRow } from '#shared/organisations/schemas.ts';
import * as store from '#shared/organisations/store.ts';

export { ImportReport, OrganisationList, RejectedRow } from '#shared/organisations/schemas.ts';

export const maxImportRows = 20_000;
/** How many organisations are written at once: enough to import a large list within the Lambda's time, few enough not to throttle. */
const writeConcurrency = 16;

const cell = z.string();
const rowColumns = {
  // Runs of spaces and line breaks inside a name become one space, so the stored name reads on one line.
  name: cell.transform((name) => name.replace(/\s+/g, ' ')).pipe(NewOrganisation.shape.name),
  country: cell.trim().toUpperCase().pipe(CountryCode),
  website: cell.trim().transform((website) => website || null).pipe(NewOrganisation.shape.website.unwrap()).optional(),
};
const optionalColumns = new Set(['website']);
const ecosocRow = z.object({ ...rowColumns, status: cell.trim().toLowerCase().pipe(Accreditation.options[0].shape.ecosocStatus) });
const nhriRow = z.object(rowColumns);

/** Each list: the columns its header names (any order, any case; an optional one may be left out), and what a row says. */
const lists: Record<OrganisationList, { columns: string[]; row: z.ZodType<store.ListedOrganisation> }> = {
  ecosoc: {
    columns: Object.keys(ecosocRow.shape),
    // 'ngo' is for a new organisation only: one known already keeps its type.
    row: ecosocRow.transform(({ name, country, website, status }): store.ListedOrganisation => ({
      name,
      country,
      website: website ?? null,
      type: 'ngo',
      accreditation: { basis: 'ecosoc-consultative-status', ecosocStatus: status },
    })),
  },
  nhri: {
    columns: Object.keys(nhriRow.shape),
    row: nhriRow.transform(({ name, country, website }): store.ListedOrganisation => ({
      name,
      country,
      website: website ?? null,
      type: 'nhri',
      accreditation: { basis: 'nhri', parisPrinciplesStatus: 'A' },
    })),
  },
};

/** A row kept: the organisation as the list gives it, and where it is in the file. */
export interface ListedRow {
  line: number;
  matchKey: string;
  organisation: store.ListedOrganisation;
}

/**
 * Reads a list's CSV: a header row naming the columns (any order, any case), then one organisation
 * a row. Rows that break a rule are returned as rejected, with their line and column; the others
 * are kept. A header that does not fit the list, or a file that is not CSV, refuses the whole file.
 */
export function parseOrganisationList(list: OrganisationList, csv: string): { rows: ListedRow[]; rejected: RejectedRow[] } {
  const records = readRecords(csv);
  const [header, ...body] = records;
  if (!header) throw new ValidationError('The file is empty: it needs a header row and one row per organisation', { fields: [{ field: 'body', message: 'is empty' }] });
  if (body.length > maxImportRows) {
    throw new PayloadTooLargeError(`The file has ${body.length} rows; at most ${maxImportRows} are imported at once. Split it and import each part.`);
  }
  const columns = checkHeader(list, header.cells);

  const rows: ListedRow[] = [];
  const rejected: RejectedRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { line, cells } of body) {
    if (cells.length > columns.length) {
      rejected.push({ line, field: 'row', message: `has ${cells.length} values; the header names ${columns.length} columns` });
      continue;
    }
    const values = Object.fromEntries(columns.map((column, index) => [column, cells[index] ?? '']));
    const parsed = lists[list].row.safeParse(values);
    if (!parsed.success) {
      const problems = cellProblems(parsed.error.issues, values).sort((a, b) => columns.indexOf(a.field) - columns.indexOf(b.field));
      rejected.push(...problems.map((problem) => ({ line, ...problem })));
      continue;
    }
    const organisation = parsed.data;
    const matchKey = organisationMatchKey(organisation.name, organisation.country);
    const first = firstLineOf.get(matchKey);
    if (first !== undefined) {
      rejected.push({ line, field: 'name', message: `repeats line ${first}: the same organisation (name and country) is listed twice` });
      continue;
    }
    firstLineOf.set(matchKey, line);
    rows.push({ line, matchKey, organisation });
  }
  return { rows, rejected };
}

/** The records of the file with the line each starts on (header = line 1); blank lines are skipped. */
function readRecords(csv: string): { line: number; cells: string[] }[] {
  let lastRecordEnd = 0;
  try {
    const parsed = parse(csv, {
      bom: true,
      // With info: true each record comes with where it was read; csv-parse's types do not say so.
      info: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      relax_quotes: true,
      on_record: (record, context) => {
        lastRecordEnd = context.lines;
        return record;
      },
    }) as unknown as { record: string[]; info: { lines: number } }[];
    // info.lines is the line a record ends on; a quoted value may span lines.
    return parsed.map(({ record, info }) => ({ line: info.lines - record.reduce((breaks, value) => breaks + (value.match(/\r\n|\r|\n/g)?.length ?? 0), 0), cells: record }));
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // csv-parse counts to where it stopped, which for a quote never closed is the end of the file: name where the bad record starts.
    const lines = csv.split(/\r\n|\r|\n/);
    let line = lastRecordEnd + 1;
    while (line < lines.length && lines[line - 1]?.trim() === '') line += 1;
    throw new ValidationError(`The file is not valid CSV from line ${line}: ${error.message}. Nothing was imported.`, {
      fields: [{ field: 'body', message: `is not valid CSV at line ${line}` }],
    });
  }
}

/** The header's column names, lower-cased, in file order; refuses a missing, unknown or repeated column. */
function checkHeader(list: OrganisationList, header: string[]): string[] {
  const columns = header.map((name) => name.trim().toLowerCase());
  const known = lists[list].columns;
  const problems: FieldProblem[] = [
    ...known.filter((column) => !optionalColumns.has(column) && !columns.includes(column)).map((column) => ({ field: 'body.header', message: `is missing the column '${column}'` })),
    ...columns.filter((column) => !known.includes(column)).map((column) => ({ field: 'body.header', message: column ? `has the unknown column '${column}'` : 'has a column without a name' })),
    ...columns.filter((column, index) => known.includes(column) && columns.indexOf(column) !== index).map((column) => ({ field: 'body.header', message: `names the column '${column}' twice` })),
  ];
  if (problems.length > 0) {
    const expected = known.map((column) => (optionalColumns.has(column) ? `[${column}]` : column)).join(',');
    throw new ValidationError(`The header of the ${list} list must name the columns ${expected} (line 1): it ${problems.map((problem) => problem.message).join('; ')}`, { fields: problems });
  }
  return columns;
}

/** A row's problems by column: an empty cell says so, anything else says what the value should be. */
function cellProblems(issues: readonly z.core.$ZodIssue[], values: Record<string, string>): Omit<RejectedRow, 'line'>[] {
  return issues.map((issue) => {
    const field = String(issue.path[0] ?? 'row');
    return { field, message: values[field]?.trim() === '' ? 'is empty' : issue.message };
  });
}

export interface ImportContext {
  actor: Actor;
  now: Date;
}

/**
 * Imports a list: each kept row adds its organisation, or brings the accreditation of the one known
 * by that name and country up to date. Importing the same file again changes nothing. One audit entry
 * records the import. Rows are independent, so if the import stops half-way, importing again finishes it.
 */
export async function importOrganisationList(list: OrganisationList, csv: string, { actor, now }: ImportContext): Promise<ImportReport> {
  const parsed = parseOrganisationList(list, csv);
  // A country the registry does not hold would have no regional group: such a row is rejected like any other bad cell.
  const inRegistry = await registryCodesAmong(parsed.rows.map((row) => row.organisation.country));
  const rows = parsed.rows.filter((row) => inRegistry.has(row.organisation.country));
  const rejected = [...parsed.rejected, ...parsed.rows.filter((row) => !inRegistry.has(row.organisation.country)).map((row) => ({ line: row.line, field: 'country', message: notInRegistryMessage }))].sort((a, b) => a.line - b.line);
  const known = await store.findOrganisationsByMatchKeys(rows.map((row) => row.matchKey));
  const counts = { created: 0, updated: 0, unchanged: 0 };
  let next = 0;
  const worker = async () => {
    for (let row = rows[next++]; row; row = rows[next++]) {
      const { outcome } = await store.importOrganisation(row.organisation, { list, actor, at: now }, known.get(row.matchKey) ?? null);
      counts[outcome] += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(writeConcurrency, rows.length) }, worker));
  await store.recordListImport(list, { rows: rows.length + rejected.length, ...counts, rejected: rejected.length }, actor, now);
  return { ...counts, rejected };
}
