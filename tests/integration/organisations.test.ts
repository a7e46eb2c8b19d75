import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { db, tableName } from '#shared/db/client.ts';
import { keys } from '#shared/db/keys.ts';
import { organisationMatchKey } from '#shared/organisations/schemas.ts';
import { findOrganisationByMatchKey } from '#shared/organisations/store.ts';
import { api, staffToken } from '../helpers/integration.ts';

type Report = { created: number; updated: number; unchanged: number; rejected: { line: number; field: string; message: string }[] };
/** An import answers with its report, or with an error body. */
type Answer = Report & { message?: string; code?: string };
type Organisation = { organisationId: string; name: string; country: string; website: string | null; type: string; accreditation: Record<string, unknown> };

/** Names no other test uses, so each test sees only its own organisations. */
const run = randomUUID().slice(0, 8);
const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;
const importList = (list: string, body: string, token: string | null = staffToken()) =>
  api<Answer>('POST', `/organisations/imports/${list}`, { ...(token ? { token } : {}), body, headers: { 'content-type': 'text/csv; charset=utf-8' } });

/** The organisation's id is not in the report: find it by name and country, as registration will. */
async function organisationNamed(name: string, country: string): Promise<Organisation> {
  const found = await findOrganisationByMatchKey(organisationMatchKey(name, country));
  expect(found, `${name} (${country})`).toBeDefined();
  const response = await api<Organisation>('GET', `/organisations/${found!.organisationId}`, { token: staffToken() });
  expect(response.status).toBe(200);
  return response.body;
}

describe('importing the ECOSOC list', () => {
  const ecosocList = csv(
    'name,country,status,website',
    `"Scalabrini Migration Network, ${run}",usa,Special,https://simn.example.org`,
    `Migrant Forum ${run},PHL,general,`,
    `Bad Status ${run},MEX,observer,`,
    `Caritas ${run},VAT,roster,`,
  );

  it('adds the good rows, reports the bad one by line and column, and audits the import', async () => {
    const response = await importList('ecosoc', ecosocList);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      created: 3,
      updated: 0,
      unchanged: 0,
      rejected: [{ line: 4, field: 'status', message: expect.stringMatching(/general.*special.*roster/) }],
    });
    const scalabrini = await organisationNamed(`Scalabrini Migration Network, ${run}`, 'USA');
    expect(scalabrini).toMatchObject({
      organisationId: expect.stringMatching(/^org_/),
      website: 'https://simn.example.org',
      type: 'ngo',
      accreditation: { basis: 'ecosoc-consultative-status', ecosocStatus: 'special' },
    });
    const { Items = [] } = await db().send(
      new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.organisationImport('ecosoc').pk } }),
    );
    expect(Items).toContainEqual(expect.objectContaining({ action: 'organisations.listImported', actorId: 'tester@opga.example.org', details: expect.objectContaining({ list: 'ecosoc', created: 3, rejected: 1 }) }));
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await organisationNamed(`Migrant Forum ${run}`, 'PHL');
    const response = await importList('ecosoc', ecosocList);
    expect(response.body).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: [{ line: 4 }] });
    expect(await organisationNamed(`Migrant Forum ${run}`, 'PHL')).toEqual(before);
  });

  it('updates the accreditation of an organisation whose status changed, matching its name whatever the case', async () => {
    const before = await organisationNamed(`Migrant Forum ${run}`, 'PHL');
    const response = await importList('ecosoc', csv('name,country,status', `MIGRANT FORUM ${run},phl,special`, `Caritas ${run},VAT,roster`));
    expect(response.body).toEqual({ created: 0, updated: 1, unchanged: 1, rejected: [] });
    const after = await organisationNamed(`Migrant Forum ${run}`, 'PHL');
    expect(after).toMatchObject({ organisationId: before.organisationId, name: `Migrant Forum ${run}`, accreditation: { ecosocStatus: 'special' } });
  });

  it('refuses a header that does not fit the list, naming the columns, and imports nothing', async () => {
    const response = await importList('ecosoc', csv('name,country,category', `Refused ${run},FRA,general`));
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/missing the column 'status'.*unknown column 'category'/) });
    expect(await findOrganisationByMatchKey(organisationMatchKey(`Refused ${run}`, 'FRA'))).toBeUndefined();
  });

  it('refuses more than 20,000 rows with 413', async () => {
    const rows = Array.from({ length: 20_001 }, (_, index) => `${index.toString(36)}a,MEX`);
    const response = await importList('nhri', csv('name,country', ...rows));
    expect(response.status).toBe(413);
    expect(response.body.message).toMatch(/20001 rows; at most 20000/);
  });
});

describe('importing the NHRI list', () => {
  it('adds NHRIs compliant with the Paris Principles', async () => {
    const response = await importList('nhri', `\uFEFF${csv('Name,Country', `Comisión Nacional de los Derechos Humanos ${run},MEX`)}`);
    expect(response.body).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: [] });
    expect(await organisationNamed(`Comision Nacional de los Derechos Humanos ${run}`, 'MEX')).toMatchObject({
      name: `Comisión Nacional de los Derechos Humanos ${run}`,
      type: 'nhri',
      accreditation: { basis: 'nhri', parisPrinciplesStatus: 'A' },
    });
  });

  it('answers 400 for a list that does not exist', async () => {
    expect((await importList('unesco', csv('name,country', `X ${run},MEX`))).status).toBe(400);
  });
});

describe('who may import and how', () => {
  it('is for staff only', async () => {
    expect((await importList('ecosoc', csv('name,country,status', `Anonymous ${run},FRA,general`), null)).status).toBe(401);
    expect((await api('GET', '/organisations/org_0123456789')).status).toBe(401);
  });

  it('takes CSV only: a JSON body gets 415', async () => {
    const response = await api('POST', '/organisations/imports/ecosoc', { token: staffToken(), body: [{ name: 'X', country: 'FRA', status: 'general' }] });
    expect(response.status).toBe(415);
    expect(response.body.message).toMatch(/text\/csv/);
  });

  it('answers 404 for an organisation that does not exist', async () => {
    expect((await api('GET', '/organisations/org_doesnotexist', { token: staffToken() })).status).toBe(404);
  });
});
