import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { PayloadTooLargeError, ValidationError } from '#shared/errors.ts';
import { importOrganisationList, parseOrganisationList } from '#shared/organisations/import.ts';
import { organisationMatchKey, type Organisation } from '#shared/organisations/schemas.ts';
import { organisationItem } from '#shared/organisations/store.ts';

const documentClient = mockClient(DynamoDBDocumentClient);
const actor = { id: 'staff@opga.example.org', role: 'admin' };
const now = new Date('2017-03-20T09:00:00Z');
const csv = (...lines: string[]) => lines.join('\n');

beforeEach(() => documentClient.reset());

describe('reading the ECOSOC list', () => {
  it('keeps good rows with their line, upper-cases the country, reads the status in any case, and makes new ones NGOs', () => {
    // Prepare
    const file = csv('name,country,status,website', 'Scalabrini International Migration Network,usa,Special,https://simn-global.org', 'Migrant Forum in Asia,PHL,GENERAL,');
    // Act
    const { rows, rejected } = parseOrganisationList('ecosoc', file);
    // Assess
    expect(rejected).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        matchKey: organisationMatchKey('Scalabrini International Migration Network', 'USA'),
        organisation: {
          name: 'Scalabrini International Migration Network',
          country: 'USA',
          website: 'https://simn-global.org',
          type: 'ngo',
          accreditation: { basis: 'ecosoc-consultative-status', ecosocStatus: 'special' },
        },
      },
      expect.objectContaining({ line: 3, organisation: expect.objectContaining({ country: 'PHL', website: null, accreditation: { basis: 'ecosoc-consultative-status', ecosocStatus: 'general' } }) }),
    ]);
  });

  it('reports each bad row by its line and column, and keeps the rest', () => {
    const file = csv(
      'name,country,status',
      'Good One,MEX,roster',
      'Bad Status,MEX,consultative',
      ',FRA,special',
      'Bad Country,Mexico,general',
      'Good Two,FRA,special',
    );
    const { rows, rejected } = parseOrganisationList('ecosoc', file);
    expect(rows.map((row) => [row.line, row.organisation.name])).toEqual([[2, 'Good One'], [6, 'Good Two']]);
    expect(rejected).toEqual([
      { line: 3, field: 'status', message: expect.stringMatching(/general.*special.*roster/) },
      { line: 4, field: 'name', message: 'is empty' },
      { line: 5, field: 'country', message: expect.stringMatching(/alpha-3/) },
    ]);
  });

  it('names every bad column of a row, in the order of the header', () => {
    const { rejected } = parseOrganisationList('ecosoc', csv('website,name,country,status', 'ftp://example.org,X,12,none'));
    expect(rejected.map((problem) => [problem.line, problem.field])).toEqual([[2, 'website'], [2, 'name'], [2, 'country'], [2, 'status']]);
  });

  it('refuses a row with more values than the header has columns, as a whole row', () => {
    const { rows, rejected } = parseOrganisationList('ecosoc', csv('name,country,status', 'Caritas Internationalis,VAT,general,extra'));
    expect(rows).toEqual([]);
    expect(rejected).toEqual([{ line: 2, field: 'row', message: 'has 4 values; the header names 3 columns' }]);
  });

  it('reports the later of two rows for the same organisation as a duplicate, even written differently', () => {
    const file = csv('name,country,status', 'Fundación Sur,ARG,special', 'Other,BRA,roster', 'FUNDACION SUR.,arg,general');
    const { rows, rejected } = parseOrganisationList('ecosoc', file);
    expect(rows.map((row) => row.line)).toEqual([2, 3]);
    expect(rejected).toEqual([{ line: 4, field: 'name', message: expect.stringMatching(/^repeats line 2/) }]);
  });

  it('reads quoted names with commas and quotes, a byte order mark, CRLF line ends and blank lines', () => {
    const file = '\uFEFFName,Country,Status\r\n"Women\'s Refugee Commission, Inc.",USA,special\r\n\r\n"The ""Migrants"" Network",GBR,roster\r\n';
    const { rows, rejected } = parseOrganisationList('ecosoc', file);
    expect(rejected).toEqual([]);
    expect(rows.map((row) => [row.line, row.organisation.name])).toEqual([
      [2, "Women's Refugee Commission, Inc."],
      [4, 'The "Migrants" Network'],
    ]);
  });

  it('counts lines as the file has them when a quoted name runs over two lines', () => {
    const { rows, rejected } = parseOrganisationList('ecosoc', csv('name,country,status', '"Two-line\nName",KEN,special', 'After,KEN,nonsense'));
    expect(rows).toEqual([expect.objectContaining({ line: 2, organisation: expect.objectContaining({ name: 'Two-line Name' }) })]);
    expect(rejected).toEqual([expect.objectContaining({ line: 4, field: 'status' })]);
  });

  it('takes the columns in any order and without the optional website', () => {
    const { rows } = parseOrganisationList('ecosoc', csv('status,country,name', 'general,che,ICMC'));
    expect(rows[0]?.organisation).toMatchObject({ name: 'ICMC', country: 'CHE', website: null, accreditation: { ecosocStatus: 'general' } });
  });
});

