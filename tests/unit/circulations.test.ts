import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { verifyScopedToken } from '#shared/auth/tokens.ts';
import { accreditedFor } from '#shared/circulations/closing.ts';
import { runFanOut } from '#shared/circulations/fan-out.ts';
import type { Circulation } from '#shared/circulations/schemas.ts';

const documentClient = mockClient(DynamoDBDocumentClient);
const now = new Date('2017-04-20T10:00:00Z');
const deadline = '2017-05-04T23:59:59.000Z';

const circulation: Circulation = {
  circulationId: 'circ_0123456789abcdef',
  stage: 'preparatory-process',
  title: 'Special accreditation: preparatory process, list 1',
  state: 'circulated',
  applicants: 2,
  deadline,
  extensions: [],
  remindedFor: null,
  lastNoticeAt: now.toISOString(),
  createdAt: now.toISOString(),
  createdBy: 'staff@opga.example.org',
  circulatedAt: now.toISOString(),
  circulatedBy: 'staff@opga.example.org',
  closedAt: null,
  accredited: null,
  notAccredited: null,
  version: 2,
};
const fanOut = { circulationId: circulation.circulationId, name: 'circulated', kind: 'circulated', state: 'pending', cursor: '', deadline, previousDeadline: null, memberStatesNotified: 0, notifications: 0, withoutAddress: [], createdAt: now.toISOString(), completedAt: null };
const entries = ['acc_00000000000000a1', 'acc_00000000000000a2'].map((applicationId, position) => ({
  applicationId,
  organisationId: `org_${applicationId.slice(4)}`,
  name: `Network ${position}`,
  country: 'KEN',
  regionalGroup: 'african',
  organisationType: 'ngo',
  representativeGender: 'female',
  outcome: null,
  standingObjections: null,
  contactName: 'Ana',
  contactEmail: 'ana@example.org',
  language: 'en',
  position,
}));
/** 195 States in name order (codes ZAA, ZAB, …); the fourth (ZAD) has no mission address, the fifth two. */
const states = Array.from({ length: 195 }, (_, index) => ({
  code: `Z${String.fromCharCode(65 + Math.floor(index / 26))}${String.fromCharCode(65 + (index % 26))}`,
  name: `State ${String(index).padStart(3, '0')}`,
  status: 'member',
  regionalGroup: 'african',
  contacts: index === 3 ? [] : index === 4 ? [{ email: 'a@missions.example.org', label: null }, { email: 'b@missions.example.org', label: null }] : [{ email: `pm${index}@missions.example.org`, label: null }],
  updatedAt: now.toISOString(),
  version: 1,
}));

function mockReads(record = fanOut) {
  documentClient.on(GetCommand, { Key: { pk: `CIRCULATION#${circulation.circulationId}`, sk: 'FANOUT#circulated' } }).resolves({ Item: record });
  documentClient.on(GetCommand, { Key: { pk: `CIRCULATION#${circulation.circulationId}`, sk: 'CIRCULATION' } }).resolves({ Item: circulation });
  documentClient.on(QueryCommand, { IndexName: 'gsi1' }).resolves({ Items: states });
  documentClient.on(QueryCommand, { ExpressionAttributeValues: { ':pk': `CIRCULATION#${circulation.circulationId}`, ':prefix': 'ENTRY#' } }).resolves({ Items: entries });
}
const transactions = () => documentClient.commandCalls(TransactWriteCommand).map((call) => call.args[0].input.TransactItems ?? []);

beforeEach(() => documentClient.reset());

