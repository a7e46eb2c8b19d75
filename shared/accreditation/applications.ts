import { randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { auditPut, type Actor } from '#shared/audit/audit.ts';
import { statusLink as linkTo } from '#shared/auth/status-link.ts';
import { pathFor } from '#shared/http/route-spec.ts';
import { routes } from '#shared/http/routes.ts';
import { db, tableName } from '#shared/db/client.ts';
import { keys, withoutKeys } from '#shared/db/keys.ts';
import { allPages, queryPage, type Page } from '#shared/db/query.ts';
import { writeTogether } from '#shared/db/transactions.ts';
import { enqueueNotification } from '#shared/email/outbox.ts';
import { ConflictError, NotFoundError } from '#shared/errors.ts';
import { registryCountry } from '#shared/member-states/store.ts';
import { organisationMatchKey, type AccreditationStage, type Organisation } from '#shared/organisations/schemas.ts';
import { findOrganisationByMatchKey, newOrganisationId, newOrganisationPuts } from '#shared/organisations/store.ts';
import type { Application, ApplicationBody, ApplicationState, ListBalance, ScreeningDecision, StageSettings } from '#shared/accreditation/schemas.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { table: ['GetItem', 'PutItem'], indexes: ['gsi1'] };

const applicant: Actor = { id: 'applicant', role: 'public' };

export async function stageSettings(stage: AccreditationStage): Promise<StageSettings | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.accreditationStage(stage) }));
  if (!Item) return undefined;
  const { type: _type, ...settings } = withoutKeys(Item);
  return settings as StageSettings;
}

/** Staff set (or move) a stage's application deadline; the sources' dates are only defaults (DOMAIN.md section 10). */
export async function putStageSettings(stage: AccreditationStage, applicationDeadline: string, actor: Actor, now: Date): Promise<StageSettings> {
  const settings: StageSettings = { stage, applicationDeadline, updatedAt: now.toISOString(), updatedBy: actor.id };
  await writeTogether([
    { Put: { TableName: tableName(), Item: { ...keys.accreditationStage(stage), type: 'accreditationStage', ...settings } } },
    auditPut(keys.accreditationStage(stage), { action: 'accreditation.deadlineSet', actor, at: now, details: { applicationDeadline } }),
  ]);
  return settings;
}

export const toApplication = (item: Record<string, unknown>): Application => {
  const { type: _type, ...application } = withoutKeys(item);
  return { circulationId: null, ...application } as Application;
};
export const applicationItem = (application: Application) => ({
  ...keys.application(application.applicationId),
  ...keys.stageApplications(application.stage, application.createdAt, application.applicationId),
  type: 'accreditationApplication',
  ...application,
});

export function statusLink(applicationId: string, now: Date) {
  // An application is followed until its stage's lists are long closed: two years.
  const expiresAt = new Date(now.getTime() + 2 * 365 * 24 * 3600_000);
  return linkTo('applicant', pathFor(routes.getApplication, { applicationId }), applicationId, expiresAt, now);
}

/** An organisation applies for special accreditation to a stage, before that stage's deadline, once. */
export async function apply(body: ApplicationBody, now: Date) {
  const { regionalGroup } = await registryCountry(body.organisation.country, 'body.organisation.country');
  const settings = await stageSettings(body.stage);
  if (!settings) throw new ConflictError(`Applications for the ${body.stage} are not open: no deadline has been set`);
  if (now > new Date(settings.applicationDeadline)) throw new ConflictError(`Applications for the ${body.stage} closed at ${settings.applicationDeadline}`);
  const matchKey = organisationMatchKey(body.organisation.name, body.organisation.country);
  const existing = await findOrganisationByMatchKey(matchKey);
  if (existing?.accreditation.basis === 'ecosoc-consultative-status') {
    throw new ConflictError(`${existing.name} is in ECOSOC consultative status and can register for meetings without special accreditation (organisation ${existing.organisationId})`);
  }
  if (existing?.accreditation.basis === 'special-accreditation' && existing.accreditation.stages.includes(body.stage)) {
    throw new ConflictError(`${existing.name} is already accredited for the ${body.stage} (organisation ${existing.organisationId})`);
  }
  const at = now.toISOString();
  const organisation: Organisation = existing ?? {
    organisationId: newOrganisationId(),
    name: body.organisation.name,
    country: body.organisation.country,
    website: body.organisation.website,
    type: body.organisation.type,
    accreditation: { basis: 'none' },
    createdAt: at,
    updatedAt: at,
  };
  const application: Application = {
    applicationId: `acc_${randomBytes(8).toString('hex')}`,
    stage: body.stage,
    organisationId: organisation.organisationId,
    organisation: { ...body.organisation, regionalGroup },
    contact: body.contact,
    representativeGender: body.representativeGender,
    language: body.language,
    state: 'submitted',
    stateReason: null,
    circulationId: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  const link = await statusLink(application.applicationId, now);
  const { failedCondition } = await writeTogether([
    { Put: { TableName: tableName(), Item: { ...keys.stageApplicant(body.stage, matchKey), type: 'stageApplicant', applicationId: application.applicationId }, ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { TableName: tableName(), Item: applicationItem(application), ConditionExpression: 'attribute_not_exists(pk)' } },
    ...(existing ? [] : newOrganisationPuts(organisation)),
    enqueueNotification('applicationReceived', { to: [body.contact.email], language: body.language, dedupeKey: `application-received:${application.applicationId}`, data: { contactName: body.contact.name, organisationName: organisation.name, stage: body.stage, statusUrl: link.url } }, now),
    auditPut(keys.application(application.applicationId), { action: 'application.submitted', actor: applicant, at: now, details: { stage: body.stage, organisationId: organisation.organisationId } }),
  ]);
  if (failedCondition === 0) {
    const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.stageApplicant(body.stage, matchKey) }));
    throw new ConflictError(`${body.organisation.name} (${body.organisation.country}) has already applied for the ${body.stage}: application ${String(Item?.applicationId ?? 'unknown')}`);
  }
  if (failedCondition !== undefined) throw new ConflictError('The application could not be stored because of a concurrent change; please try again');
  return { application, statusUrl: link.url, statusToken: link.token, statusTokenExpiresAt: link.expiresAt.toISOString() };
}

