import { auditPut, type Actor } from '#shared/audit/audit.ts';
import { applicationItem, getApplication, statusLink } from '#shared/accreditation/applications.ts';
import { setting } from '#shared/config.ts';
import { tableName } from '#shared/db/client.ts';
import { keys } from '#shared/db/keys.ts';
import { retryOnVersionClash, writeTogether } from '#shared/db/transactions.ts';
import { enqueueNotification } from '#shared/email/outbox.ts';
import { enqueueStandalone } from '#shared/email/store.ts';
import { logger } from '#shared/observability/logger.ts';
import { findOrganisation } from '#shared/organisations/store.ts';
import type { Accreditation, AccreditationStage } from '#shared/organisations/schemas.ts';
import { newFanOut, runFanOut } from '#shared/circulations/fan-out.ts';
import { queryAll } from '#shared/db/query.ts';
import { circulationItem, findCirculation, listEntries, listObjections } from '#shared/circulations/store.ts';
import type { BallotEvent, Circulation, Outcome, StoredEntry } from '#shared/circulations/schemas.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { table: ['PutItem', 'UpdateItem'], indexes: ['gsi1', 'gsi2'], env: ['STAFF_ALERT_EMAIL'] };

const scheduler: Actor = { id: 'scheduler', role: 'system' };

/**
 * A list is closed this long after its deadline, not at it: an objection that reached the API before
 * the deadline is still being written for at most an API Lambda's timeout (10 s), so by then every
 * objection made in time is stored, and none is made after (the ballot answers 409).
 */
export const closingGraceSeconds = 30;
const reminderLeadMs = 3 * 24 * 3600_000;

async function queued(state: 'circulated' | 'closing', until: string): Promise<{ circulationId: string }[]> {
  const items = await queryAll({
    IndexName: keys.circulationQueueIndex.indexName,
    KeyConditionExpression: 'gsi2pk = :queue AND gsi2sk < :until',
    ExpressionAttributeValues: { ':queue': keys.circulationQueueIndex.partition(state), ':until': until },
  });
  return items.map((item) => ({ circulationId: String(item.circulationId) }));
}

/** The accreditation an organisation has once accredited for a stage; undefined if it needs no change. */
export function accreditedFor(accreditation: Accreditation, stage: AccreditationStage): Accreditation | undefined {
  if (accreditation.basis === 'none') return { basis: 'special-accreditation', stages: [stage] };
  if (accreditation.basis === 'special-accreditation' && !accreditation.stages.includes(stage)) return { basis: 'special-accreditation', stages: [...accreditation.stages, stage] };
  return undefined;
}

/** One name's outcome: the entry, the application, the organisation's accreditation, the applicant told; once. */
async function recordOutcome(circulation: Circulation, entry: StoredEntry, standing: number, now: Date): Promise<Outcome> {
  const outcome: Outcome = standing > 0 ? 'not-accredited' : 'accredited';
  const at = now.toISOString();
  return retryOnVersionClash(
    async () => {
      const application = await getApplication(entry.applicationId);
      const organisation = await findOrganisation(entry.organisationId);
      const accreditation = outcome === 'accredited' && organisation ? accreditedFor(organisation.accreditation, circulation.stage) : undefined;
      const link = await statusLink(entry.applicationId, now);
      const { failedCondition } = await writeTogether([
        {
          Update: {
            TableName: tableName(),
            Key: keys.circulationEntry(circulation.circulationId, entry.applicationId),
            UpdateExpression: 'SET outcome = :outcome, standingObjections = :standing',
            ConditionExpression: 'attribute_type(outcome, :null)',
            ExpressionAttributeValues: { ':outcome': outcome, ':standing': standing, ':null': 'NULL' },
          },
        },
        {
          Put: {
            TableName: tableName(),
            Item: applicationItem({ ...application, state: outcome, updatedAt: at, version: application.version + 1 }),
            ConditionExpression: 'version = :version',
            ExpressionAttributeValues: { ':version': application.version },
          },
        },
        ...(accreditation && organisation
          ? [
              {
                Update: {
                  TableName: tableName(),
                  Key: keys.organisation(organisation.organisationId),
                  UpdateExpression: 'SET accreditation = :accreditation, updatedAt = :at',
                  ConditionExpression: 'updatedAt = :before',
                  ExpressionAttributeValues: { ':accreditation': accreditation, ':at': at, ':before': organisation.updatedAt },
                },
              },
            ]
          : []),
        enqueueNotification(
          'accreditationOutcome',
          {
            to: [entry.contactEmail],
            language: entry.language,
            dedupeKey: `accreditation-outcome:${circulation.circulationId}:${entry.applicationId}`,
            data: { contactName: entry.contactName, organisationName: entry.name, stage: circulation.stage, outcome, statusUrl: link.url },
          },
          now,
        ),
        auditPut(keys.application(entry.applicationId), { action: `application.${outcome}`, actor: scheduler, at: now, details: { circulationId: circulation.circulationId, standingObjections: standing } }),
        ...(accreditation && organisation ? [auditPut(keys.organisation(organisation.organisationId), { action: 'organisation.accredited', actor: scheduler, at: now, details: { stage: circulation.stage, circulationId: circulation.circulationId } })] : []),
      ]);
      if (failedCondition === 0) return outcome; // recorded by an earlier run
      return failedCondition === undefined ? outcome : undefined;
    },
    () => new Error(`Could not record the outcome of ${entry.applicationId} on ${circulation.circulationId}: it kept changing`),
  );
}

