import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { auditPut, type Actor } from '#shared/audit/audit.ts';
import { statusLink } from '#shared/auth/status-link.ts';
import { db, tableName } from '#shared/db/client.ts';
import { keys, withoutKeys } from '#shared/db/keys.ts';
import { writeTogether } from '#shared/db/transactions.ts';
import { enqueueNotification } from '#shared/email/outbox.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '#shared/errors.ts';
import { pathFor } from '#shared/http/route-spec.ts';
import { routes } from '#shared/http/routes.ts';
import { registryCountry } from '#shared/member-states/store.ts';
import { queryPrefix } from '#shared/db/query.ts';
import { composition, suggestSlate, type SlateCandidate } from '#shared/steering-committee/slate.ts';
import type { Call, CandidacyStatus, Candidate, CandidacyBody, CreateCallBody, DecisionBody, Member, Review, ReviewedCandidate } from '#shared/steering-committee/schemas.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { table: ['GetItem', 'Query', 'PutItem', 'UpdateItem'], indexes: ['gsi1'] };

const candidateActor: Actor = { id: 'candidate', role: 'public' };
const hex = () => randomBytes(8).toString('hex');
const strip = <T>(item: Record<string, unknown>): T => {
  const { type: _type, ...rest } = withoutKeys(item);
  return rest as T;
};

const callItem = (call: Call) => ({ ...keys.committeeCall(call.callId), ...keys.committeeCallCatalogue(call.createdAt, call.callId), type: 'committeeCall', ...call });
const candidateItem = (candidate: Candidate) => ({ ...keys.candidate(candidate.callId, candidate.candidateId), type: 'candidate', ...candidate });
export const memberItem = (member: Member) => ({ ...keys.member(member.memberId), ...keys.memberDirectory(member.since, member.memberId), type: 'member', ...member });

export async function createCall(body: CreateCallBody, actor: Actor, now: Date): Promise<Call> {
  const deadline = new Date(body.deadline).toISOString();
  if (deadline <= now.toISOString()) throw new ValidationError(`The deadline ${deadline} has passed`, { fields: [{ field: 'body.deadline', message: 'must be in the future' }] });
  const call: Call = { callId: `call_${hex()}`, ...body, deadline, applications: 0, state: 'open', createdAt: now.toISOString(), decidedAt: null, version: 1 };
  await writeTogether([
    { Put: { TableName: tableName(), Item: callItem(call), ConditionExpression: 'attribute_not_exists(pk)' } },
    auditPut(keys.committeeCall(call.callId), { action: 'call.opened', actor, at: now, details: { title: call.title, seats: call.seats, deadline } }),
  ]);
  return call;
}

export async function getCall(callId: string): Promise<Call> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.committeeCall(callId), ConsistentRead: true }));
  if (!Item) throw new NotFoundError(`No call has the id '${callId}'`);
  return strip<Call>(Item);
}

/** Calls newest first: all of them for staff, or only those open now (the public list). */
export async function listCalls(openOnly: boolean, now: Date): Promise<Call[]> {
  const { Items = [] } = await db().send(
    new QueryCommand({ TableName: tableName(), IndexName: keys.committeeCallCatalogueIndex.indexName, KeyConditionExpression: 'gsi1pk = :calls', ExpressionAttributeValues: { ':calls': keys.committeeCallCatalogueIndex.partition }, ScanIndexForward: false }),
  );
  const calls = Items.map((item) => strip<Call>(item));
  return openOnly ? calls.filter((call) => call.state === 'open' && call.deadline > now.toISOString()) : calls;
}

