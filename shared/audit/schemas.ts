import * as z from 'zod';
import { keys, type ItemKey } from '#shared/db/keys.ts';

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
  .object({ action: z.string(), actorId: z.string(), actorRole: z.string(), actorName: z.string().optional().meta({ description: 'The person’s name, as the staff sign-in gave it (staff actions)' }), at: z.string(), details: z.record(z.string(), z.unknown()) })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;
