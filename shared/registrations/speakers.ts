import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { auditPut, type Actor } from '#shared/audit/audit.ts';
import { db, tableName } from '#shared/db/client.ts';
import { keys, withoutKeys } from '#shared/db/keys.ts';
import { writeTogether } from '#shared/db/transactions.ts';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '#shared/errors.ts';
import { getMeeting } from '#shared/meetings/use-cases.ts';
import { getRegistration } from '#shared/registrations/use-cases.ts';
import type { Registration, Representative } from '#shared/registrations/schemas.ts';
import type { Speaker, SpeakersList } from '#shared/registrations/speakers-schemas.ts';
import { refuseMembersAsHearingSpeakers } from '#shared/steering-committee/membership.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { table: ['GetItem', 'Query', 'PutItem', 'DeleteItem'] };

/** One id per representative of a registration: the same person is never shortlisted twice. */
export const speakerIdFor = (registrationId: string, email: string) => `spk_${createHash('sha256').update(`${registrationId}:${email}`).digest('hex').slice(0, 16)}`;

/** A representative who asked to speak, as the speakers list and the steering committee see them. */
export const speakerOf = (registration: Registration, person: Representative) => ({
  speakerId: speakerIdFor(registration.registrationId, person.email),
  registrationId: registration.registrationId,
  name: person.name,
  email: person.email,
  organisationName: registration.organisation.name,
  category: registration.organisation.category,
  country: registration.organisation.country,
  regionalGroup: registration.organisation.regionalGroup,
  gender: person.gender,
  topic: person.speakingTopic,
});

const speakingStates = new Set(['pending', 'approved']);

export async function listShortlist(meetingId: string): Promise<Speaker[]> {
  await getMeeting(meetingId);
  const { pk, skPrefix } = keys.speakerPrefix(meetingId);
  const { Items } = await db().send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)', ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix }, ConsistentRead: true }));
  return (Items ?? []).map((item) => {
    const { type: _type, ...speaker } = withoutKeys(item);
    return speaker as Speaker;
  }).sort((a, b) => a.shortlistedAt.localeCompare(b.shortlistedAt));
}

/** Shortlists a representative who asked to speak, of a registration still in the running, at a meeting with speaking slots. */
export async function shortlist(meetingId: string, input: { registrationId: string; email: string }, actor: Actor, now: Date): Promise<Speaker> {
  const meeting = await getMeeting(meetingId);
  if (!meeting.hasSpeakingSlots) throw new ConflictError(`'${meetingId}' has no speaking slots`);
  const registration = await getRegistration(input.registrationId).catch(() => undefined);
  if (!registration || registration.meetingId !== meetingId) throw new ValidationError(`No registration '${input.registrationId}' for this meeting`, { fields: [{ field: 'body.registrationId', message: 'is not a registration for this meeting' }] });
  if (!speakingStates.has(registration.state)) throw new UnprocessableError(`The registration is ${registration.state}; only pending or approved registrations can provide speakers`);
  const person = registration.representatives.find((candidate) => candidate.email === input.email);
  if (!person) throw new ValidationError(`${input.email} is not a representative of this registration`, { fields: [{ field: 'body.email', message: 'is not a representative of this registration' }] });
  if (!person.wishesToSpeak) throw new UnprocessableError(`${person.name} did not ask to speak`);
  await refuseMembersAsHearingSpeakers(meeting, [person], 'they cannot be shortlisted');
  const speaker: Speaker = {
    ...speakerOf(registration, person),
    meetingId,
    shortlistedBy: actor.id,
    shortlistedAt: now.toISOString(),
  };
  const { failedCondition } = await writeTogether([
    { Put: { TableName: tableName(), Item: { ...keys.speaker(meetingId, speaker.speakerId), type: 'speaker', ...speaker }, ConditionExpression: 'attribute_not_exists(pk)' } },
    auditPut(keys.meeting(meetingId), { action: 'speakers.shortlisted', actor, at: now, details: { speakerId: speaker.speakerId, registrationId: speaker.registrationId, name: speaker.name } }),
  ]);
  if (failedCondition !== undefined) throw new ConflictError(`${person.name} is already on the shortlist`);
  return speaker;
}

export async function removeFromShortlist(meetingId: string, speakerId: string, actor: Actor, now: Date): Promise<void> {
  try {
    await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.speaker(meetingId, speakerId), ConditionExpression: 'attribute_exists(pk)' }));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new NotFoundError(`'${speakerId}' is not on the shortlist of '${meetingId}'`);
    throw error;
  }
  await writeTogether([auditPut(keys.meeting(meetingId), { action: 'speakers.removed', actor, at: now, details: { speakerId } })]);
}

/** Publishes the final list, in speaking order; every speaker must be on the shortlist. */
export async function publishSpeakers(meetingId: string, speakerIds: string[], actor: Actor, now: Date): Promise<SpeakersList> {
  const shortlisted = new Map((await listShortlist(meetingId)).map((speaker) => [speaker.speakerId, speaker]));
  const missing = speakerIds.map((id, index) => ({ id, index })).filter(({ id }) => !shortlisted.has(id));
  if (missing.length) throw new ValidationError('Every speaker of the final list must be on the shortlist', { fields: missing.map(({ index }) => ({ field: `body.speakerIds.${index}`, message: 'is not on the shortlist' })) });
  const list: SpeakersList = {
    meetingId,
    speakers: speakerIds.map((id) => {
      const speaker = shortlisted.get(id) as Speaker;
      return { speakerId: speaker.speakerId, name: speaker.name, organisationName: speaker.organisationName, country: speaker.country, topic: speaker.topic };
    }),
    publishedAt: now.toISOString(),
    publishedBy: actor.id,
  };
  await writeTogether([
    { Put: { TableName: tableName(), Item: { ...keys.publishedSpeakers(meetingId), type: 'speakersList', ...list } } },
    auditPut(keys.meeting(meetingId), { action: 'speakers.published', actor, at: now, details: { speakerIds } }),
  ]);
  return list;
}

/** The published list, for everyone; before publication, an empty list with publishedAt null. */
export async function publishedSpeakers(meetingId: string): Promise<SpeakersList> {
  await getMeeting(meetingId);
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.publishedSpeakers(meetingId) }));
  if (!Item) return { meetingId, speakers: [], publishedAt: null, publishedBy: null };
  const { type: _type, publishedBy: _by, ...list } = withoutKeys(Item);
  return { ...(list as SpeakersList), publishedBy: null }; // who published is for staff (the audit trail), not the public
}