/** A candidate applies to an open call before its deadline, once per address; the call counts them (and may be full). */
export async function applyToCall(callId: string, body: CandidacyBody, now: Date): Promise<Candidate> {
  const call = await getCall(callId);
  const { regionalGroup } = await registryCountry(body.country, 'body.country');
  if (call.state !== 'open') throw new ConflictError(`${call.title} has been decided; it takes no more applications`);
  if (now.toISOString() > call.deadline) throw new ConflictError(`Applications to ${call.title} closed at ${call.deadline}`);
  const email = body.email.toLowerCase();
  const candidate: Candidate = {
    candidateId: `cand_${hex()}`,
    callId,
    ...body,
    email,
    regionalGroup,
    createdAt: now.toISOString(),
    decision: null,
    decisionReason: null,
  };
  const link = await candidacyLink(call, candidate.candidateId, now);
  const { failedCondition } = await writeTogether([
    {
      Update: {
        TableName: tableName(),
        Key: keys.committeeCall(callId),
        UpdateExpression: 'SET applications = applications + :one',
        ConditionExpression: '#state = :open AND deadline >= :now AND (attribute_type(maxApplications, :null) OR applications < maxApplications)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':one': 1, ':open': 'open', ':now': now.toISOString(), ':null': 'NULL' },
      },
    },
    { Put: { TableName: tableName(), Item: { ...keys.candidateEmail(callId, email), type: 'candidateEmail', candidateId: candidate.candidateId }, ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { TableName: tableName(), Item: candidateItem(candidate), ConditionExpression: 'attribute_not_exists(pk)' } },
    enqueueNotification(
      'candidateReceived',
      { to: [email], language: body.language, dedupeKey: `candidate-received:${candidate.candidateId}`, data: { candidateName: body.name, callTitle: call.title, callDeadline: call.deadline, seats: call.seats, statusUrl: link.url } },
      now,
    ),
    auditPut(keys.committeeCall(callId), { action: 'call.applied', actor: candidateActor, at: now, details: { candidateId: candidate.candidateId } }),
  ]);
  if (failedCondition === 0) {
    const latest = await getCall(callId);
    if (latest.state !== 'open') throw new ConflictError(`${call.title} has been decided; it takes no more applications`);
    if (latest.maxApplications !== null && latest.applications >= latest.maxApplications) throw new ConflictError(`${call.title} is full: it takes ${latest.maxApplications} applications`);
    throw new ConflictError(`Applications to ${call.title} closed at ${call.deadline}`);
  }
  if (failedCondition === 1) throw new ConflictError(`${email} has already applied to ${call.title}`, { fields: [{ field: 'body.email', message: 'has already applied to this call' }] });
  if (failedCondition !== undefined) throw new ConflictError('The application could not be stored because of a concurrent change; please try again');
  return candidate;
}

/** The acknowledgement's link to the application: it lasts a year past the call's deadline, long after the decision. */
function candidacyLink(call: Call, candidateId: string, now: Date) {
  return statusLink('candidate', pathFor(routes.getCandidacyStatus, { callId: call.callId, candidateId }), candidateId, new Date(Date.parse(call.deadline) + 365 * 24 * 3600_000), now);
}

/** An application as its candidate sees it: the call and, once decided, the decision with the reason staff sent. */
export async function candidacyStatus(callId: string, candidateId: string): Promise<CandidacyStatus> {
  const call = await getCall(callId);
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.candidate(callId, candidateId) }));
  if (!Item) throw new NotFoundError(`No application '${candidateId}' to this call`);
  const candidate = strip<Candidate>(Item);
  return {
    candidateId,
    callId,
    callTitle: call.title,
    callDeadline: call.deadline,
    callState: call.state,
    name: candidate.name,
    organisation: candidate.organisation,
    constituency: candidate.constituency,
    createdAt: candidate.createdAt,
    decision: candidate.decision,
    decisionReason: candidate.decisionReason,
  };
}

const mean = (reviews: Review[]) => (reviews.length ? Math.round((reviews.reduce((total, review) => total + review.score, 0) / reviews.length) * 100) / 100 : null);

/** Every candidate of a call with every reviewer's score and note, best mean score first. */
export async function reviewedCandidates(callId: string): Promise<ReviewedCandidate[]> {
  await getCall(callId);
  const [candidates, reviews] = await Promise.all([queryPrefix(keys.candidatePrefix(callId)), queryPrefix(keys.reviewPrefix(callId))]);
  const byCandidate = new Map<string, Review[]>();
  for (const item of reviews) {
    const { candidateId, callId: _call, ...review } = strip<Review & { candidateId: string; callId: string }>(item);
    byCandidate.set(candidateId, [...(byCandidate.get(candidateId) ?? []), review]);
  }
  return candidates
    .map((item) => {
      const candidate = strip<Candidate>(item);
      const own = (byCandidate.get(candidate.candidateId) ?? []).sort((a, b) => a.reviewer.localeCompare(b.reviewer));
      return { ...candidate, reviews: own, meanScore: mean(own) };
    })
    .sort((a, b) => (b.meanScore ?? -1) - (a.meanScore ?? -1) || a.candidateId.localeCompare(b.candidateId));
}

