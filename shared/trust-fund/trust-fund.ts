import { randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { auditPut, type Actor } from '#shared/audit/audit.ts';
import { statusLink } from '#shared/auth/status-link.ts';
import { setting } from '#shared/config.ts';
import { csvFile } from '#shared/csv.ts';
import { db, tableName } from '#shared/db/client.ts';
import { keys, withoutKeys } from '#shared/db/keys.ts';
import { allPages, queryAll, queryPage, type Page } from '#shared/db/query.ts';
import { retryOnVersionClash, writeTogether } from '#shared/db/transactions.ts';
import { enqueueNotification } from '#shared/email/outbox.ts';
import { enqueueStandalone } from '#shared/email/store.ts';
import { ConflictError, NotFoundError, ValidationError } from '#shared/errors.ts';
import { pathFor } from '#shared/http/route-spec.ts';
import { routes } from '#shared/http/routes.ts';
import { decimalText, digitsOf, storedMoney } from '#shared/trust-fund/minor-units.ts';
import { eligibleDonorTypes, isEligible, type Inquiry, type InquiryBody, type InquiryChange, type InquiryState, type TrustFund, type TrustFundDetails } from '#shared/trust-fund/schemas.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { table: ['GetItem', 'PutItem'], indexes: ['gsi1', 'gsi2'], env: ['STAFF_ALERT_EMAIL'] };

const donor: Actor = { id: 'donor', role: 'public' };
const staleDays = 7;
const dayMs = 24 * 3600_000;

// ---- The fund's details: configuration staff edit, never constants in code ----

export async function findTrustFund(): Promise<TrustFund | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.trustFund(), ConsistentRead: true }));
  if (!Item) return undefined;
  const { type: _type, ...fund } = withoutKeys(Item);
  return { ...(fund as Omit<TrustFund, 'eligibleDonorTypes'>), eligibleDonorTypes: [...eligibleDonorTypes] };
}

export async function getTrustFund(): Promise<TrustFund> {
  const fund = await findTrustFund();
  if (!fund) throw new NotFoundError('The trust fund’s details have not been set yet: staff set them with PUT /trust-fund');
  return fund;
}

export const trustFundItem = (details: TrustFundDetails, updatedAt: string, updatedBy: string, version: number) => ({ ...keys.trustFund(), type: 'trustFund', ...details, updatedAt, updatedBy, version });

/** Staff replace the fund's details; the next reply to a donor uses them. */
export async function putTrustFund(details: TrustFundDetails, actor: Actor, now: Date): Promise<TrustFund> {
  return retryOnVersionClash(
    async () => {
      const before = await findTrustFund();
      const version = (before?.version ?? 0) + 1;
      const { failedCondition } = await writeTogether([
        {
          Put: {
            TableName: tableName(),
            Item: trustFundItem(details, now.toISOString(), actor.id, version),
            ConditionExpression: before ? 'version = :version' : 'attribute_not_exists(pk)',
            ...(before ? { ExpressionAttributeValues: { ':version': before.version } } : {}),
          },
        },
        auditPut(keys.trustFund(), { action: 'trustFund.updated', actor, at: now, details: { version, objectives: details.objectives.map((objective) => objective.objectiveId), contacts: details.contacts.map((contact) => contact.email) } }),
      ]);
      return failedCondition === undefined ? { ...details, eligibleDonorTypes: [...eligibleDonorTypes], updatedAt: now.toISOString(), updatedBy: actor.id, version } : undefined;
    },
    () => new ConflictError('The trust fund’s details are being changed by someone else; reload them and try again'),
  );
}

// ---- Inquiries ----

const inquiryItem = (inquiry: Inquiry) => ({
  ...keys.inquiry(inquiry.inquiryId),
  ...keys.inquiryCatalogue(inquiry.createdAt, inquiry.inquiryId),
  ...(inquiry.state === 'closed' ? {} : keys.openInquiry(inquiry.updatedAt, inquiry.inquiryId)),
  type: 'inquiry',
  ...inquiry,
});
const toInquiry = (item: Record<string, unknown>): Inquiry => {
  const { type: _type, ...inquiry } = withoutKeys(item) as unknown as Inquiry & { type: string };
  // Amounts stored as numbers before they were held in minor units are read as minor units (storedMoney).
  return { ...inquiry, intended: storedMoney(inquiry.intended), received: inquiry.received ? storedMoney(inquiry.received) : null };
};
export const donorView = ({ notes: _notes, ...inquiry }: Inquiry) => inquiry;

function inquiryLink(inquiryId: string, now: Date) {
  // A contribution can take months from inquiry to receipt: the link lasts two years.
  return statusLink('donor', pathFor(routes.getInquiryStatus, { inquiryId }), inquiryId, new Date(now.getTime() + 2 * 365 * dayMs), now);
}

/**
 * A prospective donor asks how to give: the inquiry is stored and the donor is sent the contribution
 * details at once, with a status link; staff are alerted. A donor type outside the four the
 * resolution names is taken for manual review (and told so), not refused.
 */
