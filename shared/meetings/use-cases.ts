import { randomUUID } from 'node:crypto';
import type { Actor } from '#shared/audit/audit.ts';
import { ConflictError, NotFoundError, ValidationError } from '#shared/errors.ts';
import { fieldProblems } from '#shared/http/errors.ts';
import {
  checkMeetingConsistency,
  editableMeetingFields,
  Meeting,
  noticeableMeetingFields,
  type CreateMeetingBody,
  type MeetingChange,
  type MeetingEdit,
  type MeetingKind,
  type UpdateMeetingBody,
} from '#shared/meetings/schemas.ts';
import * as store from '#shared/meetings/store.ts';
import type { Page } from '#shared/db/query.ts';
import { retryOnVersionClash } from '#shared/db/transactions.ts';
// Places a larger capacity frees belong to the waiting list (that module never calls back in here).
import { promoteFromWaitlist } from '#shared/registrations/waiting-list.ts';

export interface StaffContext {
  actor: Actor;
  now: Date;
}

export async function getMeeting(meetingId: string): Promise<Meeting> {
  const meeting = await store.findMeeting(meetingId);
  if (!meeting) throw new NotFoundError(`No meeting has the id '${meetingId}'`);
  return meeting;
}

export async function createMeeting(input: CreateMeetingBody, { actor, now }: StaffContext): Promise<Meeting> {
  const at = now.toISOString();
  const meeting: Meeting = { ...input, createdAt: at, updatedAt: at, version: 1 };
  if (!(await store.insertMeeting(meeting, actor, now))) {
    throw new ConflictError(`A meeting with the id '${input.meetingId}' already exists; change that meeting instead, or choose another id`);
  }
  return meeting;
}

const MeetingAfterChange = Meeting.superRefine(checkMeetingConsistency);

/**
 * Applies a partial change. Concurrent changes never overwrite each other: the write is
 * conditional on the version read, and on a clash the change is applied again to the newer version.
 * Places that a larger (or no) capacity frees go to the waiting list, in arrival order.
 */
export async function updateMeeting(meetingId: string, change: UpdateMeetingBody, { actor, now }: StaffContext): Promise<Meeting> {
  const { before, after } = await retryOnVersionClash(
    async () => {
      const before = await getMeeting(meetingId);
      const merged = MeetingAfterChange.safeParse({ ...before, ...change, updatedAt: now.toISOString(), version: before.version + 1 });
      if (!merged.success) {
        const fields = fieldProblems('body', merged.error.issues);
        throw new ValidationError(`The change would leave the meeting inconsistent: ${fields.map((field) => `${field.field} ${field.message}`).join('; ')}`, { fields });
      }
      const after = merged.data;
      const written = await store.replaceMeeting(after, before.version, { change: noticeableChange(before, after, actor, now), audit: edited(before, after) }, actor, now);
      return written ? { before, after } : undefined;
    },
    () => new ConflictError(`The meeting '${meetingId}' is being changed by others right now; reload it and try again`),
  );
  if (after.capacity === null ? before.capacity !== null : before.capacity !== null && after.capacity > before.capacity) await promoteFromWaitlist(after, now);
  return after;
}

const differs = (before: Meeting, after: Meeting, field: keyof Meeting) => JSON.stringify(before[field]) !== JSON.stringify(after[field]);

function edited(before: Meeting, after: Meeting): MeetingEdit {
  const changedFields = editableMeetingFields.filter((field) => differs(before, after, field));
  const values = (meeting: Meeting) => Object.fromEntries(changedFields.map((field) => [field, meeting[field]]));
  return { changedFields, before: values(before), after: values(after) };
}

function noticeableChange(before: Meeting, after: Meeting, actor: Actor, now: Date): MeetingChange | undefined {
  const fields = noticeableMeetingFields.filter((field) => differs(before, after, field));
  if (fields.length === 0) return undefined;
  return {
    meetingId: after.meetingId,
    changeId: randomUUID(),
    changedAt: now.toISOString(),
    changedBy: actor.id,
    fields,
    before: Object.fromEntries(fields.map((field) => [field, before[field]])),
    after: Object.fromEntries(fields.map((field) => [field, after[field]])),
    registrantsNotifiedAt: null,
  };
}

export interface MeetingQuery {
  kind?: MeetingKind | undefined;
  upcoming?: boolean | undefined;
  registrationOpen?: boolean | undefined;
  limit: number;
  cursor?: string | undefined;
}

export function listMeetings(query: MeetingQuery, now: Date): Promise<Page<Meeting>> {
  return store.listMeetings(
    {
      kind: query.kind,
      timing: query.upcoming === undefined ? undefined : { upcoming: query.upcoming, today: now.toISOString().slice(0, 10) },
      registration: query.registrationOpen === undefined ? undefined : { open: query.registrationOpen, at: now },
    },
    { limit: query.limit, cursor: query.cursor },
  );
}

export async function listMeetingChanges(meetingId: string, page: { limit: number; cursor?: string | undefined }): Promise<Page<MeetingChange>> {
  await getMeeting(meetingId);
  return store.listMeetingChanges(meetingId, { limit: page.limit, cursor: page.cursor });
}
