import { randomBytes } from 'node:crypto';
import { auditPut, type Actor } from '#shared/audit/audit.ts';
import { setting } from '#shared/config.ts';
import { tableName } from '#shared/db/client.ts';
import { keys } from '#shared/db/keys.ts';
import { writeTogether } from '#shared/db/transactions.ts';
import { enqueueNotification } from '#shared/email/outbox.ts';
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError, ValidationError, type FieldProblem } from '#shared/errors.ts';
import type { ScopedPrincipal } from '#shared/http/handler.ts';
import { findMemberState } from '#shared/member-states/store.ts';
import type { MemberState } from '#shared/member-states/schemas.ts';
import { getCirculation, listBallotEvents, listEntries, listInformationRequests, listObjections } from '#shared/circulations/store.ts';
import type { AnswerBody, Ballot, BallotEvent, Circulation, InformationRequest, InformationRequestBody, ObjectBody, Objection, StoredEntry } from '#shared/circulations/schemas.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { table: ['PutItem'], env: ['STAFF_ALERT_EMAIL'] };

/** Who holds a ballot link: the circulation it opens, the State it is for, and when the link expires. */
export interface BallotHolder {
  circulationId: string;
  memberState: string;
  linkExpiresAt: Date;
}

/** The holder of a ballot link, from the token the HTTP stack verified. */
export const ballotHolder = (principal: ScopedPrincipal): BallotHolder => ({ circulationId: principal.id, memberState: principal.holder ?? '', linkExpiresAt: principal.expiresAt });

const tolerance = 5_000;

/**
 * Opens a ballot for a request. After the deadline (or once the list is closing or closed) every
 * ballot route answers 409 with the deadline; before it, an expired link (one sent with an earlier
 * deadline) answers 401, and a State the list was not sent to 403.
 */
async function openBallot(holder: BallotHolder, now: Date): Promise<{ circulation: Circulation & { deadline: string }; state: MemberState }> {
  const circulation = await getCirculation(holder.circulationId);
  if (circulation.state === 'draft' || !circulation.deadline) throw new ForbiddenError(`${circulation.title} has not been circulated`);
  if (circulation.state !== 'circulated' || now.toISOString() > circulation.deadline) {
    throw new ConflictError(`The non-objection period for ${circulation.title} ended at the deadline, ${circulation.deadline}; the ballot is closed`);
  }
  if (holder.linkExpiresAt.getTime() + tolerance < now.getTime()) {
    throw new UnauthorizedError(`This link expired at ${holder.linkExpiresAt.toISOString()}, with an earlier deadline; the deadline is now ${circulation.deadline}: use the link in the latest notice`, {
      headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
    });
  }
  const state = await findMemberState(holder.memberState);
  if (!state) throw new ForbiddenError(`The link names '${holder.memberState}', which is not in the registry of Member States`);
  return { circulation: circulation as Circulation & { deadline: string }, state };
}

const stateActor = (code: string): Actor => ({ id: `member-state:${code}`, role: 'memberState' });
const listed = (entry: StoredEntry) => ({ reference: entry.applicationId, name: entry.name, country: entry.country, organisationType: entry.organisationType });

function namesOnList(field: string, ids: readonly string[], entries: Map<string, StoredEntry>) {
  const problems: FieldProblem[] = ids.flatMap((id, index) => (entries.has(id) ? [] : [{ field: `${field}[${index}]`, message: `'${id}' is not on this list` }]));
  if (problems.length > 0) throw new ValidationError(`Not on this list: ${problems.map((problem) => problem.field).join(', ')}`, { fields: problems });
}

