import { randomBytes } from 'node:crypto';
import { BatchWriteCommand, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Actor } from '#shared/audit/audit.ts';
import { apply, putStageSettings, screen } from '#shared/accreditation/applications.ts';
import type { ApplicationBody } from '#shared/accreditation/schemas.ts';
import { object } from '#shared/circulations/ballot.ts';
import { circulate, createCirculation } from '#shared/circulations/circulations.ts';
import { closeDueCirculations, closingGraceSeconds } from '#shared/circulations/closing.ts';
import { getCirculation } from '#shared/circulations/store.ts';
import { db, tableName } from '#shared/db/client.ts';
import { keys, type ItemKey } from '#shared/db/keys.ts';
import { notificationIdFor } from '#shared/email/outbox.ts';
import type { MemberState } from '#shared/member-states/schemas.ts';
import { logger } from '#shared/observability/logger.ts';
import { organisationTypes } from '#shared/organisations/schemas.ts';
import { demoMissionAddress, seedMemberStates } from '#local/seed.ts';
import { freePort, startLocalSystem } from '#local/runtime.ts';
import { median } from './stats.ts';

export interface CirculationFigures {
  applicants: number;
  memberStates: number;
  objectedTo: number;
  rounds: number;
  /** Medians over the rounds, in ms; each round is one list, circulated once and closed once. */
  circulate: { ms: number; bareMs: number; copiesMs: number; notificationBytes: number; transactions: number; samples: { ms: number; bareMs: number; copiesMs: number }[] };
  close: { ms: number; bareMs: number; outcomeNotificationBytes: number; closedNotificationBytes: number; samples: { ms: number; bareMs: number }[] };
}

const stage = 'preparatory-process';
const staff: Actor = { id: 'bench@opga.example.org', role: 'admin' };
const dayMs = 24 * 3600_000;
/** As the fan-out: at most 99 notices (the 100th item moves its cursor on) and 3,000,000 JSON bytes per transaction. */
const noticesPerTransaction = 99;
const noticeBytesPerTransaction = 3_000_000;
/** As closing: outcomes recorded 10 at a time. */
const outcomesAtOnce = 10;
const applicantTypes = organisationTypes.filter((type) => type !== 'nhri');

/** Real items of a closed list: the bare writes copy their sizes. */
type Templates = Record<'notice' | 'entry' | 'application' | 'organisation' | 'outcomeNotice' | 'outcomeAudit' | 'circulation' | 'closedNotice' | 'closedAudit', Record<string, unknown>>;

const jsonSize = (item: unknown) => JSON.stringify(item).length;

async function inBatches<T>(items: readonly T[], size: number, work: (item: T, index: number) => Promise<unknown>) {
  for (let start = 0; start < items.length; start += size) await Promise.all(items.slice(start, start + size).map((item, offset) => work(item, start + offset)));
}

async function realItem(key: ItemKey, what: string): Promise<Record<string, unknown>> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  if (!Item) throw new Error(`The benchmark found no ${what} at ${key.pk} / ${key.sk}`);
  return Item;
}

async function newestAudit(entity: ItemKey): Promise<Record<string, unknown>> {
  const { Items = [] } = await db().send(
    new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)', ExpressionAttributeValues: { ':pk': entity.pk, ':audit': 'AUDIT#' }, ScanIndexForward: false, Limit: 1 }),
  );
  if (!Items[0]) throw new Error(`The benchmark found no audit entry of ${entity.pk}`);
  return Items[0];
}

/** Bench keys for a copy of a real item, with the same index attributes, so DynamoDB Local writes the same index entries. */
function benchKeys(real: Record<string, unknown>, key: ItemKey): Record<string, unknown> {
  const item: Record<string, unknown> = { ...key };
  for (const [partition, sort] of [['gsi1pk', 'gsi1sk'], ['gsi2pk', 'gsi2sk']] as const) {
    if (partition in real) Object.assign(item, { [partition]: `BARE#${String(real[partition])}`, [sort]: `${key.pk}#${key.sk}` });
  }
  return item;
}

/** A stand-in for a real item: bench keys, `fields` as given, and a filler string to the real item's JSON size. */
function bareLike(real: Record<string, unknown>, key: ItemKey, fields: Record<string, unknown> = {}): Record<string, unknown> {
  const item = { ...benchKeys(real, key), ...fields };
  return { ...item, filler: 'x'.repeat(Math.max(0, jsonSize(real) - jsonSize({ ...item, filler: '' }))) };
}