export async function getApplication(applicationId: string): Promise<Application> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.application(applicationId), ConsistentRead: true }));
  if (!Item) throw new NotFoundError(`No application has the id '${applicationId}'`);
  return toApplication(Item);
}

export function listApplications(stage: AccreditationStage, query: { state?: ApplicationState | undefined; limit: number; cursor?: string | undefined }): Promise<Page<Application>> {
  const partition = keys.stageApplicationsIndex.partition(stage);
  return queryPage(
    {
      IndexName: keys.stageApplicationsIndex.indexName,
      KeyConditionExpression: 'gsi1pk = :partition',
      ...(query.state ? { FilterExpression: '#state = :state', ExpressionAttributeNames: { '#state': 'state' } } : {}),
      ExpressionAttributeValues: { ':partition': partition, ...(query.state ? { ':state': query.state } : {}) },
    },
    { limit: query.limit, cursor: query.cursor, partition: { gsi1pk: partition }, toItem: toApplication },
  );
}

/** Staff include applications in the next list, or reject them with a reason the applicant is told. */
export async function screen(decision: ScreeningDecision, actor: Actor, now: Date) {
  const items = [];
  for (const applicationId of decision.applicationIds) {
    const before = await getApplication(applicationId).catch(() => undefined);
    const target: ApplicationState = decision.decision === 'include' ? 'included' : 'rejected';
    if (!before) {
      items.push({ applicationId, outcome: 'skipped' as const, state: null, message: `No application '${applicationId}'` });
      continue;
    }
    // An included application can still be rejected; one not accredited can be included on a later list (DOMAIN.md section 11).
    const allowed = before.state === 'submitted' || (before.state === 'included' && target === 'rejected') || (before.state === 'not-accredited' && target === 'included');
    if (!allowed) {
      items.push({ applicationId, outcome: 'skipped' as const, state: before.state, message: `Cannot ${decision.decision} an application that is ${before.state}` });
      continue;
    }
    const after: Application = { ...before, state: target, stateReason: decision.reason, updatedAt: now.toISOString(), version: before.version + 1 };
    const tell = target === 'rejected'
      ? [enqueueNotification('applicationRejected', { to: [before.contact.email], language: before.language, dedupeKey: `application-rejected:${applicationId}:${after.version}`, data: { contactName: before.contact.name, organisationName: before.organisation.name, stage: before.stage, reason: decision.reason ?? '', statusUrl: (await statusLink(applicationId, now)).url } }, now)]
      : [];
    const { failedCondition } = await writeTogether([
      { Put: { TableName: tableName(), Item: applicationItem(after), ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': before.version } } },
      ...tell,
      auditPut(keys.application(applicationId), { action: `application.${target}`, actor, at: now, details: { reason: decision.reason } }),
    ]);
    items.push(failedCondition === undefined ? { applicationId, outcome: 'done' as const, state: target, message: null } : { applicationId, outcome: 'skipped' as const, state: before.state, message: 'It changed meanwhile; try again' });
  }
  return { items };
}

/** The balance of a (future) list: counts and shares by region, country, organisation type and gender. */
export async function balance(stage: AccreditationStage, state: ApplicationState): Promise<ListBalance> {
  const applications = await allPages((cursor) => listApplications(stage, { state, limit: 200, cursor }));
  const tally = (key: (application: Application) => string) => {
    const counts: Record<string, number> = {};
    for (const application of applications) counts[key(application)] = (counts[key(application)] ?? 0) + 1;
    return Object.fromEntries(Object.entries(counts).map(([name, count]) => [name, { count, share: Math.round((count / applications.length) * 1000) / 1000 }]));
  };
  return {
    stage,
    state,
    total: applications.length,
    byRegionalGroup: tally((application) => application.organisation.regionalGroup ?? 'none'),
    byCountry: tally((application) => application.organisation.country),
    byOrganisationType: tally((application) => application.organisation.type),
    byGender: tally((application) => application.representativeGender),
  };
}

/** The sources' deadlines (DOMAIN.md section 3), for seeding; staff move them. */
export const defaultStageDeadlines: Record<AccreditationStage, string> = {
  'preparatory-process': '2017-04-17T23:59:59-04:00',
  'intergovernmental-conference': '2018-04-30T23:59:59-04:00',
};

export function seedStageItem(stage: AccreditationStage, now: Date) {
  return { ...keys.accreditationStage(stage), type: 'accreditationStage', stage, applicationDeadline: defaultStageDeadlines[stage], updatedAt: now.toISOString(), updatedBy: 'seed' };
}