describe('writing the notices of a circulation', () => {
  it('writes one notice per mission address in chunks of at most 100 items, each moving the cursor on from where it began', async () => {
    mockReads();
    documentClient.on(TransactWriteCommand).resolves({});
    const result = await runFanOut(circulation.circulationId, 'circulated', now);

    const written = transactions();
    expect(written.length).toBeGreaterThanOrEqual(2);
    for (const items of written) expect(items.length).toBeLessThanOrEqual(100);
    const notices = written.flat().filter((item) => item.Put?.Item?.type === 'notification');
    expect(notices).toHaveLength(195); // 194 States with one address, one without, one with two
    expect(new Set(notices.map((item) => item.Put?.Item?.notificationId)).size).toBe(195);
    const cursors = written.map((items) => items.at(-1)?.Update?.ExpressionAttributeValues ?? {});
    expect(cursors[0]?.[':from']).toBe('');
    expect(cursors[1]?.[':from']).toBe(cursors[0]?.[':cursor']);
    expect(result).toMatchObject({ state: 'done', notifications: 195, memberStatesNotified: 194, withoutAddress: ['ZAD'] });
  });

  it("gives each mission its own State's link to this list, expiring at the deadline, and the whole list", async () => {
    mockReads();
    documentClient.on(TransactWriteCommand).resolves({});
    await runFanOut(circulation.circulationId, 'circulated', now);
    const notice = transactions().flat().find((item) => item.Put?.Item?.to?.[0] === 'pm7@missions.example.org')?.Put?.Item as { data: { ballotUrl: string; applicants: unknown[]; memberStateName: string } };
    expect(notice.data.memberStateName).toBe('State 007');
    expect(notice.data.applicants).toHaveLength(2);
    const token = notice.data.ballotUrl.split('#token=')[1] ?? '';
    // No admin has withdrawn this State's links (shared/auth/link-revocations.ts).
    documentClient.on(GetCommand, { Key: { pk: `LINKS#non-objection-ballot#${circulation.circulationId}`, sk: 'REVOKED#ZAH' } }).resolves({});
    const verified = await verifyScopedToken(token, 'non-objection-ballot', now);
    expect(verified).toEqual({ subject: circulation.circulationId, holder: 'ZAH', expiresAt: new Date(deadline) });
  });

  it('stops when another run wrote the chunk first (its notices exist, the cursor moved), and writes nothing twice', async () => {
    mockReads();
    const fanOutKey = { Key: { pk: `CIRCULATION#${circulation.circulationId}`, sk: 'FANOUT#circulated' } };
    documentClient.on(GetCommand, fanOutKey).resolvesOnce({ Item: fanOut }).resolves({ Item: { ...fanOut, cursor: 'State 098#ZDU' } });
    // As DynamoDB reports it: the first notice already exists, and the cursor is no longer where the chunk began.
    documentClient.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, ...Array.from({ length: 98 }, () => ({ Code: 'None' })), { Code: 'ConditionalCheckFailed' }] }),
    );
    const result = await runFanOut(circulation.circulationId, 'circulated', now);
    expect(transactions()).toHaveLength(1);
    expect(result?.cursor).toBe('State 098#ZDU');
  });

  it('refuses to go on when a notice exists that its fan-out did not write', async () => {
    mockReads();
    documentClient.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, ...Array.from({ length: 99 }, () => ({ Code: 'None' }))] }),
    );
    await expect(runFanOut(circulation.circulationId, 'circulated', now)).rejects.toThrow(/already existed outside its fan-out/);
  });

  it('does nothing for a fan-out that is done', async () => {
    mockReads({ ...fanOut, state: 'done' });
    await runFanOut(circulation.circulationId, 'circulated', now);
    expect(transactions()).toHaveLength(0);
  });
});

describe('the accreditation a closing list grants', () => {
  it('adds the stage to an organisation without accreditation or with another stage, and leaves ECOSOC, NHRI and the same stage alone', () => {
    expect(accreditedFor({ basis: 'none' }, 'preparatory-process')).toEqual({ basis: 'special-accreditation', stages: ['preparatory-process'] });
    expect(accreditedFor({ basis: 'special-accreditation', stages: ['preparatory-process'] }, 'intergovernmental-conference')).toEqual({
      basis: 'special-accreditation',
      stages: ['preparatory-process', 'intergovernmental-conference'],
    });
    expect(accreditedFor({ basis: 'special-accreditation', stages: ['preparatory-process'] }, 'preparatory-process')).toBeUndefined();
    expect(accreditedFor({ basis: 'ecosoc-consultative-status', ecosocStatus: 'special' }, 'preparatory-process')).toBeUndefined();
    expect(accreditedFor({ basis: 'nhri', parisPrinciplesStatus: 'A' }, 'preparatory-process')).toBeUndefined();
  });
});