describe('refusing a whole file', () => {
  it('names the missing and unknown columns of a wrong header, and keeps nothing', () => {
    const refusal = () => parseOrganisationList('ecosoc', csv('name,state,country', 'X,special,MEX'));
    expect(refusal).toThrow(ValidationError);
    expect(refusal).toThrow(/missing the column 'status'.*unknown column 'state'/);
    try {
      refusal();
    } catch (error) {
      expect((error as ValidationError).fields).toEqual([
        { field: 'body.header', message: "is missing the column 'status'" },
        { field: 'body.header', message: "has the unknown column 'state'" },
      ]);
    }
  });

  it('refuses a status column in the NHRI list, and a column named twice', () => {
    expect(() => parseOrganisationList('nhri', csv('name,country,status', 'X,MEX,special'))).toThrow(/unknown column 'status'/);
    expect(() => parseOrganisationList('nhri', csv('name,country,Country', 'X,MEX,MEX'))).toThrow(/names the column 'country' twice/);
  });

  it('refuses a file that is not CSV, saying where', () => {
    expect(() => parseOrganisationList('nhri', csv('name,country', 'X,MEX', '', '"Unclosed,MEX', 'Y,FRA'))).toThrow(
      expect.objectContaining({ statusCode: 400, fields: [{ field: 'body', message: 'is not valid CSV at line 4' }] }),
    );
  });

  it('refuses more than 20,000 rows with 413, and takes 20,000', () => {
    const rows = Array.from({ length: 20_001 }, (_, index) => `Organisation ${index},MEX`);
    expect(() => parseOrganisationList('nhri', csv('name,country', ...rows))).toThrow(PayloadTooLargeError);
    expect(parseOrganisationList('nhri', csv('name,country', ...rows.slice(1))).rows).toHaveLength(20_000);
  });
});

describe('reading the NHRI list', () => {
  it('gives every row the NHRI type and Paris Principles A status', () => {
    const { rows } = parseOrganisationList('nhri', csv('name,country,website', 'Comisión Nacional de los Derechos Humanos,MEX,https://www.cndh.org.mx'));
    expect(rows[0]?.organisation).toEqual({
      name: 'Comisión Nacional de los Derechos Humanos',
      country: 'MEX',
      website: 'https://www.cndh.org.mx',
      type: 'nhri',
      accreditation: { basis: 'nhri', parisPrinciplesStatus: 'A' },
    });
  });
});

