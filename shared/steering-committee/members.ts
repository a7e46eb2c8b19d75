import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { auditPut, type Actor } from '#shared/audit/audit.ts';
import { db, tableName } from '#shared/db/client.ts';
import { keys, withoutKeys } from '#shared/db/keys.ts';
import { writeTogether } from '#shared/db/transactions.ts';
import { ConflictError, NotFoundError } from '#shared/errors.ts';
import { getMeeting } from '#shared/meetings/use-cases.ts';
import { listMeetings } from '#shared/meetings/store.ts';
import type { Meeting } from '#shared/meetings/schemas.ts';
import { allRegistrations } from '#shared/registrations/store.ts';
import { listShortlist, speakerIdFor, speakerOf } from '#shared/registrations/speakers.ts';
import { allPages, queryAll, queryPrefix } from '#shared/db/query.ts';
import { committeeMembersAmong, isHearing, refuseMembersAsHearingSpeakers } from '#shared/steering-committee/membership.ts';
import type { Member } from '#shared/steering-committee/schemas.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { table: ['GetItem', 'PutItem', 'DeleteItem'], indexes: ['gsi1'] };

export async function getMember(memberId: string): Promise<Member> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.member(memberId) }));
  if (!Item) throw new NotFoundError(`No member has the id '${memberId}'`);
  const { type: _type, ...member } = withoutKeys(Item);
  return member as Member;
}

const allMeetings = () => allPages((cursor) => listMeetings({}, { limit: 200, cursor }));

interface StoredRecommendation {
  meetingId: string;
  speakerId: string;
  memberId: string;
  memberName: string;
  reason: string;
  at: string;
}
const recommendationsFor = async (meetingId: string) => (await queryPrefix(keys.recommendationPrefix(meetingId))).map((item) => withoutKeys(item) as unknown as StoredRecommendation);

/** Every representative of a meeting who asked to speak, from registrations still in the running. */
async function speakingCandidates(meetingId: string) {
  const registrations = await allRegistrations(meetingId);
  return registrations
    .filter((registration) => registration.state === 'pending' || registration.state === 'approved')
    .flatMap((registration) =>
      registration.representatives.filter((person) => person.wishesToSpeak).map((person) => ({ registration, person, speakerId: speakerIdFor(registration.registrationId, person.email) })),
    );
}

/** A member's page: who they are, and the meetings with speaking slots where they can recommend speakers. */
export async function memberPage(memberId: string) {
  const { email: _email, ...member } = await getMember(memberId);
  const meetings = (await allMeetings()).filter((meeting) => meeting.hasSpeakingSlots);
  return {
    member,
    meetings: await Promise.all(
      meetings.map(async (meeting) => ({
        meetingId: meeting.meetingId,
        title: meeting.title,
        kind: meeting.kind,
        dates: meeting.dates,
        speakingCandidates: (await speakingCandidates(meeting.meetingId)).length,
        recommendedByYou: (await recommendationsFor(meeting.meetingId)).filter((recommendation) => recommendation.memberId === memberId).length,
      })),
    ),
  };
}

async function meetingWithSlots(meetingId: string): Promise<Meeting> {
  const meeting = await getMeeting(meetingId);
  if (!meeting.hasSpeakingSlots) throw new ConflictError(`'${meetingId}' has no speaking slots`);
  return meeting;
}

/** What a member sees of the representatives who asked to speak: name, organisation, category, country, topic; nothing else. */
export async function memberSpeakingCandidates(memberId: string, meetingId: string) {
  await getMember(memberId);
  await meetingWithSlots(meetingId);
  const mine = new Map((await recommendationsFor(meetingId)).filter((recommendation) => recommendation.memberId === memberId).map((recommendation) => [recommendation.speakerId, recommendation]));
  return (await speakingCandidates(meetingId)).map(({ registration, person, speakerId }) => ({
    speakerId,
    name: person.name,
    organisationName: registration.organisation.name,
    category: registration.organisation.category,
    country: registration.organisation.country,
    topic: person.speakingTopic,
    recommendedByYou: mine.has(speakerId),
    reason: mine.get(speakerId)?.reason ?? null,
  }));
}