export async function submitInquiry(body: InquiryBody, now: Date) {
  const fund = await findTrustFund();
  if (!fund) throw new ConflictError('The trust fund is not taking inquiries yet: its contribution details have not been set');
  const objective = body.objectiveId ? fund.objectives.find((candidate) => candidate.objectiveId === body.objectiveId) : undefined;
  if (body.objectiveId && !objective) {
    throw new ValidationError(`The fund has no objective '${body.objectiveId}'; its objectives are ${fund.objectives.map((candidate) => candidate.objectiveId).join(', ')}`, {
      fields: [{ field: 'body.objectiveId', message: 'is not one of the fund’s objectives (GET /trust-fund)' }],
    });
  }
  const at = now.toISOString();
  const eligible = isEligible(body.donor.type);
  const inquiry: Inquiry = {
    inquiryId: `inq_${randomBytes(8).toString('hex')}`,
    donor: body.donor,
    contact: body.contact,
    intended: body.intended,
    earmarked: body.earmarked,
    objectiveId: body.objectiveId,
    objectiveTitle: objective?.title ?? null,
    message: body.message || null,
    language: body.language,
    review: eligible ? 'eligible' : 'manual-review',
    state: 'new',
    received: null,
    notes: [],
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  const link = await inquiryLink(inquiry.inquiryId, now);
  const { name, purpose, arrangement, earmarking, objectives, contacts } = fund;
  await writeTogether([
    { Put: { TableName: tableName(), Item: inquiryItem(inquiry), ConditionExpression: 'attribute_not_exists(pk)' } },
    enqueueNotification(
      'trustFundReply',
      {
        to: [body.contact.email],
        language: body.language,
        dedupeKey: `trust-fund-reply:${inquiry.inquiryId}`,
        data: { contactName: body.contact.name, donorName: body.donor.name, eligible, intended: body.intended, earmarked: body.earmarked, objectiveTitle: inquiry.objectiveTitle, fund: { name, purpose, arrangement, earmarking, objectives, contacts }, statusUrl: link.url },
      },
      now,
    ),
    enqueueNotification(
      'trustFundInquiryAlert',
      {
        to: [setting('STAFF_ALERT_EMAIL')],
        language: 'en',
        dedupeKey: `trust-fund-alert:${inquiry.inquiryId}`,
        data: { inquiryId: inquiry.inquiryId, donorName: body.donor.name, donorType: body.donor.type, country: body.donor.country, eligible, intended: body.intended, earmarked: body.earmarked, objectiveTitle: inquiry.objectiveTitle, message: inquiry.message },
      },
      now,
    ),
    auditPut(keys.inquiry(inquiry.inquiryId), { action: 'inquiry.received', actor: donor, at: now, details: { donorType: body.donor.type, review: inquiry.review } }),
  ]);
  return { inquiry: donorView(inquiry), statusUrl: link.url, statusToken: link.token, statusTokenExpiresAt: link.expiresAt.toISOString() };
}

export async function getInquiry(inquiryId: string): Promise<Inquiry> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.inquiry(inquiryId), ConsistentRead: true }));
  if (!Item) throw new NotFoundError(`No inquiry has the id '${inquiryId}'`);
  return toInquiry(Item);
}

export function listInquiries(query: { state?: InquiryState | undefined; eligible?: boolean | undefined; limit: number; cursor?: string | undefined }): Promise<Page<Inquiry>> {
  const filters = [...(query.state ? ['#state = :state'] : []), ...(query.eligible === undefined ? [] : ['review = :review'])];
  return queryPage(
    {
      IndexName: keys.inquiryCatalogueIndex.indexName,
      KeyConditionExpression: 'gsi1pk = :partition',
      ScanIndexForward: false,
      ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
      ...(query.state ? { ExpressionAttributeNames: { '#state': 'state' } } : {}),
      ExpressionAttributeValues: {
        ':partition': keys.inquiryCatalogueIndex.partition,
        ...(query.state ? { ':state': query.state } : {}),
        ...(query.eligible === undefined ? {} : { ':review': query.eligible ? 'eligible' : 'manual-review' }),
      },
    },
    { limit: query.limit, cursor: query.cursor, partition: { gsi1pk: keys.inquiryCatalogueIndex.partition }, toItem: toInquiry },
  );
}