describe('importing a list into the table', () => {
  const known = (overrides: Partial<Organisation> = {}): Organisation => ({
    organisationId: 'org_0123456789abcdef',
    name: 'Migrant Forum in Asia',
    country: 'PHL',
    website: null,
    type: 'migrant-organisation',
    accreditation: { basis: 'ecosoc-consultative-status', ecosocStatus: 'special' },
    createdAt: '2017-01-01T00:00:00.000Z',
    updatedAt: '2017-02-01T00:00:00.000Z',
    ...overrides,
  });
  const matchOf = (organisation: Organisation) => ({ organisationId: organisation.organisationId });
  /** BatchGetItem answers with the match item, then with the organisation, as the table holds them. */
  const tableHolds = (organisation: Organisation) =>
    documentClient
      .on(BatchGetCommand)
      .resolvesOnce({ Responses: { 'unit-test-table': [matchOf(organisation)] } })
      .resolvesOnce({ Responses: { 'unit-test-table': [organisationItem(organisation)] } });
  const transactions = () => documentClient.commandCalls(TransactWriteCommand).map((call) => call.args[0].input.TransactItems ?? []);
  // The Member State registry holds the Philippines (and not Hong Kong, a territory).
  beforeEach(() => {
    documentClient.on(GetCommand, { Key: { pk: 'MEMBER_STATE#PHL', sk: 'MEMBER_STATE' } }).resolves({ Item: { pk: 'MEMBER_STATE#PHL', sk: 'MEMBER_STATE', code: 'PHL', name: 'Philippines', regionalGroup: 'asia-pacific' } });
    documentClient.on(GetCommand, { Key: { pk: 'MEMBER_STATE#HKG', sk: 'MEMBER_STATE' } }).resolves({});
  });

  it('rejects a row whose country the Member State registry does not hold, by line and column, importing the others', async () => {
    documentClient.on(BatchGetCommand).resolves({ Responses: { 'unit-test-table': [] } });
    documentClient.on(TransactWriteCommand).resolves({});
    const report = await importOrganisationList('ecosoc', csv('name,country,status', 'Hong Kong Migrant Workers,HKG,general', 'Migrant Forum in Asia,PHL,general', 'Nowhere Network,ZZZ,general'), { actor, now });
    expect(report).toEqual({
      created: 1,
      updated: 0,
      unchanged: 0,
      rejected: [
        { line: 2, field: 'country', message: 'is not a State in the Member State registry (GET /member-states)' },
        { line: 4, field: 'country', message: 'must be an ISO 3166-1 alpha-3 code in capitals, such as MEX' },
      ],
    });
    expect(JSON.stringify(transactions())).not.toContain('Hong Kong');
  });

  it('adds a new organisation with its match item, each on condition it does not exist, with an audit entry; then audits the import', async () => {
    documentClient.on(BatchGetCommand).resolves({ Responses: { 'unit-test-table': [] } });
    documentClient.on(TransactWriteCommand).resolves({});
    const report = await importOrganisationList('ecosoc', csv('name,country,status', 'Migrant Forum in Asia,PHL,general', 'bad,,general'), { actor, now });
    expect(report).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: [expect.objectContaining({ line: 3 })] });
    const [create, importAudit] = transactions();
    const [organisation, match, audit] = create ?? [];
    expect(organisation?.Put?.Item).toMatchObject({ sk: 'ORGANISATION', type: 'organisation', organisationType: 'ngo', name: 'Migrant Forum in Asia', createdAt: now.toISOString() });
    expect(String(organisation?.Put?.Item?.organisationId)).toMatch(/^org_[0-9a-f]{16}$/);
    expect(organisation?.Put?.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(match?.Put?.Item).toEqual({ pk: `ORGANISATION_NAME#${organisationMatchKey('Migrant Forum in Asia', 'PHL')}`, sk: 'ORGANISATION_NAME', type: 'organisationMatch', organisationId: organisation?.Put?.Item?.organisationId });
    expect(match?.Put?.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(audit?.Put?.Item).toMatchObject({ pk: organisation?.Put?.Item?.pk, action: 'organisation.imported', actorId: actor.id });
    expect(importAudit?.[0]?.Put?.Item).toMatchObject({ pk: 'IMPORT#ecosoc', action: 'organisations.listImported', details: { list: 'ecosoc', rows: 2, created: 1, updated: 0, unchanged: 0, rejected: 1 } });
  });

  it('writes nothing but the audit entry when the list says what the table holds', async () => {
    tableHolds(known());
    const report = await importOrganisationList('ecosoc', csv('name,country,status', 'MIGRANT FORUM IN ASIA,phl,Special'), { actor, now });
    expect(report).toEqual({ created: 0, updated: 0, unchanged: 1, rejected: [] });
    expect(transactions()).toHaveLength(1);
    expect(transactions()[0]?.[0]?.Put?.Item).toMatchObject({ pk: 'IMPORT#ecosoc' });
  });

  it('changes only the accreditation of a known organisation, on condition of the updatedAt it read, keeping its type', async () => {
    tableHolds(known());
    documentClient.on(TransactWriteCommand).resolves({});
    const report = await importOrganisationList('ecosoc', csv('name,country,status', 'Migrant Forum in Asia,PHL,general'), { actor, now });
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const [update, audit] = transactions()[0] ?? [];
    expect(update?.Update).toMatchObject({
      Key: { pk: 'ORGANISATION#org_0123456789abcdef', sk: 'ORGANISATION' },
      UpdateExpression: 'SET accreditation = :accreditation, updatedAt = :updatedAt',
      ConditionExpression: 'updatedAt = :read',
      ExpressionAttributeValues: { ':accreditation': { basis: 'ecosoc-consultative-status', ecosocStatus: 'general' }, ':read': '2017-02-01T00:00:00.000Z' },
    });
    expect(JSON.stringify(update)).not.toContain('organisationType');
    expect(audit?.Put?.Item).toMatchObject({ action: 'organisation.accreditationImported', details: { before: { ecosocStatus: 'special' }, after: { ecosocStatus: 'general' } } });
  });

  it('decides again on what the table holds when someone else added the same organisation in between', async () => {
    documentClient.on(BatchGetCommand).resolves({ Responses: { 'unit-test-table': [] } });
    documentClient
      .on(TransactWriteCommand)
      .rejectsOnce(new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }, { Code: 'None' }] }))
      .resolves({});
    documentClient.on(GetCommand).callsFake((input: { Key: { pk: string } }) =>
      input.Key.pk.startsWith('ORGANISATION_NAME#') ? { Item: matchOf(known()) } : { Item: organisationItem(known({ accreditation: { basis: 'ecosoc-consultative-status', ecosocStatus: 'general' } })) },
    );
    const report = await importOrganisationList('ecosoc', csv('name,country,status', 'Migrant Forum in Asia,PHL,general'), { actor, now });
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
  });

  it('reads the organisation back with its own type', async () => {
    const { findOrganisation } = await import('#shared/organisations/store.ts');
    documentClient.on(GetCommand).resolves({ Item: organisationItem(known()) });
    expect(await findOrganisation('org_0123456789abcdef')).toEqual(known());
  });
});