async function putAll(items: Record<string, unknown>[]) {
  for (let start = 0; start < items.length; start += 25) {
    let request: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = { [tableName()]: items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })) };
    while (request && Object.keys(request).length > 0) request = (await db().send(new BatchWriteCommand({ RequestItems: request }))).UnprocessedItems as typeof request;
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

/** Untimed: `count` distinct organisations apply, staff include them all, and list them in one draft circulation. */
async function draftList(round: number, count: number, countries: string[], now: Date) {
  const applicationIds: string[] = [];
  await inBatches(Array.from({ length: count }, (_unused, index) => index), 8, async (index) => {
    const body: ApplicationBody = {
      stage,
      organisation: {
        name: `Bench Migrant Rights Association ${round}-${String(index).padStart(3, '0')}`,
        type: applicantTypes[index % applicantTypes.length]!,
        country: countries[index % countries.length]!,
        website: null,
        yearFounded: 1990 + (index % 30),
        mission: 'Legal aid and advice for migrant workers and their families.',
        relevanceToMigration: 'Runs pre-departure training and return programmes for migrant workers.',
        geographicScope: 'national',
      },
      contact: { name: 'Bench contact', email: `applicant${round}.${index}@bench.example.org` },
      representativeGender: index % 2 === 0 ? 'female' : 'male',
      language: 'en',
    };
    applicationIds[index] = (await apply(body, now)).application.applicationId;
  });
  for (let start = 0; start < applicationIds.length; start += 100) {
    const { items } = await screen({ applicationIds: applicationIds.slice(start, start + 100), decision: 'include', reason: null }, staff, now);
    const skipped = items.filter((item) => item.outcome !== 'done');
    if (skipped.length > 0) throw new Error(`Screening skipped ${skipped.length} applications: ${skipped[0]?.message ?? ''}`);
  }
  const { circulation, skipped } = await createCirculation({ stage, title: `Bench list ${round}`, applicationIds }, staff, now);
  if (skipped.length > 0 || circulation.applicants !== count) throw new Error(`The list holds ${circulation.applicants} of ${count} applicants`);
  return { circulationId: circulation.circulationId, applicationIds };
}

/**
 * The bare writes of circulating: notice items in transactions as large as the fan-out's (99 items,
 * or fewer if they would pass 3 MB), one after another. Returns ms and transactions.
 */
async function bareCirculate(items: Record<string, unknown>[]) {
  const perTransaction = Math.max(1, Math.min(noticesPerTransaction, Math.floor(noticeBytesPerTransaction / jsonSize(items[0]))));
  const { ms } = await timed(async () => {
    for (let start = 0; start < items.length; start += perTransaction) {
      await db().send(
        new TransactWriteCommand({ TransactItems: items.slice(start, start + perTransaction).map((Item) => ({ Put: { TableName: tableName(), Item, ConditionExpression: 'attribute_not_exists(pk)' } })) }),
      );
    }
  });
  return { ms, transactions: Math.ceil(items.length / perTransaction) };
}

/**
 * The bare writes of closing: the move to closing; per applicant one transaction of an entry update,
 * an application put, an organisation update, a notification put and an audit put, 10 at a time;
 * and the closed list with its notification and audit entry. Items are the size of the real ones.
 */