/** Staff move an inquiry on, note what happened, or record the contribution received; each change is audited. */
export function changeInquiry(inquiryId: string, change: InquiryChange, actor: Actor, now: Date): Promise<Inquiry> {
  return retryOnVersionClash(
    async () => {
      const before = await getInquiry(inquiryId);
      const state = change.state ?? before.state;
      const received = change.received ?? before.received;
      if (state === 'contribution-received' && !received) {
        throw new ValidationError('Record the amount received to mark the contribution received', { fields: [{ field: 'body.received', message: 'is required to move to contribution-received' }] });
      }
      const at = now.toISOString();
      const after: Inquiry = {
        ...before,
        state,
        received,
        notes: change.note ? [...before.notes, { at, by: actor.id, text: change.note }] : before.notes,
        updatedAt: at,
        version: before.version + 1,
      };
      const { failedCondition } = await writeTogether([
        { Put: { TableName: tableName(), Item: inquiryItem(after), ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': before.version } } },
        auditPut(keys.inquiry(inquiryId), {
          action: change.state && change.state !== before.state ? `inquiry.${change.state}` : 'inquiry.updated',
          actor,
          at: now,
          details: { from: before.state, to: state, ...(change.note ? { note: change.note } : {}), ...(change.received ? { received: change.received } : {}) },
        }),
      ]);
      return failedCondition === undefined ? after : undefined;
    },
    () => new ConflictError('The inquiry is being changed by someone else; reload it and try again'),
  );
}

const allInquiries = () => allPages((cursor) => listInquiries({ limit: 200, cursor }));

/**
 * Per currency: amounts intended and received, earmarked and not. Intended counts every inquiry but
 * those closed without a contribution (the donor did not go ahead); received counts what was recorded.
 */
export async function totals() {
  const inquiries = await allInquiries();
  type Sums = { earmarked: bigint; unearmarked: bigint };
  // Added in minor units as BigInt: exact however many there are, and shown with the currency's decimals.
  const currencies = new Map<string, { intended: Sums; received: Sums }>();
  const byState: Record<string, number> = {};
  const sums = (currency: string) => {
    let entry = currencies.get(currency);
    if (!entry) currencies.set(currency, (entry = { intended: { earmarked: 0n, unearmarked: 0n }, received: { earmarked: 0n, unearmarked: 0n } }));
    return entry;
  };
  const add = (bucket: Sums, minorUnits: number, earmarked: boolean) => {
    bucket[earmarked ? 'earmarked' : 'unearmarked'] += BigInt(minorUnits);
  };
  for (const inquiry of inquiries) {
    byState[inquiry.state] = (byState[inquiry.state] ?? 0) + 1;
    if (!(inquiry.state === 'closed' && !inquiry.received)) add(sums(inquiry.intended.currency).intended, inquiry.intended.minorUnits, inquiry.earmarked);
    if (inquiry.received) add(sums(inquiry.received.currency).received, inquiry.received.minorUnits, inquiry.earmarked);
  }
  const shown = (bucket: Sums, digits: number) => ({ earmarked: decimalText(bucket.earmarked, digits), unearmarked: decimalText(bucket.unearmarked, digits), total: decimalText(bucket.earmarked + bucket.unearmarked, digits) });
  return {
    inquiries: inquiries.length,
    byState,
    currencies: Object.fromEntries([...currencies].map(([currency, { intended, received }]) => [currency, { digits: digitsOf(currency), intended: shown(intended, digitsOf(currency)), received: shown(received, digitsOf(currency)) }])),
  };
}

export async function exportInquiries(now: Date) {
  const rows = (await allInquiries()).map((inquiry) => [
    inquiry.inquiryId,
    inquiry.createdAt,
    inquiry.donor.name,
    inquiry.donor.type,
    inquiry.donor.country,
    inquiry.review,
    inquiry.contact.name,
    inquiry.contact.email,
    inquiry.intended.amount,
    inquiry.intended.currency,
    inquiry.earmarked ? 'yes' : 'no',
    inquiry.objectiveTitle ?? '',
    inquiry.state,
    inquiry.received?.amount ?? '',
    inquiry.received?.currency ?? '',
    inquiry.updatedAt,
    inquiry.notes.map((note) => `${note.at} ${note.by}: ${note.text}`).join(' | '),
  ]);
  const columns = ['inquiryId', 'receivedAt', 'donor', 'donorType', 'country', 'review', 'contact', 'email', 'intendedAmount', 'intendedCurrency', 'earmarked', 'objective', 'state', 'receivedAmount', 'receivedCurrency', 'lastChangedAt', 'notes'];
  return csvFile(`trust-fund-inquiries-${now.toISOString().slice(0, 10)}`, columns, rows);
}

/** The job: staff are reminded of each inquiry nobody has touched for 7 days, once for each such stretch. */
export async function remindStaleInquiries(now: Date): Promise<{ reminded: number }> {
  const before = new Date(now.getTime() - staleDays * dayMs).toISOString();
  const stale = await queryAll({
    IndexName: keys.openInquiryIndex.indexName,
    KeyConditionExpression: 'gsi2pk = :open AND gsi2sk < :before',
    ExpressionAttributeValues: { ':open': keys.openInquiryIndex.partition, ':before': before },
  });
  let reminded = 0;
  for (const item of stale) {
    const inquiry = toInquiry(item);
    const put = enqueueNotification(
      'trustFundStaleInquiry',
      {
        to: [setting('STAFF_ALERT_EMAIL')],
        language: 'en',
        dedupeKey: `trust-fund-stale:${inquiry.inquiryId}:${inquiry.updatedAt}`,
        data: { inquiryId: inquiry.inquiryId, donorName: inquiry.donor.name, state: inquiry.state, lastChangedAt: inquiry.updatedAt, daysUntouched: Math.floor((now.getTime() - Date.parse(inquiry.updatedAt)) / dayMs) },
      },
      now,
    );
    if (await enqueueStandalone(put)) reminded += 1;
  }
  return { reminded };
}
