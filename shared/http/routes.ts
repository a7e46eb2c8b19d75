import * as z from 'zod';
import { defineRoute } from '#shared/http/route-spec.ts';
import { CreateMeetingBody, Meeting, MeetingChange, MeetingId, MeetingKind, UpdateMeetingBody } from '#shared/meetings/schemas.ts';
import { CountryCode, MemberState, MemberStateStatus, PutMissionContactsBody, RegionalGroup } from '#shared/member-states/schemas.ts';
import { PageQuery } from '#shared/db/pagination.ts';
import { Health } from '#shared/system/schemas.ts';
import { Language, Notification, NotificationState, RenderedMessage, Suppression } from '#shared/email/schemas.ts';

/**
 * THE route table: every HTTP route of the system, once. infra/api-stack.ts builds API Gateway
 * routes and one Lambda per entry from it; local/server.ts mounts the same entries; the OpenAPI
 * document is generated from it. tests/unit/route-table.test.ts fails if a route is defined elsewhere.
 */
const queryFlag = z.enum(['true', 'false']).transform((flag) => flag === 'true');
const page = <T extends z.ZodType>(item: T, id: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).meta({ id });

export const routes = {
  getHealth: defineRoute({
    operationId: 'getHealth',
    method: 'GET',
    path: '/health',
    handler: 'system/get-health',
    access: 'public',
    summary: 'Whether the API can reach its table, and when each scheduled job last ran',
    tags: ['system'],
    response: { status: 200, description: 'The system is up', schema: Health },
  }),
  getOpenApi: defineRoute({
    operationId: 'getOpenApi',
    method: 'GET',
    path: '/openapi.json',
    handler: 'system/get-openapi',
    access: 'public',
    summary: 'This API described as OpenAPI 3.1',
    tags: ['system'],
    response: { status: 200, description: 'The OpenAPI document' },
  }),

  listMeetings: defineRoute({
    operationId: 'listMeetings',
    method: 'GET',
    path: '/meetings',
    handler: 'meetings/list-meetings',
    access: 'public',
    summary: 'The meeting catalogue in date order (meetings with dates to be announced last)',
    tags: ['meetings'],
    query: z
      .object({
        kind: MeetingKind.optional(),
        upcoming: queryFlag.optional().meta({ description: 'true: meetings not yet over, and those with dates to be announced; false: meetings that are over' }),
        registrationOpen: queryFlag.optional().meta({ description: 'true: registration open now; false: not open (not set, not yet open, or closed)' }),
        ...PageQuery,
      })
      .strict(),
    response: { status: 200, description: 'A page of meetings', schema: page(Meeting, 'MeetingPage') },
  }),
  getMeeting: defineRoute({
    operationId: 'getMeeting',
    method: 'GET',
    path: '/meetings/{meetingId}',
    handler: 'meetings/get-meeting',
    access: 'public',
    summary: 'One meeting',
    tags: ['meetings'],
    params: z.object({ meetingId: MeetingId }),
    response: { status: 200, description: 'The meeting', schema: Meeting },
    errors: [404],
  }),
  createMeeting: defineRoute({
    operationId: 'createMeeting',
    method: 'POST',
    path: '/meetings',
    handler: 'meetings/create-meeting',
    access: 'staff',
    summary: 'Add a meeting to the catalogue',
    tags: ['meetings'],
    body: CreateMeetingBody,
    response: { status: 201, description: 'The meeting as stored', schema: Meeting },
    errors: [401, 403, 409, 413, 415, 422],
  }),
  updateMeeting: defineRoute({
    operationId: 'updateMeeting',
    method: 'PATCH',
    path: '/meetings/{meetingId}',
    handler: 'meetings/update-meeting',
    access: 'staff',
    summary: 'Change a meeting; a change of dates, venue, time zone or registration window is recorded for registrants',
    tags: ['meetings'],
    params: z.object({ meetingId: MeetingId }),
    body: UpdateMeetingBody,
    response: { status: 200, description: 'The meeting after the change', schema: Meeting },
    errors: [401, 403, 404, 409, 413, 415],
  }),
  listMeetingChanges: defineRoute({
    operationId: 'listMeetingChanges',
    method: 'GET',
    path: '/meetings/{meetingId}/changes',
    handler: 'meetings/list-meeting-changes',
    access: 'staff',
    summary: 'The recorded changes of dates, venue, time zone and registration window, newest first',
    tags: ['meetings'],
    params: z.object({ meetingId: MeetingId }),
    query: z.object(PageQuery).strict(),
    response: { status: 200, description: 'A page of changes', schema: page(MeetingChange, 'MeetingChangePage') },
    errors: [401, 403, 404],
  }),

  listMemberStates: defineRoute({
    operationId: 'listMemberStates',
    method: 'GET',
    path: '/member-states',
    handler: 'member-states/list-member-states',
    access: 'staff',
    summary: 'The Member State registry in name order, with mission addresses',
    tags: ['member-states'],
    query: z
      .object({ regionalGroup: RegionalGroup.optional(), status: MemberStateStatus.optional(), ...PageQuery, limit: PageQuery.limit.unwrap().max(250).default(250) })
      .strict(),
    response: { status: 200, description: 'A page of Member States', schema: page(MemberState, 'MemberStatePage') },
    errors: [401, 403],
  }),
  putMemberStateContacts: defineRoute({
    operationId: 'putMemberStateContacts',
    method: 'PUT',
    path: '/member-states/{code}/contacts',
    handler: 'member-states/put-contacts',
    access: 'staff',
    summary: "Replace a Member State's mission addresses (at least one)",
    tags: ['member-states'],
    params: z.object({ code: CountryCode }),
    body: PutMissionContactsBody,
    response: { status: 200, description: 'The Member State after the change', schema: MemberState },
    errors: [401, 403, 404, 413, 415],
  }),

  listNotifications: defineRoute({
    operationId: 'listNotifications',
    method: 'GET',
    path: '/notifications',
    handler: 'notifications/list-notifications',
    access: 'staff',
    summary: 'Notifications in one state (failed by default): failed, sent and suppressed newest first; pending and sending next due first',
    tags: ['notifications'],
    query: z.object({ state: NotificationState.default('failed'), ...PageQuery }).strict(),
    response: { status: 200, description: 'A page of notifications', schema: page(Notification, 'NotificationPage') },
    errors: [401, 403],
  }),
  getNotification: defineRoute({
    operationId: 'getNotification',
    method: 'GET',
    path: '/notifications/{notificationId}',
    handler: 'notifications/get-notification',
    access: 'staff',
    summary: 'One notification with its state, attempts and rendered text',
    tags: ['notifications'],
    params: z.object({ notificationId: z.string().regex(/^[\w-]{10,64}$/) }),
    response: { status: 200, description: 'The notification and its rendered message', schema: z.object({ notification: Notification, rendered: RenderedMessage }) },
    errors: [401, 403, 404],
  }),
  retryNotification: defineRoute({
    operationId: 'retryNotification',
    method: 'POST',
    path: '/notifications/{notificationId}/retry',
    handler: 'notifications/retry-notification',
    access: 'staff',
    summary: 'Put a failed or suppressed notification back in the queue with fresh attempts',
    tags: ['notifications'],
    params: z.object({ notificationId: z.string().regex(/^[\w-]{10,64}$/) }),
    response: { status: 200, description: 'The notification, pending again', schema: Notification },
    errors: [401, 403, 404, 409],
  }),
  listNotificationTemplates: defineRoute({
    operationId: 'listNotificationTemplates',
    method: 'GET',
    path: '/notification-templates',
    handler: 'notifications/list-templates',
    access: 'staff',
    summary: 'Every e-mail template, with sample data',
    tags: ['notifications'],
    response: { status: 200, description: 'The templates', schema: z.object({ items: z.array(z.object({ templateId: z.string(), sampleData: z.unknown() })) }) },
    errors: [401, 403],
  }),
  previewNotificationTemplate: defineRoute({
    operationId: 'previewNotificationTemplate',
    method: 'POST',
    path: '/notification-templates/{templateId}/preview',
    handler: 'notifications/preview-template',
    access: 'staff',
    summary: "Render a template with the data given (or its sample data), as it would be sent",
    tags: ['notifications'],
    params: z.object({ templateId: z.string().regex(/^[a-z][a-z0-9-]{1,62}$/) }),
    body: z.object({ language: Language.default('en'), data: z.record(z.string(), z.unknown()).optional() }).strict(),
    response: { status: 200, description: 'The rendered message', schema: RenderedMessage },
    errors: [401, 403, 404, 413, 415],
  }),
  listSuppressions: defineRoute({
    operationId: 'listSuppressions',
    method: 'GET',
    path: '/suppressions',
    handler: 'notifications/list-suppressions',
    access: 'staff',
    summary: 'Addresses no e-mail is sent to (bounced, complained, or added by staff)',
    tags: ['notifications'],
    query: z.object(PageQuery).strict(),
    response: { status: 200, description: 'A page of suppressed addresses', schema: page(Suppression, 'SuppressionPage') },
    errors: [401, 403],
  }),
  putSuppression: defineRoute({
    operationId: 'putSuppression',
    method: 'PUT',
    path: '/suppressions/{email}',
    handler: 'notifications/put-suppression',
    access: 'staff',
    summary: 'Stop sending to an address',
    tags: ['notifications'],
    params: z.object({ email: z.email() }),
    body: z.object({ detail: z.string().trim().max(500).nullable().default(null) }).strict(),
    response: { status: 200, description: 'The suppression', schema: Suppression },
    errors: [401, 403, 413, 415],
  }),
  deleteSuppression: defineRoute({
    operationId: 'deleteSuppression',
    method: 'DELETE',
    path: '/suppressions/{email}',
    handler: 'notifications/delete-suppression',
    access: 'staff',
    summary: 'Lift a suppression: e-mail is sent to the address again',
    tags: ['notifications'],
    params: z.object({ email: z.email() }),
    response: { status: 204, description: 'Lifted' },
    errors: [401, 403, 404],
  }),
} as const;

export type RouteId = keyof typeof routes;
export const routeList = Object.values(routes);
