import { randomUUID } from 'node:crypto';
import { keys, type ItemKey } from '#shared/db/keys.ts';
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