async function inBatches<T>(items: readonly T[], size: number, work: (item: T) => Promise<unknown>) {
  for (let start = 0; start < items.length; start += size) await Promise.all(items.slice(start, start + size).map(work));
}

/** Records every outcome of a closing list, then closes it and sends staff the final list. Safe to run twice. */
async function finishClosing(circulationId: string, now: Date): Promise<boolean> {
  const circulation = await findCirculation(circulationId);
  if (!circulation || circulation.state !== 'closing') return false;
  const [entries, objections] = await Promise.all([listEntries(circulationId), listObjections(circulationId)]);
  const standing = new Map<string, number>();
  for (const objection of objections) if (objection.state === 'standing') standing.set(objection.applicationId, (standing.get(objection.applicationId) ?? 0) + 1);
  const outcomes = new Map(entries.filter((entry) => entry.outcome).map((entry) => [entry.applicationId, entry.outcome as Outcome]));
  await inBatches(
    entries.filter((entry) => !entry.outcome),
    10,
    async (entry) => outcomes.set(entry.applicationId, await recordOutcome(circulation, entry, standing.get(entry.applicationId) ?? 0, now)),
  );
  const listed = (entry: StoredEntry) => ({ reference: entry.applicationId, name: entry.name, country: entry.country, organisationType: entry.organisationType });
  const accredited = entries.filter((entry) => outcomes.get(entry.applicationId) === 'accredited');
  const notAccredited = entries.filter((entry) => outcomes.get(entry.applicationId) === 'not-accredited');
  const at = now.toISOString();
  const after: Circulation = { ...circulation, state: 'closed', closedAt: at, accredited: accredited.length, notAccredited: notAccredited.length, version: circulation.version + 1 };
  const { failedCondition } = await writeTogether([
    { Put: { TableName: tableName(), Item: circulationItem(after), ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': circulation.version } } },
    enqueueNotification(
      'circulationClosed',
      {
        to: [setting('STAFF_ALERT_EMAIL')],
        language: 'en',
        dedupeKey: `circulation-closed:${circulationId}`,
        data: {
          circulationId,
          title: circulation.title,
          stage: circulation.stage,
          deadline: circulation.deadline ?? at,
          closedAt: at,
          accredited: accredited.map(listed),
          notAccredited: notAccredited.map((entry) => ({ ...listed(entry), objections: Math.max(1, standing.get(entry.applicationId) ?? 1) })),
        },
      },
      now,
    ),
    auditPut(keys.circulation(circulationId), { action: 'circulation.closed', actor: scheduler, at: now, details: { accredited: accredited.length, notAccredited: notAccredited.length } }),
  ]);
  return failedCondition === undefined;
}

/**
 * The job: lists whose deadline has passed (by the grace) move to closing, once; every closing list
 * then gets its outcomes recorded and is closed. A second run at the same time changes nothing twice.
 */
export async function closeDueCirculations(now: Date): Promise<{ closed: number }> {
  const due = await queued('circulated', new Date(now.getTime() - closingGraceSeconds * 1000).toISOString());
  for (const { circulationId } of due) {
    const circulation = await findCirculation(circulationId);
    if (!circulation || circulation.state !== 'circulated' || !circulation.deadline || circulation.deadline > new Date(now.getTime() - closingGraceSeconds * 1000).toISOString()) continue;
    await writeTogether([
      { Put: { TableName: tableName(), Item: circulationItem({ ...circulation, state: 'closing', version: circulation.version + 1 }), ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': circulation.version } } },
      auditPut(keys.circulation(circulationId), { action: 'circulation.closing', actor: scheduler, at: now, details: { deadline: circulation.deadline } }),
    ]);
  }
  let closed = 0;
  for (const { circulationId } of await queued('closing', '\uffff')) if (await finishClosing(circulationId, now)) closed += 1;
  if (closed > 0) logger.info('Circulations closed', { closed });
  return { closed };
}

/** The job: reminds every mission 3 days before a deadline, once per deadline, unless it was sent to them within those 3 days. */
export async function sendCirculationReminders(now: Date): Promise<{ reminded: number }> {
  const soon = await queued('circulated', new Date(now.getTime() + reminderLeadMs).toISOString());
  let reminded = 0;
  for (const { circulationId } of soon) {
    const circulation = await findCirculation(circulationId);
    if (!circulation?.deadline || circulation.state !== 'circulated' || circulation.deadline <= now.toISOString()) continue;
    if (circulation.remindedFor === circulation.deadline) continue;
    const remindFrom = new Date(new Date(circulation.deadline).getTime() - reminderLeadMs).toISOString();
    if (circulation.lastNoticeAt && circulation.lastNoticeAt >= remindFrom) continue; // they heard of this deadline less than 3 days before it
    const after: Circulation = { ...circulation, remindedFor: circulation.deadline, version: circulation.version + 1 };
    const fanOut = newFanOut(after, 'reminder', null, now);
    const { failedCondition } = await writeTogether([
      { Put: { TableName: tableName(), Item: circulationItem(after), ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': circulation.version } } },
      fanOut.put,
      auditPut(keys.circulation(circulationId), { action: 'circulation.reminded', actor: scheduler, at: now, details: { deadline: circulation.deadline } }),
    ]);
    if (failedCondition !== undefined) continue;
    await runFanOut(circulationId, fanOut.name, now);
    reminded += 1;
  }
  return { reminded };
}

const dayMs = 24 * 3600_000;

/** The job: the previous UTC day's ballot events, per list, to staff in one message; once per day, none on a quiet day. */
export async function sendObjectionDigest(now: Date): Promise<{ sent: boolean; events: number }> {
  const until = new Date(Math.floor(now.getTime() / dayMs) * dayMs);
  const since = new Date(until.getTime() - dayMs);
  const logged = await queryAll({
    IndexName: keys.ballotEventLogIndex.indexName,
    KeyConditionExpression: 'gsi1pk = :log AND gsi1sk BETWEEN :since AND :until',
    ExpressionAttributeValues: { ':log': keys.ballotEventLogIndex.partition, ':since': since.toISOString(), ':until': until.toISOString() },
  });
  const events = (logged as (BallotEvent & { circulationId: string })[]).filter((event) => event.at < until.toISOString());
  if (events.length === 0) return { sent: false, events: 0 };
  const circulations = [];
  for (const circulationId of [...new Set(events.map((event) => event.circulationId))]) {
    const circulation = await findCirculation(circulationId);
    if (!circulation) continue;
    const [entries, objections] = await Promise.all([listEntries(circulationId), listObjections(circulationId)]);
    const names = new Map(entries.map((entry) => [entry.applicationId, entry.name]));
    const standing = objections.filter((objection) => objection.state === 'standing');
    circulations.push({
      circulationId,
      title: circulation.title,
      deadline: circulation.deadline ?? circulation.createdAt,
      events: events
        .filter((event) => event.circulationId === circulationId)
        .map((event) => ({ at: event.at, memberStateName: event.memberStateName, event: event.event, applicants: event.applicationIds.map((id) => names.get(id) ?? id) })),
      standingObjections: standing.length,
      applicantsObjectedTo: new Set(standing.map((objection) => objection.applicationId)).size,
    });
  }
  const sent = await enqueueStandalone(
    enqueueNotification('objectionDigest', { to: [setting('STAFF_ALERT_EMAIL')], language: 'en', dedupeKey: `objection-digest:${since.toISOString().slice(0, 10)}`, data: { since: since.toISOString(), until: until.toISOString(), circulations } }, now),
  );
  return { sent, events: events.length };
}