/** A staff reviewer scores a candidate (1 to 5) with a note; their own earlier review is replaced, others' kept. */
export async function reviewCandidate(callId: string, candidateId: string, input: { score: number; note: string | null }, actor: Actor, now: Date): Promise<ReviewedCandidate> {
  const call = await getCall(callId);
  if (call.state === 'decided') throw new ConflictError(`${call.title} has been decided; reviews are closed`);
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.candidate(callId, candidateId) }));
  if (!Item) throw new NotFoundError(`No candidate '${candidateId}' on this call`);
  const review: Review = { reviewer: actor.id, score: input.score, note: input.note, at: now.toISOString() };
  await writeTogether([
    { Put: { TableName: tableName(), Item: { ...keys.review(callId, candidateId, actor.id), type: 'review', callId, candidateId, ...review } } },
    auditPut(keys.committeeCall(callId), { action: 'call.reviewed', actor, at: now, details: { candidateId, score: input.score } }),
  ]);
  const all = await reviewedCandidates(callId);
  return all.find((candidate) => candidate.candidateId === candidateId)!;
}

const slateCandidate = (candidate: ReviewedCandidate): SlateCandidate => ({
  candidateId: candidate.candidateId,
  score: candidate.meanScore,
  regionalGroup: candidate.regionalGroup,
  gender: candidate.gender,
  ageBracket: candidate.ageBracket,
  constituency: candidate.constituency,
});

function known(field: string, ids: readonly string[], pool: Map<string, unknown>) {
  const problems: FieldProblem[] = ids.flatMap((id, index) => (pool.has(id) ? [] : [{ field: `${field}[${index}]`, message: `'${id}' is not a candidate of this call` }]));
  if (problems.length > 0) throw new ValidationError(`Not candidates of this call: ${problems.map((problem) => problem.field).join(', ')}`, { fields: problems });
}

/** Staff's working selection and its composition against the seats, with every imbalance named. */
export async function getSelection(callId: string) {
  const call = await getCall(callId);
  const pool = (await reviewedCandidates(callId)).map(slateCandidate);
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.committeeSelection(callId), ConsistentRead: true }));
  const candidateIds = (Item?.candidateIds as string[] | undefined) ?? [];
  const byId = new Map(pool.map((candidate) => [candidate.candidateId, candidate]));
  return {
    callId,
    candidateIds,
    composition: composition(candidateIds.flatMap((id) => byId.get(id) ?? []), call.seats, { pool, constituenciesSought: call.constituencies }),
    updatedAt: (Item?.updatedAt as string | undefined) ?? null,
    updatedBy: (Item?.updatedBy as string | undefined) ?? null,
  };
}

export async function putSelection(callId: string, candidateIds: string[], actor: Actor, now: Date) {
  const call = await getCall(callId);
  if (call.state === 'decided') throw new ConflictError(`${call.title} has been decided`);
  const pool = new Map((await reviewedCandidates(callId)).map((candidate) => [candidate.candidateId, candidate]));
  known('body.candidateIds', candidateIds, pool);
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.committeeSelection(callId), type: 'committeeSelection', candidateIds, updatedAt: now.toISOString(), updatedBy: actor.id } }));
  return getSelection(callId);
}

/** A slate suggested from the scores under the balance constraints, beside the top-scored slate. */
export async function suggestedSlate(callId: string) {
  const call = await getCall(callId);
  const pool = (await reviewedCandidates(callId)).map(slateCandidate);
  return suggestSlate(pool, call.seats, call.constituencies);
}

function memberLink(memberId: string, now: Date) {
  // A member's page is theirs for the committee's work: two years.
  return statusLink('member', pathFor(routes.getMemberPage, { memberId }), memberId, new Date(now.getTime() + 2 * 365 * 24 * 3600_000), now);
}

/**
 * Staff decide: the selection (at most the seats) is recorded with its reasons and the call closes,
 * in one transaction; then each candidate is told and each selected one becomes a member with a
 * link to their page, one conditional transaction each. Sending the same decision again finishes
 * what a crash left undone; another decision on a decided call is refused.
 */