async function bareClose(round: number, count: number, real: Templates) {
  const key = (kind: string, index: number): ItemKey => ({ pk: `BARE#${round}#${kind}#${index}`, sk: kind });
  const indexes = Array.from({ length: count }, (_unused, index) => index);
  // What closing finds in place: the entries, applications and organisations it changes.
  await putAll(indexes.flatMap((index) => [
    bareLike(real.entry, key('ENTRY', index), { outcome: null }),
    bareLike(real.application, key('APPLICATION', index), { version: 1 }),
    bareLike(real.organisation, key('ORGANISATION', index), { updatedAt: 'before' }),
  ]));
  const circulationKey = key('CIRCULATION', 0);
  await putAll([bareLike(real.circulation, circulationKey, { version: 1 })]);
  const put = (Item: Record<string, unknown>, condition?: { ConditionExpression: string; ExpressionAttributeValues?: Record<string, unknown> }) => ({ Put: { TableName: tableName(), Item, ...condition } });
  const at = new Date().toISOString();
  const { ms } = await timed(async () => {
    await db().send(new TransactWriteCommand({ TransactItems: [put(bareLike(real.circulation, circulationKey, { version: 2 }), { ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': 1 } }), put(bareLike(real.closedAudit, key('AUDIT', -1)))] }));
    await inBatches(indexes, outcomesAtOnce, (index) =>
      db().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: tableName(),
                Key: key('ENTRY', index),
                UpdateExpression: 'SET outcome = :outcome, standingObjections = :standing',
                ConditionExpression: 'attribute_type(outcome, :null)',
                ExpressionAttributeValues: { ':outcome': 'accredited', ':standing': 0, ':null': 'NULL' },
              },
            },
            put(bareLike(real.application, key('APPLICATION', index), { version: 2 }), { ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': 1 } }),
            {
              Update: {
                TableName: tableName(),
                Key: key('ORGANISATION', index),
                UpdateExpression: 'SET accreditation = :accreditation, updatedAt = :at',
                ConditionExpression: 'updatedAt = :before',
                ExpressionAttributeValues: { ':accreditation': { basis: 'special-accreditation', stages: [stage] }, ':at': at, ':before': 'before' },
              },
            },
            put(bareLike(real.outcomeNotice, key('NOTIFICATION', index)), { ConditionExpression: 'attribute_not_exists(pk)' }),
            put(bareLike(real.outcomeAudit, key('AUDIT', index))),
          ],
        }),
      ),
    );
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          put(bareLike(real.circulation, circulationKey, { version: 3 }), { ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': 2 } }),
          put(bareLike(real.closedNotice, key('NOTIFICATION', -1)), { ConditionExpression: 'attribute_not_exists(pk)' }),
          put(bareLike(real.closedAudit, key('AUDIT', -2))),
        ],
      }),
    );
  });
  return ms;
}

/**
 * One list through the procedure: drawn up (untimed), circulated to every Member State (timed), objected
 * to by three States before its deadline, closed after it (timed); with its real items, for the bare writes to copy.
 */
async function oneList(round: number, applicants: number, objectedTo: number, memberStates: MemberState[]) {
  const countries = memberStates.map((state) => state.code);
  const listedAt = new Date();
  const { circulationId, applicationIds } = await draftList(round, applicants, countries, listedAt);

  const circulatedAt = new Date(listedAt.getTime() + 60_000);
  const deadline = new Date(circulatedAt.getTime() + 14 * dayMs).toISOString();
  const { ms: circulateMs, result: { notices } } = await timed(() => circulate(circulationId, { deadline }, staff, circulatedAt));
  if (notices?.state !== 'done' || notices.notifications !== memberStates.length) {
    throw new Error(`Circulating wrote ${notices?.notifications ?? 0} of ${memberStates.length} notices before its ${notices?.state ?? 'missing'} fan-out stopped (the request leaves the rest to the job after 6 s)`);
  }

  // Three States object: to the first half of the first `objectedTo` names, to the second half, and to the middle half.
  const objectedAt = new Date(circulatedAt.getTime() + dayMs);
  for (const [offset, from, to] of [[0, 0, 0.5], [1, 0.5, 1], [2, 0.25, 0.75]] as const) {
    const holder = { circulationId, memberState: countries[offset]!, linkExpiresAt: new Date(deadline) };
    const named = applicationIds.slice(Math.round(from * objectedTo), Math.round(to * objectedTo));
    if (named.length > 0) await object(holder, { applicationIds: named, basis: 'Bench: a general basis for the objection.' }, objectedAt);
  }

  const closeAt = new Date(new Date(deadline).getTime() + (closingGraceSeconds + 60) * 1000);
  const { ms: closeMs, result: { closed } } = await timed(() => closeDueCirculations(closeAt));
  const after = await getCirculation(circulationId);
  if (closed !== 1 || after.state !== 'closed' || after.accredited !== applicants - objectedTo || after.notAccredited !== objectedTo) {
    throw new Error(`Closing left the list ${after.state} with ${after.accredited ?? '-'} accredited and ${after.notAccredited ?? '-'} not (closed ${closed})`);
  }

  const first = memberStates[0]!;
  const accreditedId = applicationIds[applicationIds.length - 1]!;
  const application = await realItem(keys.application(accreditedId), 'application');
  const templates: Templates = {
    notice: await realItem(keys.notification(notificationIdFor(`circulation:${circulationId}:circulated:${first.code}:${demoMissionAddress(first.code)}`)), 'circulation notice'),
    entry: await realItem(keys.circulationEntry(circulationId, accreditedId), 'entry'),
    application,
    organisation: await realItem(keys.organisation(String(application.organisationId)), 'organisation'),
    outcomeNotice: await realItem(keys.notification(notificationIdFor(`accreditation-outcome:${circulationId}:${accreditedId}`)), 'outcome notice'),
    outcomeAudit: await newestAudit(keys.application(accreditedId)),
    circulation: await realItem(keys.circulation(circulationId), 'circulation'),
    closedNotice: await realItem(keys.notification(notificationIdFor(`circulation-closed:${circulationId}`)), 'closed-list notice'),
    closedAudit: await newestAudit(keys.circulation(circulationId)),
  };
  return { circulateMs, closeMs, templates };
}

