import { DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '#shared/errors.ts';
import { InquiryBody, type Inquiry } from '#shared/trust-fund/schemas.ts';
import { changeInquiry, submitInquiry, totals } from '#shared/trust-fund/trust-fund.ts';

const documentClient = mockClient(DynamoDBDocumentClient);
const now = new Date('2017-06-01T09:00:00Z');
const actor = { id: 'staff@opga.example.org', role: 'staff' };
beforeEach(() => documentClient.reset());

const fund = {
  pk: 'TRUST_FUND',
  sk: 'SETTINGS',
  name: 'Voluntary trust fund',
  purpose: 'Participation of representatives of developing countries.',
  arrangement: { title: 'Standard Administrative Arrangement', instructions: 'Sign the SAA with the MPTF Office first, then contribute.', url: null },
  earmarking: 'Un-earmarked contributions are encouraged; earmarking goes to one objective.',
  objectives: [{ objectiveId: 'ldc-participation', title: 'LDC participation', description: 'Travel of LDC representatives.' }],
  contacts: [{ name: 'Focal point', role: 'MPTF Office', email: 'mptf@example.org', phone: null }],
  updatedAt: '2017-05-01T00:00:00.000Z',
  updatedBy: 'seed',
  version: 1,
};
const body = (overrides: Record<string, unknown> = {}) =>
  InquiryBody.parse({ donor: { name: 'Fondation Horizons', type: 'philanthropic-organisation', country: 'CHE' }, contact: { name: 'Claire', email: 'claire@example.org' }, intended: { amount: 1000, currency: 'CHF' }, ...overrides });

const inquiry = (overrides: Partial<Inquiry>): Inquiry => ({
  inquiryId: 'inq_0000000000000001',
  donor: { name: 'Fondation Horizons', type: 'philanthropic-organisation', country: 'CHE' },
  contact: { name: 'Claire', email: 'claire@example.org' },
  intended: { amount: 1000, currency: 'CHF' },
  earmarked: false,
  objectiveId: null,
  objectiveTitle: null,
  message: null,
  language: 'en',
  review: 'eligible',
  state: 'new',
  received: null,
  notes: [],
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
  version: 1,
  ...overrides,
});

describe('donor inquiries', () => {
  it('sends the reply built from the stored details, in the same transaction as the inquiry', async () => {
    documentClient.on(GetCommand).resolves({ Item: fund });
    documentClient.on(TransactWriteCommand).resolves({});
    const receipt = await submitInquiry(body({ earmarked: true, objectiveId: 'ldc-participation' }), now);
    expect(receipt.inquiry).toMatchObject({ review: 'eligible', objectiveTitle: 'LDC participation', state: 'new' });
    const items = documentClient.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    const reply = items.find((item) => item.Put?.Item?.template === 'trust-fund-reply')?.Put?.Item as { data: { fund: { contacts: { email: string }[] } } };
    expect(reply.data.fund.contacts).toEqual(fund.contacts);
    expect(items.some((item) => item.Put?.Item?.template === 'trust-fund-inquiry-alert')).toBe(true);
  });

  it('refuses, writing nothing, while the fund has no details, and for an objective it does not have', async () => {
    documentClient.on(GetCommand).resolves({});
    await expect(submitInquiry(body(), now)).rejects.toThrow(ConflictError);
    documentClient.on(GetCommand).resolves({ Item: fund });
    await expect(submitInquiry(body({ earmarked: true, objectiveId: 'moon-base' }), now)).rejects.toThrow(ValidationError);
    expect(documentClient.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('needs the amount received to mark a contribution received', async () => {
    documentClient.on(GetCommand).resolves({ Item: inquiry({}) });
    await expect(changeInquiry('inq_0000000000000001', { state: 'contribution-received' }, actor, now)).rejects.toThrow(/amount received/);
    expect(documentClient.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});

describe('totals', () => {
  it('sums intended and received per currency, earmarked and not, leaving out inquiries closed without a contribution', async () => {
    documentClient.on(QueryCommand).resolves({
      Items: [
        inquiry({ inquiryId: 'inq_1', intended: { amount: 1000.1, currency: 'CHF' } }),
        inquiry({ inquiryId: 'inq_2', intended: { amount: 500.2, currency: 'CHF' }, earmarked: true, state: 'contribution-received', received: { amount: 400, currency: 'CHF' } }),
        inquiry({ inquiryId: 'inq_3', intended: { amount: 300, currency: 'CHF' }, state: 'closed' }),
        inquiry({ inquiryId: 'inq_4', intended: { amount: 20, currency: 'USD' } }),
      ],
    });
    expect(await totals()).toEqual({
      inquiries: 4,
      byState: { new: 2, 'contribution-received': 1, closed: 1 },
      currencies: {
        CHF: { intended: { earmarked: 500.2, unearmarked: 1000.1, total: 1500.3 }, received: { earmarked: 400, unearmarked: 0, total: 400 } },
        USD: { intended: { earmarked: 0, unearmarked: 20, total: 20 }, received: { earmarked: 0, unearmarked: 0, total: 0 } },
      },
    });
  });
});
