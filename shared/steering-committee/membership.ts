import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/db/client.ts';
import { keys } from '#shared/db/keys.ts';
import { UnprocessableError } from '#shared/errors.ts';
import type { Meeting } from '#shared/meetings/schemas.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { table: ['GetItem'] };

/** Hearings are the meetings whose speakers the committee's members may not be (DOMAIN.md section 4). */
export const isHearing = (meeting: Pick<Meeting, 'kind'>) => meeting.kind === 'multi-stakeholder-hearing';

/** The addresses, among these, of members of the steering committee. */
export async function committeeMembersAmong(emails: readonly string[]): Promise<Set<string>> {
  const found = await Promise.all(
    [...new Set(emails.map((email) => email.toLowerCase()))].map(async (email) => {
      const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.memberEmail(email) }));
      return Item ? email : undefined;
    }),
  );
  return new Set(found.filter((email): email is string => email !== undefined));
}

/**
 * The registration flow's rule: a member of the committee is not considered for speaking roles at a
 * hearing. Refuses (422, naming them) when any of these would-be speakers of a hearing is a member.
 */
export async function refuseMembersAsHearingSpeakers(meeting: Pick<Meeting, 'kind' | 'meetingId'>, speakers: readonly { email: string; name: string }[], hint: string): Promise<void> {
  if (!isHearing(meeting) || speakers.length === 0) return;
  const members = await committeeMembersAmong(speakers.map((speaker) => speaker.email));
  const named = speakers.filter((speaker) => members.has(speaker.email.toLowerCase()));
  if (named.length === 0) return;
  throw new UnprocessableError(
    `${named.map((speaker) => speaker.name).join(', ')} ${named.length === 1 ? 'is a member' : 'are members'} of the stakeholder steering committee, and members are not considered for speaking roles at the hearings (${meeting.meetingId}): ${hint}`,
  );
}