function eventPuts(circulation: Circulation, state: MemberState, event: Omit<BallotEvent, 'eventId' | 'at' | 'memberState' | 'memberStateName'>, entries: StoredEntry[], now: Date, message: string | null = null) {
  const at = now.toISOString();
  const eventId = `evt_${randomBytes(8).toString('hex')}`;
  const record: BallotEvent = { eventId, at, memberState: state.code, memberStateName: state.name, ...event };
  return [
    { Put: { TableName: tableName(), Item: { ...keys.ballotEvent(circulation.circulationId, at, eventId), ...keys.ballotEventLog(at, eventId), type: 'ballotEvent', circulationId: circulation.circulationId, ...record } } },
    enqueueNotification(
      'objectionAlert',
      {
        to: [setting('STAFF_ALERT_EMAIL')],
        language: 'en',
        dedupeKey: `ballot-event:${eventId}`,
        data: { circulationId: circulation.circulationId, title: circulation.title, memberState: state.code, memberStateName: state.name, event: event.event, applicants: entries.map(listed), basisGiven: event.basis !== null, message, at },
      },
      now,
    ),
    auditPut(keys.circulation(circulation.circulationId), {
      action: `ballot.${event.event}`,
      actor: stateActor(state.code),
      at: now,
      details: { eventId, memberState: state.code, applicationIds: event.applicationIds, basisGiven: event.basis !== null, requestId: event.requestId },
    }),
  ];
}

export async function getBallot(holder: BallotHolder, now: Date): Promise<Ballot> {
  const { circulation, state } = await openBallot(holder, now);
  const [entries, objections, requests] = await Promise.all([listEntries(circulation.circulationId), listObjections(circulation.circulationId, state.code), listInformationRequests(circulation.circulationId, state.code)]);
  const standing = new Set(objections.filter((objection) => objection.state === 'standing').map((objection) => objection.applicationId));
  return {
    circulationId: circulation.circulationId,
    title: circulation.title,
    stage: circulation.stage,
    deadline: circulation.deadline,
    memberState: { code: state.code, name: state.name },
    applicants: entries.map((entry) => ({ applicationId: entry.applicationId, name: entry.name, country: entry.country, organisationType: entry.organisationType, objectedByYou: standing.has(entry.applicationId) })),
    objections,
    informationRequests: requests.map(({ circulationId: _c, memberStateName: _n, answeredBy: _b, ...request }) => request),
  };
}

/** A State objects to one or more names, with an optional confidential basis: one event, one alert to staff. */
export async function object(holder: BallotHolder, body: ObjectBody, now: Date) {
  for (let attempt = 0; ; attempt += 1) {
    const { circulation, state } = await openBallot(holder, now);
    const entries = new Map((await listEntries(circulation.circulationId)).map((entry) => [entry.applicationId, entry]));
    namesOnList('body.applicationIds', body.applicationIds, entries);
    const mine = new Map((await listObjections(circulation.circulationId, state.code)).map((objection) => [objection.applicationId, objection]));
    const fresh = body.applicationIds.filter((id) => mine.get(id)?.state !== 'standing');
    const alreadyStanding = body.applicationIds.filter((id) => mine.get(id)?.state === 'standing');
    if (fresh.length === 0) return { status: 200, body: { recorded: [], alreadyStanding, deadline: circulation.deadline } };
    const at = now.toISOString();
    const puts = fresh.map((applicationId) => {
      const objection: Objection = { applicationId, memberState: state.code, state: 'standing', objectedAt: at, withdrawnAt: null };
      const before = mine.get(applicationId);
      return {
        Put: {
          TableName: tableName(),
          Item: { ...keys.objection(circulation.circulationId, state.code, applicationId), type: 'objection', circulationId: circulation.circulationId, ...objection },
          ConditionExpression: before ? '#state = :withdrawn AND objectedAt = :objectedAt' : 'attribute_not_exists(pk)',
          ...(before ? { ExpressionAttributeNames: { '#state': 'state' }, ExpressionAttributeValues: { ':withdrawn': 'withdrawn', ':objectedAt': before.objectedAt } } : {}),
        },
      };
    });
    const { failedCondition } = await writeTogether([
      ...puts,
      ...eventPuts(circulation, state, { event: 'objected', applicationIds: fresh, basis: body.basis, requestId: null }, fresh.map((id) => entries.get(id)!), now),
    ]);
    if (failedCondition === undefined) return { status: 201, body: { recorded: fresh, alreadyStanding, deadline: circulation.deadline } };
    // The same State objected at the same moment from another request: read again and record what is left.
    if (attempt >= 3) throw new ConflictError('The objections changed while they were being recorded; please try again');
  }
}

