import { auditPut, type Actor } from '#shared/audit/audit.ts';
import { tableName } from '#shared/db/client.ts';
import { keys } from '#shared/db/keys.ts';
import { writeTogether } from '#shared/db/transactions.ts';
import type { MemberState, MissionContact } from '#shared/member-states/schemas.ts';
import { memberStateItem } from '#shared/member-states/store.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { table: ['PutItem'] };

// Apart from shared/member-states/store.ts, whose reads most Lambdas bundle: only PUT .../contacts is granted this write.

/** Replaces a State's mission contacts if it is still at the version read; undefined if someone changed it first. */
export async function replaceContacts(state: MemberState, contacts: MissionContact[], actor: Actor, at: Date): Promise<MemberState | undefined> {
  const updated: MemberState = { ...state, contacts, updatedAt: at.toISOString(), version: state.version + 1 };
  const { failedCondition } = await writeTogether([
    {
      Put: {
        TableName: tableName(),
        Item: memberStateItem(updated),
        ConditionExpression: 'attribute_exists(pk) AND version = :expected',
        ExpressionAttributeValues: { ':expected': state.version },
      },
    },
    auditPut(keys.memberState(state.code), {
      action: 'memberState.contactsReplaced',
      actor,
      at,
      details: { before: state.contacts.map((contact) => contact.email), after: contacts.map((contact) => contact.email) },
    }),
  ]);
  return failedCondition === undefined ? updated : undefined;
}
