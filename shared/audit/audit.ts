import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { keys, type ItemKey } from '#shared/db/keys.ts';
import { queryPage, type Page } from '#shared/db/query.ts';
import { tableName } from '#shared/db/client.ts';

export interface Actor {
  id: string;
  role: string;
}

/** The Put of one audit entry, to go in the same transaction as the change it records. */
export function auditPut(entity: ItemKey, entry: { action: string; actor: Actor; at: Date; details: Record<string, unknown> }) {
  const at = entry.at.toISOString();
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.audit(entity, at, randomUUID()), type: 'audit', action: entry.action, actorId: entry.actor.id, actorRole: entry.actor.role, at, details: entry.details },
    },
  };
}

/** The things staff can read the history of, and the key each is kept under. */
export const auditedEntities = {
  meeting: (id: string) => keys.meeting(id),
  registration: (id: string) => keys.registration(id),
  'member-state': (id: string) => keys.memberState(id),
  organisation: (id: string) => keys.organisation(id),
  notification: (id: string) => keys.notification(id),
  'organisation-import': (id: string) => keys.organisationImport(id),
  circulation: (id: string) => keys.circulation(id),
  'committee-call': (id: string) => keys.committeeCall(id),
  'committee-member': (id: string) => keys.member(id),
  'trust-fund-inquiry': (id: string) => keys.inquiry(id),
  'trust-fund': (_id: string) => keys.trustFund(),
  application: (id: string) => keys.application(id),
  'accreditation-stage': (id: string) => keys.accreditationStage(id),
} as const satisfies Record<string, (id: string) => ItemKey>;
export type AuditedEntity = keyof typeof auditedEntities;

export const AuditEntry = z
  .object({ action: z.string(), actorId: z.string(), actorRole: z.string(), at: z.string(), details: z.record(z.string(), z.unknown()) })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

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
      toItem: (item) => ({ action: String(item.action), actorId: String(item.actorId), actorRole: String(item.actorRole), at: String(item.at), details: (item.details ?? {}) as Record<string, unknown> }),
    },
  );
}