export async function decide(callId: string, body: DecisionBody, actor: Actor, now: Date) {
  let call = await getCall(callId);
  const candidates = await reviewedCandidates(callId);
  const pool = new Map(candidates.map((candidate) => [candidate.candidateId, candidate]));
  known('body.candidateIds', body.candidateIds, pool);
  known('body.candidateReasons', Object.keys(body.candidateReasons), pool);
  if (body.candidateIds.length > call.seats) {
    throw new ValidationError(`The call has ${call.seats} seats; the decision selects ${body.candidateIds.length}`, { fields: [{ field: 'body.candidateIds', message: `must hold at most ${call.seats}` }] });
  }
  const at = now.toISOString();
  if (call.state === 'decided') {
    const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.committeeSelection(callId), ConsistentRead: true }));
    if (JSON.stringify(Item?.decided) !== JSON.stringify(body.candidateIds)) throw new ConflictError(`${call.title} was decided at ${call.decidedAt ?? 'an earlier time'}`);
  } else {
    const after: Call = { ...call, state: 'decided', decidedAt: at, version: call.version + 1 };
    const { failedCondition } = await writeTogether([
      { Put: { TableName: tableName(), Item: callItem(after), ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': call.version } } },
      { Put: { TableName: tableName(), Item: { ...keys.committeeSelection(callId), type: 'committeeSelection', candidateIds: body.candidateIds, decided: body.candidateIds, reasons: body.reasons, updatedAt: at, updatedBy: actor.id } } },
      auditPut(keys.committeeCall(callId), {
        action: 'call.decided',
        actor,
        at: now,
        details: { selected: body.candidateIds, reasons: body.reasons, composition: composition(body.candidateIds.map((id) => slateCandidate(pool.get(id)!)), call.seats, { pool: candidates.map(slateCandidate), constituenciesSought: call.constituencies }).imbalances.map((imbalance) => imbalance.message) },
      }),
    ]);
    if (failedCondition !== undefined) throw new ConflictError(`${call.title} changed meanwhile; reload it`);
    call = after;
  }
  const selected = new Set(body.candidateIds);
  const members: Member[] = [];
  for (const candidate of candidates) {
    const isSelected = selected.has(candidate.candidateId);
    const reason = body.candidateReasons[candidate.candidateId] ?? null;
    const member: Member | undefined = isSelected
      ? {
          memberId: `mem_${candidate.candidateId.slice(5)}`,
          callId,
          candidateId: candidate.candidateId,
          name: candidate.name,
          email: candidate.email,
          organisation: candidate.organisation,
          constituency: candidate.constituency,
          country: candidate.country,
          regionalGroup: candidate.regionalGroup,
          gender: candidate.gender,
          ageBracket: candidate.ageBracket,
          since: at,
        }
      : undefined;
    if (member) members.push(member);
    if (candidate.decision) continue;
    const { reviews: _reviews, meanScore: _mean, ...stored } = candidate;
    const link = member ? await memberLink(member.memberId, now) : undefined;
    await writeTogether([
      {
        Put: {
          TableName: tableName(),
          Item: candidateItem({ ...stored, decision: isSelected ? 'selected' : 'not-selected', decisionReason: reason }),
          ConditionExpression: 'attribute_type(decision, :null)',
          ExpressionAttributeValues: { ':null': 'NULL' },
        },
      },
      ...(member
        ? [
            { Put: { TableName: tableName(), Item: memberItem(member) } },
            { Put: { TableName: tableName(), Item: { ...keys.memberEmail(member.email), type: 'memberEmail', memberId: member.memberId } } },
            auditPut(keys.member(member.memberId), { action: 'member.appointed', actor, at: now, details: { callId } }),
          ]
        : []),
      enqueueNotification(
        'candidateDecision',
        { to: [candidate.email], language: candidate.language ?? 'en', dedupeKey: `candidate-decision:${candidate.candidateId}`, data: { candidateName: candidate.name, callTitle: call.title, selected: isSelected, reason, committeeUrl: link?.url ?? null } },
        now,
      ),
    ]);
  }
  return { call, selected: members, notSelected: candidates.length - members.length };
}