/** The bare writes of one list, with items the size of a real list's. */
async function bareWrites(round: number, applicants: number, memberStates: number, templates: Templates) {
  const noticeKey = (kind: string, index: number): ItemKey => ({ pk: `BARE#${round}#${kind}#${index}`, sk: 'NOTIFICATION' });
  const notices = Array.from({ length: memberStates }, (_unused, index) => index);
  const circulated = await bareCirculate(notices.map((index) => bareLike(templates.notice, noticeKey('NOTICE', index))));
  // The same writes with copies of the real notice: DynamoDB Local takes longer over 300 nested maps than over one string of the same size.
  const copies = await bareCirculate(notices.map((index) => ({ ...templates.notice, ...benchKeys(templates.notice, noticeKey('NOTICE-COPY', index)) })));
  return { circulateMs: circulated.ms, transactions: circulated.transactions, copiesMs: copies.ms, closeMs: await bareClose(round, applicants, templates) };
}

/**
 * The non-objection procedure for lists of `applicants` names, `rounds` lists: circulating each to
 * every seeded Member State, and closing it after its deadline with `objectedTo` names objected to,
 * each against the bare DynamoDB Local writes it needs, in the same run.
 */
export async function measureCirculations(applicants: number, objectedTo: number, rounds: number): Promise<CirculationFigures> {
  const system = await startLocalSystem({ apiPort: await freePort(), dynamoPort: await freePort(), sesPort: await freePort(), dataDir: null, scheduler: false, authSecret: randomBytes(36).toString('base64url'), tableName: 'bench-circulations' });
  try {
    const memberStates = seedMemberStates(new Date()); // startLocalSystem seeded these, each with one mission address
    await putStageSettings(stage, new Date(Date.now() + 365 * dayMs).toISOString(), staff, new Date());
    logger.setLogLevel('WARN'); // an earlier section's handlers may have raised it, and closing's summary line would interleave with the figures
    // A first list, not counted: it warms Node and DynamoDB Local's JVM up, and its items are what the next bare writes copy.
    let { templates } = await oneList(0, applicants, objectedTo, memberStates);
    let bare = await bareWrites(0, applicants, memberStates.length, templates);
    const circulateSamples: { ms: number; bareMs: number; copiesMs: number }[] = [];
    const closeSamples: { ms: number; bareMs: number }[] = [];
    for (let round = 1; round <= rounds; round += 1) {
      // Every other round the bare writes go first (copying the previous list's items, the same sizes), so the warming that goes on through the run favours neither.
      const bareFirst = round % 2 === 0;
      if (bareFirst) bare = await bareWrites(round, applicants, memberStates.length, templates);
      const list = await oneList(round, applicants, objectedTo, memberStates);
      templates = list.templates;
      if (!bareFirst) bare = await bareWrites(round, applicants, memberStates.length, templates);
      circulateSamples.push({ ms: list.circulateMs, bareMs: bare.circulateMs, copiesMs: bare.copiesMs });
      closeSamples.push({ ms: list.closeMs, bareMs: bare.closeMs });
    }

    const medians = <Sample extends { ms: number; bareMs: number }>(samples: Sample[]) => ({ ms: median(samples.map((sample) => sample.ms)), bareMs: median(samples.map((sample) => sample.bareMs)), samples });
    return {
      applicants,
      memberStates: memberStates.length,
      objectedTo,
      rounds,
      circulate: { ...medians(circulateSamples), copiesMs: median(circulateSamples.map((sample) => sample.copiesMs)), notificationBytes: jsonSize(templates.notice), transactions: bare.transactions },
      close: { ...medians(closeSamples), outcomeNotificationBytes: jsonSize(templates.outcomeNotice), closedNotificationBytes: jsonSize(templates.closedNotice) },
    };
  } finally {
    await system.stop();
  }
}
