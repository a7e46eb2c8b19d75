import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/db/client.ts';
import { keys } from '#shared/db/keys.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { table: ['GetItem'] };

/** The one thing a link opens: its audience (kind), the record it names, and the Member State holding a ballot. */
export interface LinkScope {
  audience: string;
  subject: string;
  holder: string | undefined;
}

/**
 * When an admin last withdrew the links of this thing: every token issued before that instant is
 * refused from then on, wherever it is presented (shared/auth/tokens.ts verifies every link). Read
 * strongly consistent, so a link withdrawn a moment ago no longer opens anything.
 */
export async function linksRevokedBefore(scope: LinkScope): Promise<Date | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.linkRevocation(scope.audience, scope.subject, scope.holder), ConsistentRead: true, ProjectionExpression: 'revokedBefore' }));
  return typeof Item?.revokedBefore === 'string' ? new Date(Item.revokedBefore) : undefined;
}