/** A State withdraws its own standing objection to one name, before the deadline. */
export async function withdrawObjection(holder: BallotHolder, applicationId: string, now: Date): Promise<Objection> {
  const { circulation, state } = await openBallot(holder, now);
  const entry = (await listEntries(circulation.circulationId)).find((candidate) => candidate.applicationId === applicationId);
  if (!entry) throw new NotFoundError(`'${applicationId}' is not on this list`);
  const mine = (await listObjections(circulation.circulationId, state.code)).find((objection) => objection.applicationId === applicationId);
  if (!mine) throw new NotFoundError(`${state.name} has not objected to ${entry.name}`);
  if (mine.state === 'withdrawn') throw new ConflictError(`${state.name} already withdrew its objection to ${entry.name}, at ${mine.withdrawnAt ?? 'an earlier time'}`);
  const after: Objection = { ...mine, state: 'withdrawn', withdrawnAt: now.toISOString() };
  const { failedCondition } = await writeTogether([
    {
      Put: {
        TableName: tableName(),
        Item: { ...keys.objection(circulation.circulationId, state.code, applicationId), type: 'objection', circulationId: circulation.circulationId, ...after },
        ConditionExpression: '#state = :standing AND objectedAt = :objectedAt',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':standing': 'standing', ':objectedAt': mine.objectedAt },
      },
    },
    ...eventPuts(circulation, state, { event: 'withdrawn', applicationIds: [applicationId], basis: null, requestId: null }, [entry], now),
  ]);
  if (failedCondition !== undefined) throw new ConflictError(`The objection to ${entry.name} changed meanwhile; reload the ballot`);
  return after;
}

/** A State asks OPGA for the information received on the basis of objections (DOMAIN.md section 3.6). */
export async function requestInformation(holder: BallotHolder, body: InformationRequestBody, now: Date): Promise<InformationRequest> {
  const { circulation, state } = await openBallot(holder, now);
  const entries = new Map((await listEntries(circulation.circulationId)).map((entry) => [entry.applicationId, entry]));
  let applicationIds = body.applicationIds;
  if (applicationIds) namesOnList('body.applicationIds', applicationIds, entries);
  else {
    applicationIds = [...new Set((await listObjections(circulation.circulationId)).map((objection) => objection.applicationId))];
    if (applicationIds.length === 0) throw new ConflictError(`No Member State has objected to a name on ${circulation.title}: there is no basis to ask about`);
  }
  const at = now.toISOString();
  const request: InformationRequest = {
    requestId: `req_${randomBytes(8).toString('hex')}`,
    circulationId: circulation.circulationId,
    memberState: state.code,
    memberStateName: state.name,
    question: body.question,
    applicationIds,
    state: 'open',
    askedAt: at,
    answer: null,
    basesShared: null,
    answeredAt: null,
    answeredBy: null,
  };
  const events = eventPuts(circulation, state, { event: 'information-requested', applicationIds, basis: null, requestId: request.requestId }, applicationIds.map((id) => entries.get(id)!), now, body.question);
  await writeTogether([{ Put: { TableName: tableName(), Item: { ...keys.informationRequest(circulation.circulationId, request.requestId), type: 'informationRequest', ...request }, ConditionExpression: 'attribute_not_exists(pk)' } }, ...events]);
  return request;
}

// ---- Staff ----