export async function recommend(memberId: string, meetingId: string, speakerId: string, reason: string, now: Date) {
  const member = await getMember(memberId);
  const meeting = await meetingWithSlots(meetingId);
  const candidate = (await speakingCandidates(meetingId)).find((entry) => entry.speakerId === speakerId);
  if (!candidate) throw new NotFoundError(`No representative '${speakerId}' asked to speak at '${meetingId}'`);
  // Members never speak at hearings: not the recommending member, nor any other (DOMAIN.md section 4).
  await refuseMembersAsHearingSpeakers(meeting, [candidate.person], 'recommend a representative who is not a member of the committee');
  const recommendation: StoredRecommendation = { meetingId, speakerId, memberId, memberName: member.name, reason, at: now.toISOString() };
  const actor: Actor = { id: `member:${memberId}`, role: 'member' };
  await writeTogether([
    { Put: { TableName: tableName(), Item: { ...keys.recommendation(meetingId, speakerId, memberId), type: 'recommendation', ...recommendation } } },
    auditPut(keys.meeting(meetingId), { action: 'speakers.recommended', actor, at: now, details: { speakerId, memberId, reason } }),
  ]);
  return { speakerId, recommendedByYou: true, reason };
}

export async function withdrawRecommendation(memberId: string, meetingId: string, speakerId: string, now: Date) {
  await getMember(memberId);
  const key = keys.recommendation(meetingId, speakerId, memberId);
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: key }));
  if (!Item) throw new NotFoundError(`You have not recommended '${speakerId}' for '${meetingId}'`);
  await db().send(new DeleteCommand({ TableName: tableName(), Key: key }));
  await db().send(new PutCommand(auditPut(keys.meeting(meetingId), { action: 'speakers.recommendationWithdrawn', actor: { id: `member:${memberId}`, role: 'member' }, at: now, details: { speakerId, memberId } }).Put));
}

/** Staff's view when building a speakers list: every representative who asked to speak, with the members' recommendations beside each. */
export async function staffSpeakingCandidates(meetingId: string) {
  const meeting = await meetingWithSlots(meetingId);
  const [candidates, recommendations, shortlisted] = await Promise.all([speakingCandidates(meetingId), recommendationsFor(meetingId), listShortlist(meetingId)]);
  const members = await committeeMembersAmong(candidates.map(({ person }) => person.email));
  const onShortlist = new Set(shortlisted.map((speaker) => speaker.speakerId));
  return candidates
    .map(({ registration, person, speakerId }) => ({
      ...speakerOf(registration, person),
      registrationState: registration.state,
      shortlisted: onShortlist.has(speakerId),
      steeringCommitteeMember: members.has(person.email.toLowerCase()),
      excludedAsHearingSpeaker: isHearing(meeting) && members.has(person.email.toLowerCase()),
      recommendations: recommendations
        .filter((recommendation) => recommendation.speakerId === speakerId)
        .map(({ memberId, memberName, reason, at }) => ({ memberId, memberName, reason, at }))
        .sort((a, b) => a.at.localeCompare(b.at)),
    }))
    .sort((a, b) => b.recommendations.length - a.recommendations.length);
}

/** The members of the committee, in the order they were appointed. */
export async function listMembers(): Promise<Member[]> {
  const items = await queryAll({ IndexName: keys.memberDirectoryIndex.indexName, KeyConditionExpression: 'gsi1pk = :members', ExpressionAttributeValues: { ':members': keys.memberDirectoryIndex.partition } });
  return items.map((item) => {
    const { type: _type, ...member } = withoutKeys(item);
    return member as Member;
  });
}
