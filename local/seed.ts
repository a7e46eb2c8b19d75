import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { db, tableName } from '#shared/db/client.ts';
import { keys } from '#shared/db/keys.ts';
import { CreateMeetingBody, type Meeting } from '#shared/meetings/schemas.ts';
import { MemberStateSeed, type MemberState } from '#shared/member-states/schemas.ts';
import { memberStateItem } from '#shared/member-states/store.ts';
import { meetingItem } from '#shared/meetings/store.ts';
import { seedStageItem } from '#shared/accreditation/applications.ts';
import { accreditationStages } from '#shared/organisations/schemas.ts';
import { TrustFundDetails } from '#shared/trust-fund/schemas.ts';
import { trustFundItem } from '#shared/trust-fund/trust-fund.ts';

/** The demo staff account: it signs in to the staff console on the local web pages only (local/web-server.ts). */

const seedFile = (name: string) => JSON.parse(readFileSync(new URL(`./seed/${name}`, import.meta.url), 'utf8')) as unknown;

/** Mission addresses on the reserved example.org domain, so no real mission is ever e-mailed. */
export const demoMissionAddress = (code: string) => `pm.${code.toLowerCase()}@missions.example.org`;

export function seedMeetings(now: Date): Meeting[] {
  return z.array(CreateMeetingBody).parse(seedFile('meetings.json')).map((meeting) => ({ ...meeting, createdAt: now.toISOString(), updatedAt: now.toISOString(), version: 1 }));
}

export function seedMemberStates(now: Date): MemberState[] {
  return z.array(MemberStateSeed).parse(seedFile('member-states.json')).map((state) => ({
    ...state,
    contacts: [{ email: demoMissionAddress(state.code), label: 'Permanent Mission, New York (demo)' }],
    updatedAt: now.toISOString(),
    version: 1,
  }));
}

/** The trust fund's details from local/seed/trust-fund.json: demo contacts on example.org; staff edit them with PUT /trust-fund. */
export const seedTrustFund = () => TrustFundDetails.parse(seedFile('trust-fund.json'));

/**
 * Puts every seed item that is not there yet: a restart never overwrites what staff changed.
 * Returns how many items were added.
 */
export async function seed(now: Date = new Date()): Promise<number> {
  const items: Record<string, unknown>[] = [
    ...seedMeetings(now).map(meetingItem),
    ...seedMemberStates(now).map(memberStateItem),
    ...accreditationStages.map((stage) => seedStageItem(stage, now)),
    trustFundItem(seedTrustFund(), now.toISOString(), 'seed', 1),
  ];
  let added = 0;
  const queue = [...items];
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        try {
          await db().send(new PutCommand({ TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
          added += 1;
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      }
    }),
  );
  return added;
}