/** Objections per applicant and per State, and every event with its confidential basis: for staff only. */
export async function objectionsView(circulationId: string) {
  const circulation = await getCirculation(circulationId);
  const [entries, objections, events] = await Promise.all([listEntries(circulationId), listObjections(circulationId), listBallotEvents(circulationId)]);
  const names = new Map(events.map((event) => [event.memberState, event.memberStateName]));
  const byApplicant = entries
    .map((entry) => {
      const about = objections.filter((objection) => objection.applicationId === entry.applicationId);
      return {
        applicationId: entry.applicationId,
        name: entry.name,
        standing: about.filter((objection) => objection.state === 'standing').map((objection) => objection.memberState).sort(),
        withdrawn: about.filter((objection) => objection.state === 'withdrawn').map((objection) => objection.memberState).sort(),
      };
    })
    .filter((row) => row.standing.length + row.withdrawn.length > 0);
  const byMemberState = [...new Set(objections.map((objection) => objection.memberState))].sort().map((code) => {
    const own = objections.filter((objection) => objection.memberState === code);
    return {
      memberState: code,
      name: names.get(code) ?? code,
      standing: own.filter((objection) => objection.state === 'standing').map((objection) => objection.applicationId),
      withdrawn: own.filter((objection) => objection.state === 'withdrawn').map((objection) => objection.applicationId),
    };
  });
  return { circulationId: circulation.circulationId, byApplicant, byMemberState, events: events.sort((a, b) => a.at.localeCompare(b.at)) };
}

export async function staffInformationRequests(circulationId: string): Promise<InformationRequest[]> {
  await getCirculation(circulationId);
  return listInformationRequests(circulationId);
}

/**
 * Staff answer a State's request: their message, and (unless they choose not to) the general bases
 * received for the names asked about, without saying which State gave them. Logged, and sent once.
 */
export async function answerInformationRequest(circulationId: string, requestId: string, body: AnswerBody, actor: Actor, now: Date): Promise<InformationRequest> {
  const circulation = await getCirculation(circulationId);
  const request = (await listInformationRequests(circulationId)).find((candidate) => candidate.requestId === requestId);
  if (!request) throw new NotFoundError(`No information request '${requestId}' on ${circulation.title}`);
  if (request.state === 'answered') throw new ConflictError(`The request was answered at ${request.answeredAt ?? 'an earlier time'}`);
  const state = await findMemberState(request.memberState);
  if (!state || state.contacts.length === 0) throw new ConflictError(`${request.memberStateName} has no mission address to send the answer to: add one first`);
  const entries = new Map((await listEntries(circulationId)).map((entry) => [entry.applicationId, entry]));
  const events = await listBallotEvents(circulationId);
  const bases = body.shareBases
    ? request.applicationIds
        .map((applicationId) => ({
          applicant: entries.get(applicationId)?.name ?? applicationId,
          bases: [...new Set(events.filter((event) => event.event === 'objected' && event.basis && event.applicationIds.includes(applicationId)).map((event) => event.basis!))],
        }))
        .filter((row) => row.bases.length > 0)
    : [];
  const at = now.toISOString();
  const after: InformationRequest = { ...request, state: 'answered', answer: body.answer, basesShared: bases.reduce((total, row) => total + row.bases.length, 0), answeredAt: at, answeredBy: actor.id };
  const { failedCondition } = await writeTogether([
    {
      Put: {
        TableName: tableName(),
        Item: { ...keys.informationRequest(circulationId, requestId), type: 'informationRequest', ...after },
        ConditionExpression: '#state = :open',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':open': 'open' },
      },
    },
    enqueueNotification(
      'informationAnswer',
      {
        to: state.contacts.map((contact) => contact.email),
        language: 'en',
        dedupeKey: `information-answer:${requestId}`,
        data: { memberStateName: state.name, circulationId, title: circulation.title, question: request.question, answer: body.answer, bases },
      },
      now,
    ),
    auditPut(keys.circulation(circulationId), { action: 'ballot.information-answered', actor, at: now, details: { requestId, memberState: request.memberState, basesShared: after.basesShared } }),
  ]);
  if (failedCondition !== undefined) throw new ConflictError('The request was answered meanwhile');
  return after;
}
