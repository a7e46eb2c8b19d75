import { randomUUID } from 'node:crypto';
import { keys, type ItemKey } from '#shared/db/keys.ts';
import { queryPage, type Page } from '#shared/db/query.ts';
import { tableName } from '#shared/db/client.ts';
import { auditedEntities, type AuditedEntity, type AuditEntry } from '#shared/audit/schemas.ts';

export { AuditEntry, auditedEntities, type AuditedEntity } from '#shared/audit/schemas.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { table: ['PutItem'] };

/** Who acts: for staff, the provider's subject, their role and the name the provider gives. */
export interface Actor {
  id: string;
  role: string;
  name?: string | undefined;
}

/** The Put of one audit entry, to go in the same transaction as the change it records. */
export function auditPut(entity: ItemKey, entry: { action: string; actor: Actor; at: Date; details: Record<string, unknown> }) {
  const at = entry.at.toISOString();
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.audit(entity, at, randomUUID()), type: 'audit', action: entry.action, actorId: entry.actor.id, actorRole: entry.actor.role, ...(entry.actor.name ? { actorName: entry.actor.name } : {}), at, details: entry.details },
    },
  };
}


/** Who did what, when and why to one entity, newest first. */
export function auditTrail(entity: AuditedEntity, id: string, page: { limit: number; cursor?: string | undefined }): Promise<Page<AuditEntry>> {
  const { pk } = auditedEntities[entity](id);
  return queryPage(
    { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)', ExpressionAttributeValues: { ':pk': pk, ':audit': 'AUDIT#' }, ScanIndexForward: false },
    {
      limit: page.limit,
      cursor: page.cursor,
      partition: { pk },
      sortKeyPrefix: { sk: 'AUDIT#' },
      toItem: (item) => ({ action: String(item.action), actorId: String(item.actorId), actorRole: String(item.actorRole), ...(typeof item.actorName === 'string' ? { actorName: item.actorName } : {}), at: String(item.at), details: (item.details ?? {}) as Record<string, unknown> }),
    },
  );
}
