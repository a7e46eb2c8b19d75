import { DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '#shared/errors.ts';
import { InquiryBody, type Inquiry } from '#shared/trust-fund/schemas.ts';
import { changeInquiry, getInquiry, submitInquiry, totals } from '#shared/trust-fund/trust-fund.ts';

const documentClient = mockClient(DynamoDBDocumentClient);
const now = new Date('2017-06-01T09:00:00Z');
const actor = { id: 'staff@opga.example.org', role: 'admin' };
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
  intended: { amount: '1000.00', currency: 'CHF', minorUnits: 100000 },
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

describe('amounts', () => {
  const intended = (amount: unknown, currency: string) => InquiryBody.safeParse({ ...body(), intended: { amount, currency } });
  const problems = (result: ReturnType<typeof intended>) => result.error?.issues.map((issue) => [issue.path.join('.'), issue.message]);

  it('are held in minor units with the currency’s own decimals, read from the decimal text', () => {
    expect(intended('250000.5', 'CHF').data?.intended).toEqual({ amount: '250000.50', currency: 'CHF', minorUnits: 25000050 });
    expect(intended(1500000, 'JPY').data?.intended).toEqual({ amount: '1500000', currency: 'JPY', minorUnits: 1500000 });
    expect(intended('12.345', 'BHD').data?.intended).toEqual({ amount: '12.345', currency: 'BHD', minorUnits: 12345 });
    expect(intended(0.3, 'USD').data?.intended).toEqual({ amount: '0.30', currency: 'USD', minorUnits: 30 });
  });

  it('refuses an amount finer than its currency allows, naming the field and the currency’s decimals', () => {
    expect(problems(intended(10.1, 'JPY'))).toEqual([['intended.amount', 'must be a whole number for JPY, which has no minor unit']]);
    expect(problems(intended(100.000000001, 'USD'))).toEqual([['intended.amount', 'must have at most 2 decimals for USD']]);
    expect(problems(intended(0.1 + 0.2, 'USD'))).toEqual([['intended.amount', 'must have at most 2 decimals for USD']]);
    expect(problems(intended('12.3456', 'BHD'))).toEqual([['intended.amount', 'must have at most 3 decimals for BHD']]);
    expect(problems(intended('1e3', 'USD'))).toEqual([['intended.amount', 'must be a decimal number such as 2500.50']]);
    expect(problems(intended('-5', 'USD'))).toEqual([['intended.amount', 'must be more than 0']]);
    expect(problems(intended(100, 'XAU'))).toEqual([['intended.currency', 'must be an ISO 4217 currency code in capitals, such as USD or EUR']]);
  });
});

describe('totals', () => {
  it('sums intended and received per currency exactly, earmarked and not, leaving out inquiries closed without a contribution', async () => {
    const amount = (minorUnits: number, currency: string) => ({ amount: 'as stored', currency, minorUnits });
    documentClient.on(QueryCommand).resolves({
      Items: [
        inquiry({ inquiryId: 'inq_1', intended: amount(100010, 'CHF') }),
        inquiry({ inquiryId: 'inq_2', intended: amount(50020, 'CHF'), earmarked: true, state: 'contribution-received', received: amount(40000, 'CHF') }),
        inquiry({ inquiryId: 'inq_3', intended: amount(30000, 'CHF'), state: 'closed' }),
        ...Array.from({ length: 10 }, (_, index) => inquiry({ inquiryId: `inq_usd${index}`, intended: amount(10, 'USD') })),
        inquiry({ inquiryId: 'inq_jpy', intended: amount(1500000, 'JPY') }),
        inquiry({ inquiryId: 'inq_bhd', intended: amount(12345, 'BHD'), earmarked: true }),
      ],
    });
    expect(await totals()).toEqual({
      inquiries: 15,
      byState: { new: 13, 'contribution-received': 1, closed: 1 },
      currencies: {
        CHF: { digits: 2, intended: { earmarked: '500.20', unearmarked: '1000.10', total: '1500.30' }, received: { earmarked: '400.00', unearmarked: '0.00', total: '400.00' } },
        // Ten times 0.10 is 1.00 (as a float sum it is 0.9999999999999999).
        USD: { digits: 2, intended: { earmarked: '0.00', unearmarked: '1.00', total: '1.00' }, received: { earmarked: '0.00', unearmarked: '0.00', total: '0.00' } },
        JPY: { digits: 0, intended: { earmarked: '0', unearmarked: '1500000', total: '1500000' }, received: { earmarked: '0', unearmarked: '0', total: '0' } },
        BHD: { digits: 3, intended: { earmarked: '12.345', unearmarked: '0.000', total: '12.345' }, received: { earmarked: '0.000', unearmarked: '0.000', total: '0.000' } },
      },
    });
  });

  it('reads amounts stored as numbers before they were held in minor units, rounded to the currency’s decimals as they were shown', async () => {
    documentClient.on(QueryCommand).resolves({
      Items: [
        inquiry({ inquiryId: 'inq_old1', intended: { amount: 1000.1, currency: 'CHF' } as never, state: 'contribution-received', received: { amount: 0.30000000000000004, currency: 'CHF' } as never }),
        inquiry({ inquiryId: 'inq_old2', intended: { amount: 10.1, currency: 'JPY' } as never }),
      ],
    });
    expect((await totals()).currencies).toEqual({
      CHF: { digits: 2, intended: { earmarked: '0.00', unearmarked: '1000.10', total: '1000.10' }, received: { earmarked: '0.00', unearmarked: '0.30', total: '0.30' } },
      JPY: { digits: 0, intended: { earmarked: '0', unearmarked: '10', total: '10' }, received: { earmarked: '0', unearmarked: '0', total: '0' } },
    });
    documentClient.on(GetCommand).resolves({ Item: inquiry({ intended: { amount: 10.1, currency: 'JPY' } as never }) });
    expect((await getInquiry('inq_0000000000000001')).intended).toEqual({ amount: '10', currency: 'JPY', minorUnits: 10 });
  });
});
